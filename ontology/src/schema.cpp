#include "normgraph/ontology/schema.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <filesystem>
#include <initializer_list>
#include <utility>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include "json_text.hpp"
#include "normgraph/core/errors.hpp"
#include "normgraph/core/files.hpp"
#include "normgraph/core/ontology_dir.hpp"

namespace normgraph::ontology {

namespace {

constexpr const char* kFormat = "normgraph-ontology";
constexpr int kVersion = 1;
constexpr std::array<std::string_view, 6> kPropertyTypes = {"string",  "integer", "number",
                                                            "boolean", "list",    "map"};

bool is_upper_snake(std::string_view s) {
  if (s.empty() || s.front() < 'A' || s.front() > 'Z') return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

bool is_pascal_case(std::string_view s) {
  if (s.empty() || s.front() < 'A' || s.front() > 'Z') return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  });
}

bool contains(const std::vector<std::string>& list, std::string_view item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

std::string in_quotes(std::string_view s) {
  return "\"" + std::string(s) + "\"";
}

}  // namespace

// Turns a parsed schema document into a Schema, checking every value on the way. Errors name
// the file and the JSON pointer (RFC 6901) of the value that is wrong.
class SchemaReader {
 public:
  using Json = rapidjson::Value;

  explicit SchemaReader(std::string path) : path_(std::move(path)) {}

  Schema read(const std::string& text) {
    rapidjson::Document doc;
    doc.Parse(text.data(), text.size());
    if (doc.HasParseError()) {
      auto [line, column] = line_and_column(text, doc.GetErrorOffset());
      throw InputError(located(
          path_, line, column,
          std::string("malformed JSON: ") + rapidjson::GetParseError_En(doc.GetParseError())));
    }
    return read_document(doc);
  }

 private:
  [[noreturn]] void fail(const std::string& pointer, const std::string& what) const {
    throw InputError(located(path_, 0, 0, (pointer.empty() ? "/" : pointer) + ": " + what));
  }

  void require_object(const Json& value, const std::string& pointer) const {
    if (!value.IsObject()) fail(pointer, "expected an object");
  }

  void check_keys(const Json& object, const std::string& pointer,
                  std::initializer_list<std::string_view> known) const {
    for (const auto& member : object.GetObject()) {
      std::string_view key(member.name.GetString(), member.name.GetStringLength());
      if (std::find(known.begin(), known.end(), key) == known.end()) {
        std::string expected;
        for (std::string_view k : known) expected += (expected.empty() ? "" : ", ") + in_quotes(k);
        fail(pointer, "unknown key " + in_quotes(key) + " (expected " + expected + ")");
      }
    }
  }

  const Json* member(const Json& object, const char* key, const std::string& pointer,
                     bool required) const {
    auto it = object.FindMember(key);
    if (it != object.MemberEnd()) return &it->value;
    if (required) fail(pointer, std::string("missing key ") + in_quotes(key));
    return nullptr;
  }

  std::string string_member(const Json& object, const char* key, const std::string& pointer,
                            bool required) const {
    const Json* value = member(object, key, pointer, required);
    if (!value) return {};
    if (!value->IsString()) fail(pointer + "/" + key, "expected a string");
    return {value->GetString(), value->GetStringLength()};
  }

  // A list of strings, where a single string stands for a list of one.
  std::vector<std::string> string_list_member(const Json& object, const char* key,
                                              const std::string& pointer, bool required) const {
    const Json* value = member(object, key, pointer, required);
    if (!value) return {};
    std::string where = pointer + "/" + key;
    if (value->IsString()) return {std::string(value->GetString(), value->GetStringLength())};
    if (!value->IsArray()) fail(where, "expected a string or a list of strings");
    std::vector<std::string> items;
    for (const auto& item : value->GetArray()) {
      std::string item_pointer = where + "/" + std::to_string(items.size());
      if (!item.IsString()) fail(item_pointer, "expected a string");
      items.emplace_back(item.GetString(), item.GetStringLength());
      if (items.back().empty()) fail(item_pointer, "empty string");
    }
    return items;
  }

  Schema read_document(const Json& doc) const {
    require_object(doc, "");
    check_keys(doc, "", {"format", "version", "description", "kinds", "edge_types"});
    if (string_member(doc, "format", "", true) != kFormat)
      fail("/format", "expected " + in_quotes(kFormat));
    const Json* version = member(doc, "version", "", true);
    if (!version->IsInt() || version->GetInt() != kVersion)
      fail("/version",
           "unsupported version (this build reads version " + std::to_string(kVersion) + ")");
    string_member(doc, "description", "", false);

    Schema schema;
    for_each_element(doc, "kinds", [&](const Json& value, const std::string& pointer) {
      KindSpec kind = read_kind(value, pointer);
      if (schema.kind(kind.name)) fail(pointer + "/name", "duplicate kind " + in_quotes(kind.name));
      schema.add_kind(std::move(kind));
    });
    for_each_element(doc, "edge_types", [&](const Json& value, const std::string& pointer) {
      EdgeTypeSpec edge_type = read_edge_type(value, pointer, schema);
      if (schema.edge_type(edge_type.name))
        fail(pointer + "/name", "duplicate edge type " + in_quotes(edge_type.name));
      schema.add_edge_type(std::move(edge_type));
    });
    return schema;
  }

  template <class F>
  void for_each_element(const Json& doc, const char* key, F&& read_element) const {
    const Json* array = member(doc, key, "", true);
    std::string pointer = std::string("/") + key;
    if (!array->IsArray()) fail(pointer, "expected a list");
    size_t index = 0;
    for (const auto& element : array->GetArray())
      read_element(element, pointer + "/" + std::to_string(index++));
  }

  KindSpec read_kind(const Json& value, const std::string& pointer) const {
    require_object(value, pointer);
    check_keys(value, pointer, {"name", "description", "required", "properties"});
    KindSpec kind;
    kind.name = string_member(value, "name", pointer, true);
    if (!is_pascal_case(kind.name))
      fail(pointer + "/name",
           "kind names are PascalCase (like Actor), not " + in_quotes(kind.name));
    kind.description = string_member(value, "description", pointer, true);
    kind.properties = read_properties(value, pointer);
    kind.required_props = string_list_member(value, "required", pointer, false);
    for (size_t i = 0; i < kind.required_props.size(); ++i)
      if (!kind.property(kind.required_props[i]))
        fail(
            pointer + "/required/" + std::to_string(i),
            "required property " + in_quotes(kind.required_props[i]) + " is not in \"properties\"");
    return kind;
  }

  std::vector<PropertySpec> read_properties(const Json& kind, const std::string& pointer) const {
    const Json* properties = member(kind, "properties", pointer, false);
    if (!properties) return {};
    std::string where = pointer + "/properties";
    require_object(*properties, where);
    std::vector<PropertySpec> specs;
    for (const auto& entry : properties->GetObject()) {
      std::string name(entry.name.GetString(), entry.name.GetStringLength());
      if (name.empty()) fail(where, "empty property name");
      specs.push_back(read_property(name, entry.value, where + "/" + name));
    }
    return specs;
  }

  PropertySpec read_property(const std::string& name, const Json& value,
                             const std::string& pointer) const {
    require_object(value, pointer);
    check_keys(value, pointer, {"type", "description", "values"});
    PropertySpec property;
    property.name = name;
    property.type = string_member(value, "type", pointer, true);
    if (std::find(kPropertyTypes.begin(), kPropertyTypes.end(), property.type) ==
        kPropertyTypes.end())
      fail(pointer + "/type", "unknown property type " + in_quotes(property.type) +
                                  " (expected string, integer, number, boolean, list or map)");
    property.description = string_member(value, "description", pointer, false);
    property.values = string_list_member(value, "values", pointer, false);
    if (!property.values.empty() && property.type != "string")
      fail(pointer + "/values", "allowed values are only for string properties");
    return property;
  }

  EdgeTypeSpec read_edge_type(const Json& value, const std::string& pointer,
                              const Schema& schema) const {
    require_object(value, pointer);
    check_keys(value, pointer, {"name", "description", "domain", "range", "derived"});
    EdgeTypeSpec edge_type;
    edge_type.name = string_member(value, "name", pointer, true);
    if (!is_upper_snake(edge_type.name))
      fail(pointer + "/name",
           "edge type names are UPPER_SNAKE (like MEMBER_OF), not " + in_quotes(edge_type.name));
    edge_type.description = string_member(value, "description", pointer, true);
    edge_type.domain = kind_list(value, "domain", pointer, schema);
    edge_type.range = kind_list(value, "range", pointer, schema);
    if (const Json* derived = member(value, "derived", pointer, false)) {
      if (!derived->IsBool()) fail(pointer + "/derived", "expected true or false");
      edge_type.derived = derived->GetBool();
    }
    return edge_type;
  }

  std::vector<std::string> kind_list(const Json& edge_type, const char* key,
                                     const std::string& pointer, const Schema& schema) const {
    std::vector<std::string> kinds = string_list_member(edge_type, key, pointer, true);
    if (kinds.empty()) fail(pointer + "/" + key, "needs at least one kind");
    for (const std::string& kind : kinds)
      if (!schema.kind(kind)) fail(pointer + "/" + key, "unknown kind " + in_quotes(kind));
    return kinds;
  }

  std::string path_;
};

const PropertySpec* KindSpec::property(std::string_view property_name) const {
  for (const PropertySpec& property : properties)
    if (property.name == property_name) return &property;
  return nullptr;
}

Schema Schema::load(const std::string& path) {
  return SchemaReader(path).read(normgraph::read_file(path));
}

std::string Schema::default_path() {
  return ontology_path("schema.json");
}

Schema Schema::load_default() {
  return load(default_path());
}

const KindSpec* Schema::kind(std::string_view name) const {
  auto it = kind_index_.find(name);
  return it == kind_index_.end() ? nullptr : &kinds_[it->second];
}

const EdgeTypeSpec* Schema::edge_type(std::string_view name) const {
  auto it = edge_type_index_.find(name);
  return it == edge_type_index_.end() ? nullptr : &edge_types_[it->second];
}

bool Schema::allows(std::string_view edge_type_name, std::string_view source_kind,
                    std::string_view target_kind) const {
  const EdgeTypeSpec* spec = edge_type(edge_type_name);
  return spec && contains(spec->domain, source_kind) && contains(spec->range, target_kind);
}

void Schema::add_kind(KindSpec kind) {
  kind_index_.emplace(kind.name, kinds_.size());
  kinds_.push_back(std::move(kind));
}

void Schema::add_edge_type(EdgeTypeSpec edge_type) {
  edge_type_index_.emplace(edge_type.name, edge_types_.size());
  edge_types_.push_back(std::move(edge_type));
}

}  // namespace normgraph::ontology
