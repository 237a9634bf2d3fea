#include "normgraph/query/result_format.hpp"

#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "normgraph/core/json_value.hpp"
#include "values.hpp"

namespace normgraph::query {

namespace {

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    switch (c) {
      case '\'':
        out += "\\'";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += c;
    }
  }
  return out + "'";
}

std::string key_text(const std::string& k) {
  bool plain = !k.empty() && !std::isdigit(static_cast<unsigned char>(k[0]));
  for (char c : k) plain = plain && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
  return plain ? k : "`" + k + "`";
}

std::string map_text(const GraphStore& store, const ValueMap& m) {
  std::string out = "{";
  for (size_t i = 0; i < m.size(); ++i) {
    if (i) out += ", ";
    out += key_text(m[i].key) + ": " + cypher_literal(store, m[i].value);
  }
  return out + "}";
}

std::string node_text(const GraphStore& store, NodeId n) {
  std::string out = "(";
  for (auto l : store.node_labels(n)) out += ":" + key_text(std::string(l));
  ValueMap props = node_properties(store, n);
  if (!props.empty()) out += (out.size() > 1 ? " " : "") + map_text(store, props);
  return out + ")";
}

std::string edge_text(const GraphStore& store, EdgeId e) {
  std::string out = "[:" + key_text(std::string(store.edge_type_name(store.edge_ends(e).type)));
  ValueMap props = edge_properties(store, e);
  if (!props.empty()) out += " " + map_text(store, props);
  return out + "]";
}

std::string path_text(const GraphStore& store, const PathValue& p) {
  std::string out = "<" + node_text(store, p.nodes[0]);
  for (size_t i = 0; i < p.edges.size(); ++i) {
    bool forward = store.edge_ends(p.edges[i]).source == p.nodes[i];
    out += (forward ? "-" : "<-") + edge_text(store, p.edges[i]) + (forward ? "->" : "-");
    out += node_text(store, p.nodes[i + 1]);
  }
  return out + ">";
}

// ---------------------------------------------------------------- JSON

class JsonOut {
 public:
  JsonOut(std::ostream& out, const GraphStore& store)
      : wrapper_(out), w_(wrapper_), store_(store) {}

  void result(const QueryResult& r, const ValueMap& extra = {}) {
    w_.StartObject();
    w_.Key("columns");
    w_.StartArray();
    for (const auto& c : r.columns) string(c);
    w_.EndArray();
    w_.Key("rows");
    w_.StartArray();
    for (const auto& row : r.rows) {
      w_.StartArray();
      for (const Value& v : row) value(v);
      w_.EndArray();
    }
    w_.EndArray();
    stats(r);
    if (!r.warnings.empty()) {
      w_.Key("warnings");
      w_.StartArray();
      for (const auto& warning : r.warnings) string(warning);
      w_.EndArray();
    }
    for (const MapEntry& e : extra) {
      string_key(e.key);
      value(e.value);
    }
    w_.EndObject();
    wrapper_.Flush();
  }

 private:
  void string(std::string_view s) {
    w_.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
  }
  void string_key(std::string_view s) {
    w_.Key(s.data(), static_cast<rapidjson::SizeType>(s.size()));
  }
  void field(const char* k, uint64_t v) {
    w_.Key(k);
    w_.Uint64(v);
  }

  void stats(const QueryResult& r) {
    const QueryStats& s = r.stats;
    w_.Key("stats");
    w_.StartObject();
    field("rows", r.rows.size());
    field("nodes_created", s.nodes_created);
    field("nodes_deleted", s.nodes_deleted);
    field("relationships_created", s.relationships_created);
    field("relationships_deleted", s.relationships_deleted);
    field("properties_set", s.properties_set);
    field("labels_added", s.labels_added);
    field("labels_removed", s.labels_removed);
    w_.Key("compile_ms");
    w_.Double(s.compile_ms);
    w_.Key("execute_ms");
    w_.Double(s.execute_ms);
    w_.EndObject();
  }

  void map(const ValueMap& m) { json::write_map(w_, m, Hooks{this}); }

  void node(NodeId n) {
    w_.StartObject();
    w_.Key("id");
    string(store_.node_id(n));
    w_.Key("labels");
    w_.StartArray();
    for (auto l : store_.node_labels(n)) string(l);
    w_.EndArray();
    w_.Key("name");
    string(store_.node_name(n));
    w_.Key("props");
    map(store_.node_props(n));
    w_.EndObject();
  }

  void edge(EdgeId e) {
    EdgeEnds ends = store_.edge_ends(e);
    w_.StartObject();
    w_.Key("source");
    string(store_.node_id(ends.source));
    w_.Key("target");
    string(store_.node_id(ends.target));
    w_.Key("type");
    string(store_.edge_type_name(ends.type));
    w_.Key("props");
    map(store_.edge_props(e));
    if (store_.edge_derived(e)) {
      w_.Key("derived");
      w_.Bool(true);
    }
    w_.EndObject();
  }

  // Values as json::write_value writes them, but a double that is not finite as a string
  // ("NaN", "Infinity") and graph references as the objects of node() and edge().
  struct Hooks : json::ValueHooks {
    JsonOut* out;
    explicit Hooks(JsonOut* o) : out(o) {}
    template <class Writer>
    bool non_finite(Writer&, double d) const {
      out->string(format_double(d));
      return true;
    }
    template <class Writer>
    bool graph_ref(Writer&, const Value& v) const {
      out->graph_ref(v);
      return true;
    }
  };

  void value(const Value& v) { json::write_value(w_, v, Hooks{this}); }

  void graph_ref(const Value& v) {
    switch (v.type()) {
      case Value::Type::Node:
        node(v.as_node());
        return;
      case Value::Type::Edge:
        edge(v.as_edge());
        return;
      default:
        w_.StartObject();
        w_.Key("nodes");
        w_.StartArray();
        for (NodeId n : v.as_path().nodes) node(n);
        w_.EndArray();
        w_.Key("relationships");
        w_.StartArray();
        for (EdgeId e : v.as_path().edges) edge(e);
        w_.EndArray();
        w_.EndObject();
        return;
    }
  }

  rapidjson::OStreamWrapper wrapper_;
  rapidjson::Writer<rapidjson::OStreamWrapper> w_;
  const GraphStore& store_;
};

// ---------------------------------------------------------------- CSV and table

std::string cell_text(const GraphStore& store, const Value& v) {
  if (v.is_null()) return "";
  if (v.type() == Value::Type::String) return v.as_string();
  return cypher_literal(store, v);
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void write_csv(std::ostream& out, const GraphStore& store, const QueryResult& r) {
  for (size_t i = 0; i < r.columns.size(); ++i) out << (i ? "," : "") << csv_field(r.columns[i]);
  out << "\r\n";
  for (const auto& row : r.rows) {
    for (size_t i = 0; i < row.size(); ++i)
      out << (i ? "," : "") << csv_field(cell_text(store, row[i]));
    out << "\r\n";
  }
}

// Display width in code points (UTF-8 continuation bytes do not count).
size_t width(const std::string& s) {
  return static_cast<size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

void write_table(std::ostream& out, const GraphStore& store, const QueryResult& r) {
  std::vector<std::vector<std::string>> cells;
  std::vector<size_t> widths;
  for (const auto& c : r.columns) widths.push_back(width(c));
  for (const auto& row : r.rows) {
    std::vector<std::string> line;
    for (size_t i = 0; i < row.size(); ++i) {
      std::string t = row[i].is_null() ? "null" : cypher_literal(store, row[i]);
      std::replace(t.begin(), t.end(), '\n', ' ');
      widths[i] = std::max(widths[i], width(t));
      line.push_back(std::move(t));
    }
    cells.push_back(std::move(line));
  }
  auto rule = [&] {
    out << '+';
    for (size_t w : widths) out << std::string(w + 2, '-') << '+';
    out << '\n';
  };
  auto line = [&](const std::vector<std::string>& items) {
    out << '|';
    for (size_t i = 0; i < items.size(); ++i)
      out << ' ' << items[i] << std::string(widths[i] - width(items[i]) + 1, ' ') << '|';
    out << '\n';
  };
  rule();
  line(r.columns);
  rule();
  for (const auto& l : cells) line(l);
  if (!cells.empty()) rule();
  out << r.rows.size() << (r.rows.size() == 1 ? " row" : " rows");
  const QueryStats& s = r.stats;
  if (s.contains_updates())
    out << "; created " << s.nodes_created << " node(s), " << s.relationships_created
        << " relationship(s); deleted " << s.nodes_deleted << " node(s), "
        << s.relationships_deleted << " relationship(s); set " << s.properties_set
        << " propert(ies); labels +" << s.labels_added << " -" << s.labels_removed;
  char ms[32];
  std::snprintf(ms, sizeof ms, " (%.3f ms)\n", s.compile_ms + s.execute_ms);
  out << ms;
}

}  // namespace

std::string cypher_literal(const GraphStore& store, const Value& v) {
  switch (v.type()) {
    case Value::Type::Null:
      return "null";
    case Value::Type::Bool:
      return v.as_bool() ? "true" : "false";
    case Value::Type::Int:
      return std::to_string(v.as_int());
    case Value::Type::Double:
      return format_double(v.as_double());
    case Value::Type::String:
      return quote(v.as_string());
    case Value::Type::List: {
      std::string out = "[";
      for (size_t i = 0; i < v.as_list().size(); ++i)
        out += (i ? ", " : "") + cypher_literal(store, v.as_list()[i]);
      return out + "]";
    }
    case Value::Type::Map:
      return map_text(store, v.as_map());
    case Value::Type::Node:
      return node_text(store, v.as_node());
    case Value::Type::Edge:
      return edge_text(store, v.as_edge());
    case Value::Type::Path:
      return path_text(store, v.as_path());
    case Value::Type::Temporal:  // as cypher-shell shows it: 2015-07-21, P1D
      return format_temporal(v.as_temporal());
  }
  return "?";
}

ResultFormat parse_result_format(std::string_view name) {
  if (name == "table") return ResultFormat::Table;
  if (name == "json") return ResultFormat::Json;
  if (name == "csv") return ResultFormat::Csv;
  throw InputError("unknown result format '" + std::string(name) + "' (table, json or csv)");
}

void write_result_json(std::ostream& out, const GraphStore& store, const QueryResult& result,
                       const ValueMap& extra) {
  JsonOut(out, store).result(result, extra);
}

void write_result(std::ostream& out, const GraphStore& store, const QueryResult& result,
                  ResultFormat format) {
  switch (format) {
    case ResultFormat::Json:
      JsonOut(out, store).result(result);
      out << '\n';
      return;
    case ResultFormat::Csv:
      write_csv(out, store, result);
      return;
    case ResultFormat::Table:
      write_table(out, store, result);
      return;
  }
}

}  // namespace normgraph::query
