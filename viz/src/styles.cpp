// Reads ontology/viz/styles.json. Strict like the schema reader: unknown keys and malformed
// colors are errors, so a typo does not silently fall back to grey.
#include "normgraph/viz/styles.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <cstdlib>
#include <fstream>
#include <initializer_list>
#include <sstream>

#include "normgraph/core/errors.hpp"
#include "normgraph/core/ontology_dir.hpp"

namespace normgraph::viz {

class StylesReader {
 public:
  explicit StylesReader(std::string path) : path_(std::move(path)) {}

  Styles read() {
    std::ifstream in(path_, std::ios::binary);
    if (!in) throw InputError(path_ + ": cannot read the styles file");
    std::stringstream text;
    text << in.rdbuf();
    rapidjson::Document doc;
    doc.Parse(text.str().c_str());
    if (doc.HasParseError())
      throw InputError(path_ + ": malformed JSON at byte " + std::to_string(doc.GetErrorOffset()) +
                       ": " + rapidjson::GetParseError_En(doc.GetParseError()));
    if (!doc.IsObject()) fail("", "expected an object");
    keys(doc, "",
         {"format", "version", "description", "default_kind", "default_edge", "derived_edge_style",
          "kinds", "edge_types", "stance"});
    if (string(doc, "/format", "format") != "normgraph-styles")
      fail("/format", "expected \"normgraph-styles\"");
    if (!doc.HasMember("version") || !doc["version"].IsInt() || doc["version"].GetInt() != 1)
      fail("/version", "expected 1");
    Styles styles;
    if (doc.HasMember("default_kind"))
      styles.default_kind_ = kind(doc["default_kind"], "/default_kind", KindStyle{});
    if (doc.HasMember("default_edge"))
      styles.default_edge_ = edge(doc["default_edge"], "/default_edge", EdgeStyle{});
    if (doc.HasMember("derived_edge_style"))
      styles.derived_style_ = line_style(doc["derived_edge_style"], "/derived_edge_style");
    if (doc.HasMember("kinds"))
      for (auto& m : object(doc["kinds"], "/kinds"))
        styles.kinds_[m.name.GetString()] =
            kind(m.value, "/kinds/" + std::string(m.name.GetString()), styles.default_kind_);
    if (doc.HasMember("edge_types"))
      for (auto& m : object(doc["edge_types"], "/edge_types"))
        styles.edges_[m.name.GetString()] =
            edge(m.value, "/edge_types/" + std::string(m.name.GetString()), styles.default_edge_);
    if (doc.HasMember("stance")) styles.stance_ = stance(doc["stance"]);
    return styles;
  }

 private:
  KindStyle kind(const rapidjson::Value& v, const std::string& at, KindStyle style) {
    object(v, at);
    keys(v, at, {"shape", "fill", "border", "rounded"});
    if (v.HasMember("shape")) style.shape = string(v, at + "/shape", "shape");
    if (v.HasMember("fill")) style.fill = color(v, at + "/fill", "fill");
    if (v.HasMember("border")) style.border = color(v, at + "/border", "border");
    if (v.HasMember("rounded")) {
      if (!v["rounded"].IsBool()) fail(at + "/rounded", "expected true or false");
      style.rounded = v["rounded"].GetBool();
    }
    return style;
  }

  EdgeStyle edge(const rapidjson::Value& v, const std::string& at, EdgeStyle style) {
    object(v, at);
    keys(v, at, {"color", "style", "width"});
    if (v.HasMember("color")) style.color = color(v, at + "/color", "color");
    if (v.HasMember("style")) style.style = line_style(v["style"], at + "/style");
    if (v.HasMember("width")) {
      if (!v["width"].IsNumber() || v["width"].GetDouble() <= 0 || v["width"].GetDouble() > 20)
        fail(at + "/width", "expected a number in (0, 20]");
      style.width = v["width"].GetDouble();
    }
    return style;
  }

  StanceColors stance(const rapidjson::Value& v) {
    object(v, "/stance");
    keys(v, "/stance", {"endorse", "oppose", "both", "concern", "none"});
    StanceColors colors;
    if (v.HasMember("endorse")) colors.endorse = color(v, "/stance/endorse", "endorse");
    if (v.HasMember("oppose")) colors.oppose = color(v, "/stance/oppose", "oppose");
    if (v.HasMember("both")) colors.both = color(v, "/stance/both", "both");
    if (v.HasMember("concern")) colors.concern = color(v, "/stance/concern", "concern");
    if (v.HasMember("none")) colors.none = color(v, "/stance/none", "none");
    return colors;
  }

  std::string line_style(const rapidjson::Value& v, const std::string& at) {
    if (!v.IsString()) fail(at, "expected a string");
    std::string s = v.GetString();
    if (s != "solid" && s != "dashed" && s != "dotted" && s != "bold")
      fail(at, "\"" + s + "\" is not one of solid, dashed, dotted, bold");
    return s;
  }

  // Colors go into DOT, SVG and CSS unquoted in places, so only #RRGGBB is accepted.
  std::string color(const rapidjson::Value& parent, const std::string& at, const char* key) {
    std::string s = string(parent, at, key);
    bool ok = s.size() == 7 && s[0] == '#' &&
              s.find_first_not_of("0123456789abcdefABCDEF", 1) == std::string::npos;
    if (!ok) fail(at, "\"" + s + "\" is not a #RRGGBB color");
    return s;
  }

  std::string string(const rapidjson::Value& parent, const std::string& at, const char* key) {
    if (!parent.HasMember(key) || !parent[key].IsString()) fail(at, "expected a string");
    return parent[key].GetString();
  }

  rapidjson::Value::ConstObject object(const rapidjson::Value& v, const std::string& at) {
    if (!v.IsObject()) fail(at, "expected an object");
    return v.GetObject();
  }

  void keys(const rapidjson::Value& v, const std::string& at,
            std::initializer_list<const char*> known) {
    for (auto& m : v.GetObject()) {
      bool found = false;
      for (const char* k : known) found = found || std::string_view(m.name.GetString()) == k;
      if (!found) fail(at, "unknown key \"" + std::string(m.name.GetString()) + "\"");
    }
  }

  [[noreturn]] void fail(const std::string& at, const std::string& what) const {
    throw InputError(path_ + ": " + (at.empty() ? "/" : at) + ": " + what);
  }

  std::string path_;
};

Styles Styles::load(const std::string& path) {
  return StylesReader(path).read();
}

std::string Styles::default_path() {
  return ontology_path("viz/styles.json");
}

Styles Styles::load_default() {
  return load(default_path());
}

const KindStyle& Styles::kind(std::string_view name) const {
  auto it = kinds_.find(name);
  return it == kinds_.end() ? default_kind_ : it->second;
}

const EdgeStyle& Styles::edge(std::string_view type) const {
  auto it = edges_.find(type);
  return it == edges_.end() ? default_edge_ : it->second;
}

}  // namespace normgraph::viz
