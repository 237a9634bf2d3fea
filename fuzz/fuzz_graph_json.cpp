// Graph JSON reader: any bytes load or give an InputError; a failed load leaves the store as it
// was.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "normgraph/core/errors.hpp"
#include "normgraph/loaders/graph_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  normgraph::GraphStore store;
  normgraph::NodeData keep{"keep", {"Actor"}, "Kept", {}, {}, {}};
  store.upsert_node(keep);
  try {
    normgraph::loaders::load_graph_json_text(
        std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.json", store);
  } catch (const normgraph::InputError&) {
    if (store.node_count() != 1 || store.edge_count() != 0) __builtin_trap();  // changed on error
  }
  return 0;
}
