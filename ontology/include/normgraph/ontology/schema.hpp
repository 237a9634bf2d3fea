#pragma once
// The ontology's schema as data (ontology/schema.json): node kinds with their properties and
// edge types with their domain and range. See docs/ontology.md for the file format.
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace normgraph::ontology {

// A property a node kind knows about.
struct PropertySpec {
  std::string name;
  std::string type;  // "string", "integer", "number", "boolean", "list" or "map"
  std::string description;
  std::vector<std::string> values;  // the allowed values of a string property; empty: any
};

struct KindSpec {
  std::string name;
  std::string description;
  std::vector<std::string> required_props;
  std::vector<PropertySpec> properties;  // every known property, required ones included

  const PropertySpec* property(std::string_view name) const;
};

struct EdgeTypeSpec {
  std::string name;
  std::string description;
  std::vector<std::string> domain;  // kinds allowed as the source
  std::vector<std::string> range;   // kinds allowed as the target
  bool derived = false;             // produced by rules rather than by loaders
};

class Schema {
 public:
  // Reads and checks a schema file. Throws InputError naming the file and, for malformed
  // JSON, the line and column; for other mistakes, the JSON path of the offending value.
  static Schema load(const std::string& path);
  // $NORMGRAPH_ONTOLOGY_DIR/schema.json when that variable is set, else the schema.json of
  // the source tree's ontology/ folder.
  static Schema load_default();
  static std::string default_path();

  const KindSpec* kind(std::string_view name) const;
  const EdgeTypeSpec* edge_type(std::string_view name) const;
  const std::vector<KindSpec>& kinds() const { return kinds_; }
  const std::vector<EdgeTypeSpec>& edge_types() const { return edge_types_; }

  // Whether an edge of this type may go from a node of `source_kind` to one of `target_kind`.
  // False for an unknown edge type.
  bool allows(std::string_view edge_type, std::string_view source_kind,
              std::string_view target_kind) const;

 private:
  friend class SchemaReader;
  void add_kind(KindSpec kind);
  void add_edge_type(EdgeTypeSpec edge_type);

  std::vector<KindSpec> kinds_;
  std::vector<EdgeTypeSpec> edge_types_;
  std::map<std::string, size_t, std::less<>> kind_index_;
  std::map<std::string, size_t, std::less<>> edge_type_index_;
};

}  // namespace normgraph::ontology
