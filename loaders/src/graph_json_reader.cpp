// Reads graph JSON (DESIGN.md "Graph JSON") with RapidJSON's SAX reader: a handler state
// machine fills staging vectors of NodeData / EdgeData, which are checked against each other
// and against the store before the first write, so a bad file leaves the store as it was.
// No DOM is built: a file can hold millions of edges.
//
// Indexes in messages ("node 3", "edge 12", "evidence 0") are positions in their JSON array,
// counted from 0 as in jq's `.edges[12]`.
#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <sys/stat.h>

#include "normgraph/core/errors.hpp"
#include "normgraph/core/files.hpp"
#include "normgraph/loaders/graph_json.hpp"

namespace normgraph::loaders {
namespace {

// NaN and Infinity are accepted because the writer emits them for such property values
// (as Python's json module does); strict JSON has no spelling for them.
constexpr unsigned kParseFlags = rapidjson::kParseFullPrecisionFlag |
                                 rapidjson::kParseValidateEncodingFlag |
                                 rapidjson::kParseNanAndInfFlag;
// The parser recurses per nesting level; a bound keeps hostile input from exhausting the stack.
constexpr size_t kMaxDepth = 256;
constexpr std::string_view kFormatTag = "normgraph-graph";
constexpr int64_t kFormatVersion = 1;

// ---- positions

// 1-based line and column (in code points) of a byte offset, for messages.
std::pair<size_t, size_t> line_column(std::string_view text, size_t offset) {
  if (offset > text.size()) offset = text.size();
  size_t line = 1, column = 1;
  for (size_t i = 0; i < offset; ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++line;
      column = 1;
    } else if ((c & 0xC0) != 0x80) {  // UTF-8 continuation bytes do not start a column
      ++column;
    }
  }
  return {line, column};
}

// Where a string token that ends (after its closing quote) at `end` begins. Inside a JSON
// string every quote is escaped, i.e. preceded by an odd number of backslashes.
size_t string_start(std::string_view text, size_t end) {
  if (end < 2) return 0;
  for (size_t i = end - 1; i-- > 0;) {
    if (text[i] != '"') continue;
    size_t backslashes = 0;
    while (backslashes < i && text[i - 1 - backslashes] == '\\') ++backslashes;
    if (backslashes % 2 == 0) return i;
  }
  return 0;
}

size_t number_start(std::string_view text, size_t end) {
  constexpr std::string_view kNumberChars = "0123456789+-.eEInfityNa";
  size_t i = end;
  while (i > 0 && kNumberChars.find(text[i - 1]) != std::string_view::npos) --i;
  return i;
}

// ---- the shape of the format

enum class Json : uint8_t { Null, Bool, Integer, Float, String, Object, Array };

const char* describe(Json kind) {
  switch (kind) {
    case Json::Null:
      return "null";
    case Json::Bool:
      return "a boolean";
    case Json::Integer:
      return "an integer";
    case Json::Float:
      return "a number";
    case Json::String:
      return "a string";
    case Json::Object:
      return "an object";
    case Json::Array:
      return "an array";
  }
  return "a value";
}

Json json_kind(const Value& value) {
  switch (value.type()) {
    case Value::Type::Null:
      return Json::Null;
    case Value::Type::Bool:
      return Json::Bool;
    case Value::Type::Int:
      return Json::Integer;
    case Value::Type::Double:
      return Json::Float;
    case Value::Type::String:
      return Json::String;
    case Value::Type::List:
      return Json::Array;
    case Value::Type::Map:
      return Json::Object;
    case Value::Type::Node:
    case Value::Type::Edge:
    case Value::Type::Path:
    case Value::Type::Temporal:
      break;  // the reader never builds graph references or temporal values
  }
  return Json::Null;
}

// The containers the parser can be inside of.
enum class Ctx : uint8_t {
  Root,
  Top,
  NodeList,
  Node,
  EdgeList,
  Edge,
  Labels,
  Aliases,
  EvidenceList,
  Evidence,
  Span
};

// A known key of an object; Extra is any other key of an evidence object.
enum class Field : uint8_t {
  None,
  Format,
  Version,
  Nodes,
  Edges,
  Id,
  Kind,
  Labels,
  Name,
  Aliases,
  Props,
  Evidence,
  Source,
  Target,
  Type,
  Doc,
  Paragraph,
  Sentence,
  Span,
  Rule,
  Text,
  Extra
};

struct FieldSpec {
  std::string_view key;
  Field field;
  Json expects;   // Json::Null stands for "any value"
  bool required;  // null is "absent" for an optional field, an error for a required one
};

constexpr FieldSpec kTopFields[] = {
    {"format", Field::Format, Json::String, true},
    {"version", Field::Version, Json::Integer, true},
    {"nodes", Field::Nodes, Json::Array, false},
    {"edges", Field::Edges, Json::Array, false},
};
constexpr FieldSpec kNodeFields[] = {
    {"id", Field::Id, Json::String, true},
    {"kind", Field::Kind, Json::String, true},
    {"labels", Field::Labels, Json::Array, false},
    {"name", Field::Name, Json::String, false},
    {"aliases", Field::Aliases, Json::Array, false},
    {"props", Field::Props, Json::Object, false},
    {"evidence", Field::Evidence, Json::Array, false},
};
constexpr FieldSpec kEdgeFields[] = {
    {"source", Field::Source, Json::String, true},
    {"target", Field::Target, Json::String, true},
    {"type", Field::Type, Json::String, true},
    {"props", Field::Props, Json::Object, false},
    {"evidence", Field::Evidence, Json::Array, false},
};
constexpr FieldSpec kEvidenceFields[] = {
    {"doc", Field::Doc, Json::String, false},
    {"paragraph", Field::Paragraph, Json::Integer, false},
    {"sentence", Field::Sentence, Json::Integer, false},
    {"span", Field::Span, Json::Array, false},
    {"rule", Field::Rule, Json::String, false},
    {"text", Field::Text, Json::String, false},
};
constexpr FieldSpec kExtraField = {"", Field::Extra, Json::Null, false};

std::span<const FieldSpec> fields_of(Ctx ctx) {
  switch (ctx) {
    case Ctx::Top:
      return kTopFields;
    case Ctx::Node:
      return kNodeFields;
    case Ctx::Edge:
      return kEdgeFields;
    case Ctx::Evidence:
      return kEvidenceFields;
    default:
      return {};
  }
}

std::string key_list(std::span<const FieldSpec> specs) {
  std::string out;
  for (const FieldSpec& spec : specs) {
    if (!out.empty()) out += ", ";
    out += spec.key;
  }
  return out;
}

uint32_t bit(Field f) {
  return uint32_t{1} << static_cast<unsigned>(f);
}

// A string from the input, quoted for a message: control characters escaped, and cut (at a
// character boundary) when long, so that a hostile id cannot garble or flood the message.
std::string quoted(std::string_view s) {
  constexpr size_t kMaxBytes = 80;
  size_t cut = s.size();
  if (cut > kMaxBytes) {
    cut = kMaxBytes;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  }
  std::string out = "\"";
  for (char c : s.substr(0, cut)) {
    unsigned char byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20) {
      constexpr char kHex[] = "0123456789abcdef";
      out += "\\u00";
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    } else {
      out += c;
    }
  }
  if (cut < s.size()) out += "...";
  return out + "\"";
}

// Byte offsets kept per element for the checks that run after parsing.
struct NodeSite {
  size_t kind_end;
};
struct EdgeSite {
  size_t source_end;
  size_t target_end;
};

// What the handler produced from a well-formed document.
struct Staged {
  std::vector<NodeData> nodes;
  std::vector<NodeSite> node_sites;
  std::vector<EdgeData> edges;
  std::vector<EdgeSite> edge_sites;
};

// ---- the SAX handler

class GraphJsonHandler {
 public:
  GraphJsonHandler(std::string_view text, const rapidjson::MemoryStream& stream, Progress* progress,
                   std::string_view phase)
      : text_(text), stream_(stream), progress_(progress), phase_(phase) {
    report_step_ = std::max<size_t>(text.size() / 100, 1);
    next_report_ = report_step_;
  }

  Staged& staged() { return staged_; }
  const std::string& error() const { return error_; }
  size_t error_offset() const { return error_offset_; }

  // RapidJSON handler interface.
  bool Null() { return scalar(Token::Null, Json::Null, Value()); }
  bool Bool(bool b) { return scalar(b ? Token::True : Token::False, Json::Bool, Value(b)); }
  bool Int(int i) { return integer(i); }
  bool Uint(unsigned u) { return integer(u); }
  bool Int64(int64_t i) { return integer(i); }
  bool Uint64(uint64_t u) {
    if (u <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
      return integer(static_cast<int64_t>(u));
    return Double(static_cast<double>(u));  // beyond int64: a float, as in Cypher
  }
  bool Double(double d) { return scalar(Token::Number, Json::Float, Value(d)); }
  bool RawNumber(const char*, rapidjson::SizeType, bool) { return false; }  // not enabled
  bool String(const char* s, rapidjson::SizeType length, bool) {
    return scalar(Token::String, Json::String, Value(std::string(s, length)));
  }
  bool Key(const char* s, rapidjson::SizeType length, bool) {
    token_ = Token::String;
    return key(std::string_view(s, length));
  }
  bool StartObject() {
    token_ = Token::Punct;
    return start_container(Json::Object);
  }
  bool StartArray() {
    token_ = Token::Punct;
    return start_container(Json::Array);
  }
  bool EndObject(rapidjson::SizeType) {
    token_ = Token::Punct;
    return end_object();
  }
  bool EndArray(rapidjson::SizeType) {
    token_ = Token::Punct;
    return end_array();
  }

 private:
  // The kind of the token being handled, to find where it starts for messages.
  enum class Token : uint8_t { Null, True, False, Number, String, Punct };

  struct Frame {
    Ctx ctx;
    uint32_t seen = 0;  // bits of the fields met so far in this object
  };
  // A list or map under construction inside "props" or an evidence extra.
  struct OpenValue {
    Value container;
    std::string key;  // the key whose value comes next, when the container is a map
  };

  bool integer(int64_t i) { return scalar(Token::Number, Json::Integer, Value(i)); }

  Ctx ctx() const { return frames_.back().ctx; }
  NodeData& node() { return staged_.nodes.back(); }
  EdgeData& edge() { return staged_.edges.back(); }
  // The evidence object being read, under the innermost node or edge.
  Evidence& evidence() {
    for (size_t i = frames_.size(); i-- > 0;) {
      if (frames_[i].ctx == Ctx::Node) return node().evidence.back();
      if (frames_[i].ctx == Ctx::Edge) return edge().evidence.back();
    }
    return node().evidence.back();  // unreachable: evidence only occurs in nodes and edges
  }
  bool in_edge() const {
    for (const Frame& f : frames_)
      if (f.ctx == Ctx::Edge) return true;
    return false;
  }

  // ---- errors

  size_t token_start() const {
    size_t end = stream_.Tell();
    switch (token_) {
      case Token::Null:
      case Token::True:
        return end >= 4 ? end - 4 : 0;
      case Token::False:
        return end >= 5 ? end - 5 : 0;
      case Token::Number:
        return number_start(text_, end);
      case Token::String:
        return string_start(text_, end);
      case Token::Punct:
        return end >= 1 ? end - 1 : 0;
    }
    return end;
  }

  // "node 3: evidence 0: " for the element being read.
  std::string where() const {
    std::string out;
    for (const Frame& f : frames_) {
      if (f.ctx == Ctx::Node) out += "node " + std::to_string(staged_.nodes.size() - 1) + ": ";
      if (f.ctx == Ctx::Edge) out += "edge " + std::to_string(staged_.edges.size() - 1) + ": ";
      if (f.ctx == Ctx::Evidence) out += "evidence " + std::to_string(evidence_index_) + ": ";
    }
    return out;
  }

  bool fail(const std::string& msg) {
    error_ = where() + msg;
    error_offset_ = token_start();
    return false;
  }

  bool fail_expected(const std::string& expected, Json found) {
    return fail("expected " + expected + ", found " + describe(found));
  }

  // ---- keys

  bool key(std::string_view key) {
    if (!values_.empty()) return value_key(key);
    Frame& frame = frames_.back();
    const FieldSpec* spec = find_spec(frame.ctx, key);
    if (!spec) return fail(unknown_key_message(frame.ctx, key));
    if (spec->field == Field::Extra) {
      if (find_entry(evidence().extra, key)) return fail("duplicate key " + quoted(key));
      extra_key_ = key;
    } else {
      if (frame.seen & bit(spec->field)) return fail("duplicate key " + quoted(key));
      frame.seen |= bit(spec->field);
    }
    spec_ = spec;
    return true;
  }

  static const FieldSpec* find_spec(Ctx ctx, std::string_view key) {
    for (const FieldSpec& spec : fields_of(ctx))
      if (spec.key == key) return &spec;
    return ctx == Ctx::Evidence ? &kExtraField : nullptr;
  }

  static std::string unknown_key_message(Ctx ctx, std::string_view key) {
    const char* where = ctx == Ctx::Top    ? "at the top level"
                        : ctx == Ctx::Node ? "in a node"
                                           : "in an edge";
    return "unknown key " + quoted(key) + " " + where + " (expected " + key_list(fields_of(ctx)) +
           ")";
  }

  // Checks the type of the value of the current field. Returns false with error_ set on a
  // mismatch; sets `absent` for null in an optional field.
  bool check_field_type(Json found, bool& absent) {
    absent = false;
    if (spec_->expects == Json::Null) return true;  // any value
    if (found == spec_->expects) return true;
    if (found == Json::Null && !spec_->required) {
      absent = true;
      return true;
    }
    return fail_expected(std::string(describe(spec_->expects)) + " for " + quoted(spec_->key),
                         found);
  }

  // ---- scalars

  bool scalar(Token token, Json kind, Value value) {
    token_ = token;
    if (!values_.empty()) return add_value(std::move(value));
    switch (ctx()) {
      case Ctx::Top:
      case Ctx::Node:
      case Ctx::Edge:
      case Ctx::Evidence:
        return set_field(kind, std::move(value));
      case Ctx::Labels:
      case Ctx::Aliases:
        return add_name(kind, std::move(value));
      case Ctx::Span:
        return add_span_bound(kind, value);
      case Ctx::Root:
        return fail_expected("an object at the top level (a normgraph graph)", kind);
      case Ctx::NodeList:
        return fail_expected("an object for a node", kind);
      case Ctx::EdgeList:
        return fail_expected("an object for an edge", kind);
      case Ctx::EvidenceList:
        return fail_expected("an object for an evidence entry", kind);
    }
    return false;
  }

  bool set_field(Json kind, Value value) {
    bool absent;
    if (!check_field_type(kind, absent)) return false;
    if (absent) return true;
    switch (spec_->field) {
      case Field::Format:
        return check_format(value.as_string());
      case Field::Version:
        return check_version(value.as_int());
      case Field::Id:
        if (value.as_string().size() > GraphStore::kMaxTextBytes) return fail(too_long("id"));
        return set_required_string(node().id, value);
      case Field::Kind:
        staged_.node_sites.back().kind_end = stream_.Tell();
        return set_required_string(node().labels.front(), value);
      case Field::Name:
        if (value.as_string().size() > GraphStore::kMaxTextBytes) return fail(too_long("name"));
        node().name = std::move(value.as_string());
        return true;
      case Field::Source:
        staged_.edge_sites.back().source_end = stream_.Tell();
        return set_required_string(edge().source, value);
      case Field::Target:
        staged_.edge_sites.back().target_end = stream_.Tell();
        return set_required_string(edge().target, value);
      case Field::Type:
        return set_required_string(edge().type, value);
      case Field::Doc:
        evidence().doc = std::move(value.as_string());
        return true;
      case Field::Rule:
        evidence().rule = std::move(value.as_string());
        return true;
      case Field::Text:
        evidence().text = std::move(value.as_string());
        return true;
      case Field::Paragraph:
        evidence().paragraph = value.as_int();
        return true;
      case Field::Sentence:
        evidence().sentence = value.as_int();
        return true;
      case Field::Extra:
        evidence().extra.push_back({extra_key_, std::move(value)});
        return true;
      default:
        return false;  // containers are handled in start_container
    }
  }

  static std::string too_long(const char* key) {
    return std::string("the node's \"") + key + "\" is longer than 16 MiB";
  }

  bool set_required_string(std::string& into, Value& value) {
    if (value.as_string().empty()) return fail(quoted(spec_->key) + " is empty");
    into = std::move(value.as_string());
    return true;
  }

  bool check_format(const std::string& format) {
    if (format == kFormatTag) return true;
    return fail("not a normgraph graph: \"format\" is " + quoted(format) + ", expected " +
                quoted(kFormatTag));
  }

  bool check_version(int64_t version) {
    if (version == kFormatVersion) return true;
    return fail("unsupported graph JSON version " + std::to_string(version) +
                " (this build reads version " + std::to_string(kFormatVersion) + ")");
  }

  bool add_name(Json kind, Value value) {
    bool labels = ctx() == Ctx::Labels;
    const char* list = labels ? "\"labels\"" : "\"aliases\"";
    if (kind != Json::String) return fail_expected(std::string("a string in ") + list, kind);
    if (labels && value.as_string().empty()) return fail("empty label in \"labels\"");
    auto& into = labels ? node().labels : node().aliases;
    into.push_back(std::move(value.as_string()));
    return true;
  }

  bool add_span_bound(Json kind, const Value& value) {
    if (kind != Json::Integer || span_bounds_ == 2)
      return fail("expected [begin, end] for \"span\", two integers");
    Evidence& ev = evidence();
    (span_bounds_++ == 0 ? ev.span_begin : ev.span_end) = value.as_int();
    return true;
  }

  // ---- containers

  bool start_container(Json kind) {
    if (frames_.size() + values_.size() >= kMaxDepth)
      return fail("nesting deeper than " + std::to_string(kMaxDepth) + " levels");
    if (!values_.empty()) return open_value(kind);
    switch (ctx()) {
      case Ctx::Root:
        if (kind != Json::Object)
          return fail_expected("an object at the top level (a normgraph graph)", kind);
        return push(Ctx::Top);
      case Ctx::Top:
      case Ctx::Node:
      case Ctx::Edge:
      case Ctx::Evidence:
        return start_field(kind);
      case Ctx::NodeList:
        return start_element(kind, Ctx::Node, "an object for a node");
      case Ctx::EdgeList:
        return start_element(kind, Ctx::Edge, "an object for an edge");
      case Ctx::EvidenceList:
        return start_element(kind, Ctx::Evidence, "an object for an evidence entry");
      case Ctx::Labels:
      case Ctx::Aliases:
        return fail_expected(
            ctx() == Ctx::Labels ? "a string in \"labels\"" : "a string in \"aliases\"", kind);
      case Ctx::Span:
        return fail("expected [begin, end] for \"span\", two integers");
    }
    return false;
  }

  bool start_field(Json kind) {
    bool absent;
    if (!check_field_type(kind, absent)) return false;
    switch (spec_->field) {
      case Field::Nodes:
        return push(Ctx::NodeList);
      case Field::Edges:
        return push(Ctx::EdgeList);
      case Field::Labels:
        return push(Ctx::Labels);
      case Field::Aliases:
        return push(Ctx::Aliases);
      case Field::Evidence:
        evidence_index_ = 0;
        return push(Ctx::EvidenceList);
      case Field::Span:
        span_bounds_ = 0;
        return push(Ctx::Span);
      case Field::Props:
      case Field::Extra:
        return open_value(kind);
      default:
        return false;  // scalar fields fail the type check above
    }
  }

  bool start_element(Json kind, Ctx element, const char* expected) {
    if (kind != Json::Object) return fail_expected(expected, kind);
    if (element == Ctx::Node) {
      staged_.nodes.emplace_back();
      staged_.nodes.back().labels.emplace_back();  // the kind's place, filled by "kind"
      staged_.node_sites.push_back({0});
    } else if (element == Ctx::Edge) {
      staged_.edges.emplace_back();
      staged_.edge_sites.push_back({0, 0});
    } else {
      (in_edge() ? edge().evidence : node().evidence).emplace_back();
    }
    return push(element);
  }

  bool push(Ctx ctx) {
    frames_.push_back({ctx});
    return true;
  }

  bool end_object() {
    if (!values_.empty()) return close_value();
    const Frame& frame = frames_.back();
    for (const FieldSpec& spec : fields_of(frame.ctx))
      if (spec.required && !(frame.seen & bit(spec.field)))
        return fail("missing " + quoted(spec.key));
    if (frame.ctx == Ctx::Node || frame.ctx == Ctx::Edge) report_progress();
    if (frame.ctx == Ctx::Evidence) ++evidence_index_;
    frames_.pop_back();
    return true;
  }

  bool end_array() {
    if (!values_.empty()) return close_value();
    if (ctx() == Ctx::Span && span_bounds_ != 2)
      return fail("expected [begin, end] for \"span\", two integers");
    frames_.pop_back();
    return true;
  }

  void report_progress() {
    if (stream_.Tell() < next_report_) return;
    report(progress_, phase_, stream_.Tell(), text_.size());
    next_report_ = stream_.Tell() + report_step_;
  }

  // ---- free-form values ("props", unknown evidence keys)

  bool open_value(Json kind) {
    values_.push_back({kind == Json::Object ? Value(ValueMap{}) : Value(ValueList{}), {}});
    return true;
  }

  bool value_key(std::string_view key) {
    OpenValue& open = values_.back();
    if (find_entry(open.container.as_map(), key)) return fail("duplicate key " + quoted(key));
    open.key = key;
    return true;
  }

  bool add_value(Value value) {
    OpenValue& open = values_.back();
    if (open.container.type() == Value::Type::List) {
      open.container.as_list().push_back(std::move(value));
      return true;
    }
    // An edge's "derived" flag travels in its props but is not a property.
    if (values_.size() == 1 && spec_->field == Field::Props && ctx() == Ctx::Edge &&
        open.key == "derived") {
      if (value.type() != Value::Type::Bool)
        return fail_expected("a boolean for \"derived\"", json_kind(value));
      edge().derived = value.as_bool();
      return true;
    }
    open.container.as_map().push_back({std::move(open.key), std::move(value)});
    return true;
  }

  bool close_value() {
    Value done = std::move(values_.back().container);
    values_.pop_back();
    if (!values_.empty()) return add_value(std::move(done));
    if (spec_->field == Field::Extra) {
      evidence().extra.push_back({extra_key_, std::move(done)});
    } else {
      ValueMap& props = ctx() == Ctx::Node ? node().props : edge().props;
      props = std::move(done.as_map());
    }
    return true;
  }

  std::string_view text_;
  const rapidjson::MemoryStream& stream_;
  Progress* progress_;
  std::string_view phase_;
  size_t report_step_;
  size_t next_report_;

  Staged staged_;
  std::vector<Frame> frames_{{Ctx::Root}};
  std::vector<OpenValue> values_;
  const FieldSpec* spec_ = nullptr;  // the field whose value comes next
  std::string extra_key_;            // its key, when the field is an evidence extra
  size_t evidence_index_ = 0;
  int span_bounds_ = 0;
  Token token_ = Token::Punct;

  std::string error_;
  size_t error_offset_ = 0;
};

// ---- driving the parse

std::string syntax_message(rapidjson::ParseErrorCode code) {
  using namespace rapidjson;
  switch (code) {
    case kParseErrorDocumentEmpty:
      return "the document is empty";
    case kParseErrorDocumentRootNotSingular:
      return "unexpected text after the end of the document";
    case kParseErrorStringInvalidEncoding:
      return "invalid UTF-8 in a string";
    default:
      break;
  }
  const char* what = nullptr;
  switch (code) {
    case kParseErrorValueInvalid:
      what = "expected a value (string, number, object, array, true, false or null)";
      break;
    case kParseErrorObjectMissName:
      what = "expected a key in double quotes";
      break;
    case kParseErrorObjectMissColon:
      what = "expected ':' after a key";
      break;
    case kParseErrorObjectMissCommaOrCurlyBracket:
      what = "expected ',' or '}' after a value";
      break;
    case kParseErrorArrayMissCommaOrSquareBracket:
      what = "expected ',' or ']' after a value";
      break;
    case kParseErrorStringMissQuotationMark:
      what = "a string without its closing quote";
      break;
    case kParseErrorStringEscapeInvalid:
      what = "an invalid escape in a string";
      break;
    case kParseErrorStringUnicodeEscapeInvalidHex:
      what = "an invalid \\u escape in a string";
      break;
    case kParseErrorStringUnicodeSurrogateInvalid:
      what = "an invalid surrogate pair in a string";
      break;
    case kParseErrorNumberMissFraction:
      what = "expected digits after the decimal point";
      break;
    case kParseErrorNumberMissExponent:
      what = "expected digits in the exponent";
      break;
    case kParseErrorNumberTooBig:
      what = "a number too big for a double";
      break;
    default:
      what = GetParseError_En(code);
      break;
  }
  return std::string("invalid JSON: ") + what;
}

// A UTF-8 byte order mark, which some editors write, is not JSON; skip it.
size_t bom_length(std::string_view text) {
  return text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
}

class Loader {
 public:
  Loader(std::string_view text, const std::string& source_name, Progress* progress)
      : text_(text), source_name_(source_name), progress_(progress) {}

  // Parses the text and checks it against the store, which is only read.
  Staged read_checked(const GraphStore& store) {
    Staged staged = parse();
    check_kinds(staged, store);
    check_endpoints(staged, store);
    return staged;
  }

 private:
  Staged parse() {
    size_t base = bom_length(text_);
    std::string_view body = text_.substr(base);
    rapidjson::MemoryStream stream(body.data(), body.size());
    std::string phase = "reading " + source_name_;
    GraphJsonHandler handler(body, stream, progress_, phase);
    rapidjson::Reader reader;
    report(progress_, phase, 0, body.size());
    rapidjson::ParseResult result = reader.Parse<kParseFlags>(stream, handler);
    if (result.IsError()) {
      if (result.Code() == rapidjson::kParseErrorTermination)
        throw error_at(base + handler.error_offset(), handler.error());
      throw error_at(base + result.Offset(), syntax_message(result.Code()));
    }
    report(progress_, phase, body.size(), body.size());
    return std::move(handler.staged());
  }

  InputError error_at(size_t offset, const std::string& msg) const {
    auto [line, column] = line_column(text_, offset);
    return InputError(located(source_name_, line, column, msg));
  }

  // The offset of a string token given where it ends; sites are relative to the body.
  size_t string_at(size_t end) const {
    size_t base = bom_length(text_);
    return base + string_start(text_.substr(base), end);
  }

  // A node id must keep one kind: within the file and against the store.
  void check_kinds(const Staged& staged, const GraphStore& store) {
    first_by_id_.reserve(staged.nodes.size());
    for (size_t i = 0; i < staged.nodes.size(); ++i) {
      const NodeData& node = staged.nodes[i];
      const std::string& kind = node.labels.front();
      auto [it, inserted] = first_by_id_.try_emplace(node.id, i);
      std::string conflict;
      if (!inserted) {
        const std::string& first_kind = staged.nodes[it->second].labels.front();
        if (first_kind != kind)
          conflict = "kind " + quoted(first_kind) + " in node " + std::to_string(it->second);
      } else if (auto existing = store.find_node(node.id)) {
        std::string_view stored_kind = store.node_kind(*existing);
        if (stored_kind != kind) conflict = "kind " + quoted(stored_kind) + " in the graph";
      }
      if (!conflict.empty())
        throw error_at(string_at(staged.node_sites[i].kind_end),
                       "node " + std::to_string(i) + ": " + quoted(node.id) + " has kind " +
                           quoted(kind) + " here but " + conflict);
    }
  }

  void check_endpoints(const Staged& staged, const GraphStore& store) const {
    for (size_t i = 0; i < staged.edges.size(); ++i) {
      const EdgeData& edge = staged.edges[i];
      const EdgeSite& site = staged.edge_sites[i];
      check_endpoint(i, "source", edge.source, site.source_end, store);
      check_endpoint(i, "target", edge.target, site.target_end, store);
    }
  }

  void check_endpoint(size_t edge_index, const char* role, const std::string& id, size_t end,
                      const GraphStore& store) const {
    if (first_by_id_.contains(id) || store.find_node(id)) return;
    throw error_at(string_at(end), "edge " + std::to_string(edge_index) + ": unknown " + role +
                                       " node " + quoted(id) +
                                       " (neither in this file nor in the graph)");
  }

  std::string_view text_;
  const std::string& source_name_;
  Progress* progress_;
  // Views into the staged nodes' ids, which stay put once parsing is over.
  std::unordered_map<std::string_view, size_t> first_by_id_;
};

// Writes checked data to the store. Each element's memory is released once the store holds
// its copy, so that the staging area shrinks while the store grows. Many edges relative to the
// graph are appended and merged in one rebuild of the adjacency, not looked up one by one.
LoadCounts apply(Staged&& staged, GraphStore& store) {
  for (NodeData& node : staged.nodes) {
    store.upsert_node(node);
    node = NodeData();
  }
  const bool bulk = staged.edges.size() * 4 >= store.edge_count();
  for (EdgeData& edge : staged.edges) {
    if (bulk)
      store.bulk_add_edge(*store.find_node(edge.source), store.intern_edge_type(edge.type),
                          *store.find_node(edge.target), edge.derived, edge.props, edge.evidence);
    else
      store.upsert_edge(edge);
    edge = EdgeData();
  }
  if (bulk) store.finish_bulk_edges();
  return {staged.nodes.size(), staged.edges.size()};
}

}  // namespace

LoadCounts load_graph_json_file(const std::string& path, GraphStore& store, Progress* progress) {
  std::string text = read_file(path);
  Staged staged = Loader(text, path, progress).read_checked(store);
  std::string().swap(text);  // only needed for error positions; free it before the store grows
  LoadCounts counts = apply(std::move(staged), store);
  report_done(progress, "reading " + path);
  return counts;
}

LoadCounts load_graph_json_text(std::string_view json, const std::string& source_name,
                                GraphStore& store) {
  return apply(Loader(json, source_name, nullptr).read_checked(store), store);
}

}  // namespace normgraph::loaders
