// CSV folders for the bulk importers of Neo4j (neo4j-admin database import) and Kùzu (COPY FROM).
// Both get typed property columns found in a first pass over the selection; fields are quoted
// as RFC 4180 says, which both importers read (Neo4j with --multiline-fields for line breaks).
#include <filesystem>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "file_sink.hpp"
#include "normgraph/viz/export.hpp"
#include "property_columns.hpp"
#include "text_escape.hpp"

namespace normgraph::viz {
namespace {

using detail::ColumnType;
using detail::PropertyColumn;

void make_folder(const std::string& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) throw std::runtime_error(dir + ": cannot create directory: " + error.message());
}

void field(detail::FileSink& sink, std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    sink.write(text);
    return;
  }
  sink.Put('"');
  for (char c : text) {
    if (c == '"') sink.Put('"');
    sink.Put(c);
  }
  sink.Put('"');
}

// Comma-separated fields of one row, ended by a newline.
class Row {
 public:
  explicit Row(detail::FileSink& sink) : sink_(sink) {}
  Row& operator<<(std::string_view text) {
    if (!first_) sink_.Put(',');
    first_ = false;
    field(sink_, text);
    return *this;
  }
  ~Row() { sink_.Put('\n'); }

 private:
  detail::FileSink& sink_;
  bool first_ = true;
};

std::string labels_text(const GraphStore& store, NodeId n) {
  std::string text;
  for (std::string_view label : store.node_labels(n)) {
    if (!text.empty()) text += ';';
    text += label;
  }
  return text;
}

std::string aliases_json(const GraphStore& store, NodeId n) {
  auto aliases = store.node_aliases(n);
  return aliases.empty() ? std::string()
                         : detail::json_text(ValueList(aliases.begin(), aliases.end()));
}

// Property cells in column order.
void property_cells(Row& row, const ValueMap& props, const std::vector<PropertyColumn>& columns) {
  for (const PropertyColumn& column : columns)
    row << detail::cell_text(find_entry(props, column.key), column.type);
}

// Column names unique after sanitizing, and distinct from the fixed columns.
std::vector<std::string> column_names(const std::vector<PropertyColumn>& columns,
                                      std::set<std::string> taken) {
  std::vector<std::string> names;
  for (const PropertyColumn& column : columns) {
    std::string name = detail::identifier(column.key);
    while (taken.count(name)) name += "_";
    taken.insert(name);
    names.push_back(name);
  }
  return names;
}

// ---- Neo4j

const char* neo4j_type(ColumnType type) {
  switch (type) {
    case ColumnType::Boolean:
      return ":boolean";
    case ColumnType::Integer:
      return ":long";
    case ColumnType::Double:
      return ":double";
    case ColumnType::String:
      return "";
  }
  return "";
}

void neo4j_nodes(const GraphStore& store, const Selection& selection, const std::string& path) {
  auto columns = detail::node_property_columns(store, selection);
  auto names = column_names(columns, {"id", "name", "aliases"});
  detail::write_file(path, [&](detail::FileSink& sink) {
    {
      Row header(sink);
      header << "id:ID"
             << "name"
             << ":LABEL"
             << "aliases:string[]";
      for (size_t i = 0; i < columns.size(); ++i) header << names[i] + neo4j_type(columns[i].type);
    }
    selection.for_each_node(store, [&](NodeId n) {
      Row row(sink);
      std::string aliases;
      for (const std::string& alias : store.node_aliases(n))
        aliases += (aliases.empty() ? "" : ";") + alias;
      row << store.node_id(n) << store.node_name(n) << labels_text(store, n) << aliases;
      property_cells(row, store.node_props(n), columns);
    });
  });
}

void neo4j_relationships(const GraphStore& store, const Selection& selection,
                         const std::string& path) {
  auto columns = detail::edge_property_columns(store, selection);
  auto names = column_names(columns, {"derived", "sentences", "evidence"});
  detail::write_file(path, [&](detail::FileSink& sink) {
    {
      Row header(sink);
      header << ":START_ID"
             << ":END_ID"
             << ":TYPE"
             << "derived:boolean"
             << "sentences:long"
             << "evidence";
      for (size_t i = 0; i < columns.size(); ++i) header << names[i] + neo4j_type(columns[i].type);
    }
    selection.for_each_edge(store, [&](EdgeId e) {
      EdgeEnds ends = store.edge_ends(e);
      std::vector<Evidence> evidence = store.edge_evidence(e);
      Row row(sink);
      row << store.node_id(ends.source) << store.node_id(ends.target)
          << store.edge_type_name(ends.type) << (store.edge_derived(e) ? "true" : "false")
          << std::to_string(evidence.size())
          << (evidence.empty() ? std::string() : evidence.front().text);
      property_cells(row, store.edge_props(e), columns);
    });
  });
}

// ---- Kùzu

const char* kuzu_type(ColumnType type) {
  switch (type) {
    case ColumnType::Boolean:
      return "BOOLEAN";
    case ColumnType::Integer:
      return "INT64";
    case ColumnType::Double:
      return "DOUBLE";
    case ColumnType::String:
      return "STRING";
  }
  return "STRING";
}

void kuzu_nodes(const GraphStore& store, const Selection& selection, const std::string& path,
                const std::vector<PropertyColumn>& columns, const std::vector<std::string>& names) {
  detail::write_file(path, [&](detail::FileSink& sink) {
    {
      Row header(sink);
      header << "id"
             << "kind"
             << "name"
             << "labels"
             << "aliases";
      for (const std::string& name : names) header << name;
    }
    selection.for_each_node(store, [&](NodeId n) {
      Row row(sink);
      row << store.node_id(n) << store.node_kind(n) << store.node_name(n) << labels_text(store, n)
          << aliases_json(store, n);
      property_cells(row, store.node_props(n), columns);
    });
  });
}

void kuzu_relationships(const GraphStore& store, const Selection& selection, EdgeType type,
                        const std::string& path, const std::vector<PropertyColumn>& columns,
                        const std::vector<std::string>& names) {
  detail::write_file(path, [&](detail::FileSink& sink) {
    {
      Row header(sink);
      header << "from"
             << "to"
             << "derived"
             << "sentences"
             << "evidence";
      for (const std::string& name : names) header << name;
    }
    store.for_each_edge_of_type(type, [&](EdgeId e) {
      if (!selection.has_edge(e)) return;
      EdgeEnds ends = store.edge_ends(e);
      std::vector<Evidence> evidence = store.edge_evidence(e);
      Row row(sink);
      row << store.node_id(ends.source) << store.node_id(ends.target)
          << (store.edge_derived(e) ? "true" : "false") << std::to_string(evidence.size())
          << (evidence.empty() ? std::string() : evidence.front().text);
      property_cells(row, store.edge_props(e), columns);
    });
  });
}

std::string column_list(const std::vector<PropertyColumn>& columns,
                        const std::vector<std::string>& names) {
  std::string text;
  for (size_t i = 0; i < columns.size(); ++i)
    text += ", " + names[i] + " " + kuzu_type(columns[i].type);
  return text;
}

}  // namespace

void write_neo4j_csv(const GraphStore& store, const Selection& selection, const std::string& dir) {
  make_folder(dir);
  std::filesystem::path base(dir);
  neo4j_nodes(store, selection, (base / "nodes.csv").string());
  neo4j_relationships(store, selection, (base / "relationships.csv").string());
  detail::write_file((base / "import.sh").string(), [&](detail::FileSink& sink) {
    sink.write(
        "#!/bin/sh\n"
        "# Imports this folder into a new Neo4j database (Neo4j 5: neo4j-admin database import).\n"
        "#   ./import.sh [DATABASE]      (default: neo4j; the database must not exist yet)\n"
        "cd \"$(dirname \"$0\")\" && exec neo4j-admin database import full \\\n"
        "  --nodes=nodes.csv --relationships=relationships.csv \\\n"
        "  --multiline-fields=true --array-delimiter=';' \"${1:-neo4j}\"\n");
  });
  std::filesystem::permissions(base / "import.sh", std::filesystem::perms::owner_exec,
                               std::filesystem::perm_options::add);
}

void write_kuzu_csv(const GraphStore& store, const Selection& selection, const std::string& dir) {
  make_folder(dir);
  std::filesystem::path base(dir);
  auto node_columns = detail::node_property_columns(store, selection);
  auto node_names = column_names(node_columns, {"id", "kind", "name", "labels", "aliases"});
  auto edge_columns = detail::edge_property_columns(store, selection);
  auto edge_names = column_names(edge_columns, {"derived", "sentences", "evidence"});
  kuzu_nodes(store, selection, (base / "nodes.csv").string(), node_columns, node_names);

  // One rel table per edge type with selected edges; table names are sanitized type names.
  std::vector<size_t> per_type(store.edge_type_count(), 0);
  selection.for_each_edge(store, [&](EdgeId e) { ++per_type[store.edge_ends(e).type]; });
  std::string script =
      "// Loads this folder into Kùzu: run it from this folder, e.g. kuzu DB < load.cypher\n"
      "CREATE NODE TABLE Node(id STRING PRIMARY KEY, kind STRING, name STRING, labels STRING, "
      "aliases STRING" +
      column_list(node_columns, node_names) + ");\n" +
      "COPY Node FROM 'nodes.csv' (header=true, parallel=false);\n";
  std::set<std::string> tables{"Node"};
  for (EdgeType t = 0; t < store.edge_type_count(); ++t) {
    if (per_type[t] == 0) continue;
    std::string table = detail::identifier(store.edge_type_name(t));
    while (tables.count(table)) table += "_";
    tables.insert(table);
    std::string file = "rel_" + table + ".csv";
    kuzu_relationships(store, selection, t, (base / file).string(), edge_columns, edge_names);
    script += "CREATE REL TABLE " + table +
              "(FROM Node TO Node, derived BOOLEAN, sentences INT64, evidence STRING" +
              column_list(edge_columns, edge_names) + ");\n" + "COPY " + table + " FROM '" + file +
              "' (header=true, parallel=false);\n";
  }
  detail::write_file((base / "load.cypher").string(),
                     [&](detail::FileSink& sink) { sink.write(script); });
}

}  // namespace normgraph::viz
