// The binder's warnings: labels, relationship types and properties the ontology does not know.
#include "bind/binder_class.hpp"

#include <algorithm>

#include "functions.hpp"
#include "normgraph/core/strings.hpp"
#include "normgraph/ontology/schema.hpp"

namespace normgraph::query::bind {

void Binder::check_label(const std::string& label) {
  if (!schema_ || schema_->kind(label) || !warned_.insert("label:" + label).second) return;
  out_.warnings.push_back("label '" + label + "' is not a kind of the ontology");
}

// A node property no kind of the ontology declares (id, name, aliases and evidence every
// node may have).
void Binder::check_property(const std::string& key) {
  if (!schema_ || key == "id" || key == "name" || key == "aliases" || key == "evidence") return;
  for (const auto& kind : schema_->kinds())
    if (kind.property(key)) return;
  if (warned_.insert("property:" + key).second)
    out_.warnings.push_back("property '" + key + "' is not declared by any kind of the ontology");
}

void Binder::check_type(const std::string& type) {
  if (!schema_ || schema_->edge_type(type) || !warned_.insert("type:" + type).second) return;
  out_.warnings.push_back("relationship type '" + type + "' is not in the ontology");
}

}  // namespace normgraph::query::bind
