#include "normgraph/ontology/vocabulary.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <initializer_list>
#include <utility>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

#include "json_text.hpp"
#include "normgraph/core/errors.hpp"
#include "normgraph/core/files.hpp"
#include "normgraph/core/ontology_dir.hpp"
#include "normgraph/core/strings.hpp"
#include "normgraph/ontology/schema.hpp"

namespace normgraph::ontology {

namespace {

using Json = rapidjson::Value;

std::string in_quotes(std::string_view s) {
  return "\"" + std::string(s) + "\"";
}

// The kinds whose entries form a taxonomy through "specializes" (SPECIALIZES edges, same kind).
bool has_taxonomy(std::string_view kind) {
  return kind == "Principle" || kind == "Practice" || kind == "Topic";
}

std::string_view string_of(const Json& value) {
  return {value.GetString(), value.GetStringLength()};
}

// Forwards the parser's events to a Document and notes the byte offset at which each element
// of the top-level "entries" list starts, so that messages can give an entry's line.
class EntryOffsetRecorder {
 public:
  using SizeType = rapidjson::SizeType;

  EntryOffsetRecorder(rapidjson::Document& doc, const rapidjson::StringStream& stream)
      : doc_(doc), stream_(stream) {}

  std::vector<size_t> take_offsets() { return std::move(offsets_); }

  bool Null() { return note_element() && doc_.Null(); }
  bool Bool(bool b) { return note_element() && doc_.Bool(b); }
  bool Int(int i) { return note_element() && doc_.Int(i); }
  bool Uint(unsigned u) { return note_element() && doc_.Uint(u); }
  bool Int64(int64_t i) { return note_element() && doc_.Int64(i); }
  bool Uint64(uint64_t u) { return note_element() && doc_.Uint64(u); }
  bool Double(double d) { return note_element() && doc_.Double(d); }
  bool RawNumber(const char* s, SizeType n, bool copy) {
    return note_element() && doc_.RawNumber(s, n, copy);
  }
  bool String(const char* s, SizeType n, bool copy) {
    return note_element() && doc_.String(s, n, copy);
  }
  bool Key(const char* s, SizeType n, bool copy) {
    if (depth_ == 1) top_level_key_.assign(s, n);
    return doc_.Key(s, n, copy);
  }
  bool StartObject() {
    note_element();
    ++depth_;
    return doc_.StartObject();
  }
  bool EndObject(SizeType members) {
    --depth_;
    return doc_.EndObject(members);
  }
  bool StartArray() {
    note_element();
    if (depth_ == 1 && top_level_key_ == "entries") in_entries_ = true;
    ++depth_;
    return doc_.StartArray();
  }
  bool EndArray(SizeType elements) {
    if (--depth_ == 1) in_entries_ = false;
    return doc_.EndArray(elements);
  }

 private:
  bool note_element() {
    if (in_entries_ && depth_ == 2) offsets_.push_back(stream_.Tell());
    return true;
  }

  rapidjson::Document& doc_;
  const rapidjson::StringStream& stream_;
  std::vector<size_t> offsets_;
  std::string top_level_key_;
  int depth_ = 0;  // objects and lists open
  bool in_entries_ = false;
};

// Parses `text` into `doc`; returns where each element of "entries" starts (byte offsets).
std::vector<size_t> parse_json(const std::string& path, const std::string& text,
                               rapidjson::Document& doc) {
  if (text.find('\0') != std::string::npos)
    throw InputError(located(path, 0, 0, "not a JSON text: it contains a NUL byte"));
  rapidjson::StringStream stream(text.c_str());
  EntryOffsetRecorder recorder(doc, stream);
  rapidjson::Reader reader;
  auto generate = [&](rapidjson::Document&) {
    return !reader.Parse<rapidjson::kParseValidateEncodingFlag>(stream, recorder).IsError();
  };
  doc.Populate(generate);
  if (reader.HasParseError()) {
    auto [line, column] = line_and_column(text, reader.GetErrorOffset());
    throw InputError(located(
        path, line, column,
        std::string("malformed JSON: ") + rapidjson::GetParseError_En(reader.GetParseErrorCode())));
  }
  return recorder.take_offsets();
}

// The phrase as the duplicate check compares it: ASCII letters lowercased, every run of other
// ASCII characters one space, no space at either end. "Capacity-building" -> "capacity building".
std::string comparable_phrase(std::string_view phrase) {
  std::string out;
  bool pending_space = false;
  for (unsigned char c : phrase) {
    bool keep =
        c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!keep) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  return out;
}

// The id prefixes of a kind: "state:" and "org:" for Actor, "doc:" for Document, else the kind
// in lower case ("principle:").
std::vector<std::string> id_prefixes(std::string_view kind) {
  if (kind == "Actor") return {"state:", "org:"};
  if (kind == "Document") return {"doc:"};
  std::string prefix(kind);
  std::transform(prefix.begin(), prefix.end(), prefix.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return {prefix + ":"};
}

bool has_property_type(const Value& value, std::string_view type) {
  switch (value.type()) {
    case Value::Type::String:
      return type == "string";
    case Value::Type::Bool:
      return type == "boolean";
    case Value::Type::Int:
      return type == "integer" || type == "number";
    case Value::Type::Double:
      return type == "number";
    case Value::Type::List:
      return type == "list";
    case Value::Type::Map:
      return type == "map";
    case Value::Type::Temporal:  // "date", "datetime", "duration", ...
      return type == temporal_kind_name(value.as_temporal().kind);
    case Value::Type::Null:
    case Value::Type::Node:
    case Value::Type::Edge:
    case Value::Type::Path:
      return false;
  }
  return false;
}

Value to_value(const Json& json) {
  if (json.IsBool()) return json.GetBool();
  if (json.IsInt64()) return json.GetInt64();
  if (json.IsNumber()) return json.GetDouble();
  if (json.IsString()) return string_of(json);
  if (json.IsArray()) {
    ValueList list;
    for (const Json& item : json.GetArray()) list.push_back(to_value(item));
    return list;
  }
  if (json.IsObject()) {
    ValueMap map;
    for (const auto& member : json.GetObject())
      map.push_back({std::string(string_of(member.name)), to_value(member.value)});
    return map;
  }
  return Value();
}

// `overrides` merged over `defaults`: a key keeps its place, a null value removes the key.
ValueMap merge_props(ValueMap defaults, const ValueMap& overrides) {
  for (const MapEntry& entry : overrides) {
    auto it = std::find_if(defaults.begin(), defaults.end(),
                           [&](const MapEntry& d) { return d.key == entry.key; });
    if (entry.value.is_null()) {
      if (it != defaults.end()) defaults.erase(it);
    } else if (it != defaults.end()) {
      it->value = entry.value;
    } else {
      defaults.push_back(entry);
    }
  }
  return defaults;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

}  // namespace

// Reads vocabulary files one by one into a Vocabulary and checks the whole at the end. Every
// error names the file; inside an entry, also its line and its id.
class VocabularyBuilder {
 public:
  explicit VocabularyBuilder(Schema schema) : schema_(std::move(schema)) {}

  void read_file(const std::string& path) {
    std::string text = normgraph::read_file(path);
    rapidjson::Document doc;
    std::vector<size_t> entry_offsets = parse_json(path, text, doc);
    Site file_site{path, 0, ""};
    if (!doc.IsObject()) fail(file_site, "expected an object with \"kind\" and \"entries\"");
    check_keys(doc, file_site, {"kind", "description", "props", "entries"});
    const KindSpec& kind = file_kind(doc, file_site);
    string_member(doc, "description", file_site, false);
    ValueMap defaults = props_member(doc, file_site);
    const Json* entries = member(doc, "entries", file_site, true);
    if (!entries->IsArray()) fail(file_site, "\"entries\" should be a list");
    for (rapidjson::SizeType i = 0; i < entries->Size(); ++i) {
      size_t line = i < entry_offsets.size() ? line_and_column(text, entry_offsets[i]).first : 0;
      Site site{path, line, "/entries/" + std::to_string(i)};
      add((*entries)[i], site, kind, defaults);
    }
  }

  Vocabulary finish() {
    check_taxonomy();
    return std::move(vocabulary_);
  }

 private:
  // Where a value is: the file, the line when known, and what ("entry \"state:CHN\"").
  struct Site {
    std::string file;
    size_t line = 0;
    std::string what;
  };

  [[noreturn]] static void fail(const Site& site, const std::string& message) {
    throw InputError(
        located(site.file, site.line, 0, site.what.empty() ? message : site.what + ": " + message));
  }

  static Site site_of(const VocabularyEntry& entry) {
    return {entry.file, entry.line, "entry " + in_quotes(entry.id)};
  }

  // "file:line", or the file alone when the line is unknown.
  static std::string where_defined(const VocabularyEntry& entry) {
    return entry.line ? entry.file + ":" + std::to_string(entry.line) : entry.file;
  }

  static void check_keys(const Json& object, const Site& site,
                         std::initializer_list<std::string_view> known) {
    std::vector<std::string_view> seen;
    for (const auto& member : object.GetObject()) {
      std::string_view key = string_of(member.name);
      if (std::find(known.begin(), known.end(), key) == known.end()) {
        std::string expected;
        for (std::string_view k : known) expected += (expected.empty() ? "" : ", ") + in_quotes(k);
        fail(site, "unknown key " + in_quotes(key) + " (expected " + expected + ")");
      }
      if (std::find(seen.begin(), seen.end(), key) != seen.end())
        fail(site, "key " + in_quotes(key) + " given twice");
      seen.push_back(key);
    }
  }

  static const Json* member(const Json& object, const char* key, const Site& site, bool required) {
    auto it = object.FindMember(key);
    if (it != object.MemberEnd()) return &it->value;
    if (required) fail(site, std::string("missing ") + in_quotes(key));
    return nullptr;
  }

  static std::string string_member(const Json& object, const char* key, const Site& site,
                                   bool required) {
    const Json* value = member(object, key, site, required);
    if (!value) return {};
    if (!value->IsString()) fail(site, in_quotes(key) + " should be a string");
    return std::string(string_of(*value));
  }

  // A phrase: a string with at least one letter or digit.
  static std::string phrase(const Json& value, const char* key, const Site& site) {
    if (!value.IsString()) fail(site, in_quotes(key) + " should hold strings only");
    std::string text(string_of(value));
    if (comparable_phrase(text).empty())
      fail(site, "empty phrase " + in_quotes(text) + " in " + in_quotes(key));
    return text;
  }

  // A list of phrases, where a single string stands for a list of one.
  static std::vector<std::string> phrase_list(const Json& object, const char* key,
                                              const Site& site) {
    const Json* value = member(object, key, site, false);
    if (!value) return {};
    if (value->IsString()) return {phrase(*value, key, site)};
    if (!value->IsArray()) fail(site, in_quotes(key) + " should be a list of strings");
    std::vector<std::string> phrases;
    for (const Json& item : value->GetArray()) phrases.push_back(phrase(item, key, site));
    return phrases;
  }

  static ValueMap props_member(const Json& object, const Site& site) {
    const Json* props = member(object, "props", site, false);
    if (!props) return {};
    if (!props->IsObject()) fail(site, "\"props\" should be an object");
    return to_value(*props).as_map();
  }

  const KindSpec& file_kind(const Json& doc, const Site& site) const {
    std::string name = string_member(doc, "kind", site, true);
    if (const KindSpec* kind = schema_.kind(name)) return *kind;
    std::vector<std::string> known;
    for (const KindSpec& kind : schema_.kinds()) known.push_back(kind.name);
    fail(site, "unknown kind " + in_quotes(name) + " (the schema has " + joined(known) + ")");
  }

  void add(const Json& json, Site site, const KindSpec& kind, const ValueMap& defaults) {
    if (!json.IsObject()) fail(site, "expected an object");
    VocabularyEntry entry;
    entry.id = string_member(json, "id", site, true);
    site.what = "entry " + in_quotes(entry.id);
    check_keys(
        json, site,
        {"id", "name", "aliases", "triggers", "descriptions", "anaphors", "props", "specializes"});
    check_id(entry.id, kind, site);
    entry.kind = kind.name;
    entry.name = phrase(*member(json, "name", site, true), "name", site);
    entry.aliases = phrase_list(json, "aliases", site);
    entry.triggers = phrase_list(json, "triggers", site);
    entry.descriptions = phrase_list(json, "descriptions", site);
    entry.anaphors = phrase_list(json, "anaphors", site);
    entry.specializes = phrase_list(json, "specializes", site);
    if (!entry.specializes.empty() && !has_taxonomy(kind.name))
      fail(site, "\"specializes\" is for principles, practices and topics only");
    entry.props = merge_props(defaults, props_member(json, site));
    check_props(entry.props, kind, site);
    entry.file = site.file;
    entry.line = site.line;
    register_entry(std::move(entry), site);
  }

  static void check_id(const std::string& id, const KindSpec& kind, const Site& site) {
    std::vector<std::string> prefixes = id_prefixes(kind.name);
    auto prefix = std::find_if(prefixes.begin(), prefixes.end(),
                               [&](const std::string& p) { return id.rfind(p, 0) == 0; });
    if (prefix == prefixes.end())
      fail(site, "the id of a " + kind.name + " starts with " + joined(prefixes));
    if (id.size() == prefix->size()) fail(site, "the id has nothing after " + *prefix);
    if (std::any_of(id.begin(), id.end(), [](unsigned char c) { return c <= ' '; }))
      fail(site, "the id has a space or a control character");
  }

  static void check_props(const ValueMap& props, const KindSpec& kind, const Site& site) {
    for (const std::string& required : kind.required_props)
      if (!find_entry(props, required))
        fail(site,
             "missing property " + in_quotes(required) + ", which every " + kind.name + " needs");
    for (const MapEntry& prop : props) {
      const PropertySpec* spec = kind.property(prop.key);
      if (!spec) continue;  // a node may carry properties its kind does not declare
      if (!has_property_type(prop.value, spec->type))
        fail(site, "property " + in_quotes(prop.key) + " should be a " + spec->type + ", not " +
                       type_name(prop.value.type()));
      if (!spec->values.empty() && std::find(spec->values.begin(), spec->values.end(),
                                             prop.value.as_string()) == spec->values.end())
        fail(site, "property " + in_quotes(prop.key) + " is " + in_quotes(prop.value.as_string()) +
                       "; allowed: " + joined(spec->values));
    }
  }

  void register_entry(VocabularyEntry entry, const Site& site) {
    if (const VocabularyEntry* first = vocabulary_.find(entry.id))
      fail(site, "duplicate id, first defined at " + where_defined(*first));
    size_t index = vocabulary_.entries_.size();
    claim_phrase(entry.name, entry, index, site);
    for (const auto* phrases :
         {&entry.aliases, &entry.triggers, &entry.descriptions, &entry.anaphors})
      for (const std::string& text : *phrases) claim_phrase(text, entry, index, site);
    vocabulary_.index_.emplace(entry.id, index);
    vocabulary_.entries_.push_back(std::move(entry));
  }

  // A phrase may stand for several entries only when all of them are documents: a loader
  // tells those apart by date. Anywhere else it would make a match ambiguous.
  void claim_phrase(const std::string& text, const VocabularyEntry& entry, size_t index,
                    const Site& site) {
    auto [it, inserted] = phrase_owner_.emplace(comparable_phrase(text), index);
    if (inserted || it->second == index) return;
    const VocabularyEntry& owner = vocabulary_.entries_[it->second];
    if (owner.kind == "Document" && entry.kind == "Document") return;
    fail(site, "the phrase " + in_quotes(text) + " also stands for " + in_quotes(owner.id) + " (" +
                   where_defined(owner) + "); only documents may share a phrase");
  }

  void check_taxonomy() const {
    check_broader_principles_exist();
    check_taxonomy_acyclic();
  }

  void check_broader_principles_exist() const {
    for (const VocabularyEntry& entry : vocabulary_.entries_)
      for (const std::string& parent : entry.specializes) {
        const VocabularyEntry* target = vocabulary_.find(parent);
        if (!target)
          fail(site_of(entry),
               "specializes unknown " + ascii_lower(entry.kind) + " " + in_quotes(parent));
        if (target->kind != entry.kind)
          fail(site_of(entry), "specializes " + in_quotes(parent) + ", which is a " + target->kind +
                                   ", not a " + entry.kind);
      }
  }

  enum class Mark { kUnvisited, kOnPath, kDone };

  void check_taxonomy_acyclic() const {
    std::vector<Mark> marks(vocabulary_.entries_.size(), Mark::kUnvisited);
    std::vector<size_t> path;
    for (size_t i = 0; i < marks.size(); ++i)
      if (marks[i] == Mark::kUnvisited) visit_broader(i, marks, path);
  }

  // Depth-first walk up the "specializes" links from entry `i`; a link back to an entry on
  // the current path closes a cycle.
  void visit_broader(size_t i, std::vector<Mark>& marks, std::vector<size_t>& path) const {
    marks[i] = Mark::kOnPath;
    path.push_back(i);
    for (const std::string& parent : vocabulary_.entries_[i].specializes) {
      size_t j = vocabulary_.index_.find(parent)->second;
      if (marks[j] == Mark::kOnPath) fail_cycle(path, j);
      if (marks[j] == Mark::kUnvisited) visit_broader(j, marks, path);
    }
    path.pop_back();
    marks[i] = Mark::kDone;
  }

  [[noreturn]] void fail_cycle(const std::vector<size_t>& path, size_t start) const {
    std::string cycle;
    for (auto it = std::find(path.begin(), path.end(), start); it != path.end(); ++it)
      cycle += vocabulary_.entries_[*it].id + " -> ";
    cycle += vocabulary_.entries_[start].id;
    fail(site_of(vocabulary_.entries_[path.back()]), "\"specializes\" makes a cycle: " + cycle);
  }

  Schema schema_;
  Vocabulary vocabulary_;
  std::unordered_map<std::string, size_t> phrase_owner_;  // comparable phrase -> entry index
};

namespace {

// The *.json files directly in `dir`, sorted by name; hidden files are left out.
std::vector<std::string> vocabulary_files(const std::string& dir) {
  std::error_code error;
  if (!std::filesystem::is_directory(dir, error))
    throw InputError(located(dir, 0, 0, "not a folder of vocabulary files"));
  std::vector<std::string> files;
  for (const auto& item : std::filesystem::directory_iterator(dir, error)) {
    std::string name = item.path().filename().string();
    std::error_code not_a_file;
    if (name.front() != '.' && item.path().extension() == ".json" &&
        item.is_regular_file(not_a_file))
      files.push_back(item.path().string());
  }
  if (error) throw InputError(located(dir, 0, 0, "cannot list: " + error.message()));
  if (files.empty()) throw InputError(located(dir, 0, 0, "no vocabulary files (*.json)"));
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

Vocabulary Vocabulary::load_dir(const std::string& dir) {
  std::vector<std::string> files = vocabulary_files(dir);
  VocabularyBuilder builder(Schema::load_default());
  for (const std::string& file : files) builder.read_file(file);
  return builder.finish();
}

Vocabulary Vocabulary::load_default() {
  return load_dir(ontology_path("vocab"));
}

const VocabularyEntry* Vocabulary::find(std::string_view id) const {
  auto it = index_.find(id);
  return it == index_.end() ? nullptr : &entries_[it->second];
}

}  // namespace normgraph::ontology
