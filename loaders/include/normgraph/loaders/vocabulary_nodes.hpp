#pragma once
// Vocabulary entries as store nodes: what the loaders need from the ontology to make nodes.
// The ontology layer knows nothing of the store; this is where the two meet.
#include "normgraph/engine/graph_store.hpp"
#include "normgraph/ontology/vocabulary.hpp"

namespace normgraph::loaders {

// The node for an entry: id, labels {kind}, name, aliases, props.
inline NodeData vocabulary_node(const ontology::VocabularyEntry& entry) {
  NodeData node;
  node.id = entry.id;
  node.labels = {entry.kind};
  node.name = entry.name;
  node.aliases = entry.aliases;
  node.props = entry.props;
  return node;
}

}  // namespace normgraph::loaders
