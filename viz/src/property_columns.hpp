#pragma once
// The typed columns of the tabular and keyed formats (GraphML keys, Neo4j and Kùzu CSV headers):
// one per property key found in the selection, typed by the values seen. A first pass over the
// selection finds them, so the header can precede the rows without holding the rows.
#include <string>
#include <string_view>
#include <vector>

#include "normgraph/engine/graph_store.hpp"
#include "normgraph/viz/selection.hpp"

namespace normgraph::viz::detail {

// Integer and Double meet as Double; any other mix, lists and maps are String (JSON text).
enum class ColumnType { Boolean, Integer, Double, String };

struct PropertyColumn {
  std::string key;
  ColumnType type;
};

std::vector<PropertyColumn> node_property_columns(const GraphStore& store,
                                                  const Selection& selection);
// Edge properties other than "derived", which every format writes as the edge's flag.
std::vector<PropertyColumn> edge_property_columns(const GraphStore& store,
                                                  const Selection& selection);

// A value as the text of a cell of the column's type; empty for null or absent.
std::string cell_text(const Value* value, ColumnType type);

// [A-Za-z0-9_] only, not starting with a digit: a name every target accepts unquoted.
std::string identifier(std::string_view text);

}  // namespace normgraph::viz::detail
