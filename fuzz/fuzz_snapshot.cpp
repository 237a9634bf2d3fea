// Snapshot reader: any file either loads or gives a StorageError; never a crash. The seed is a
// real snapshot (scripts/fuzz.sh), so mutations start from a valid header and body.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>

#include "normgraph/core/errors.hpp"
#include "normgraph/engine/snapshot.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = "/tmp/normgraph-fuzz-" + std::to_string(::getpid()) + ".snapshot";
  std::ofstream(path, std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  try {
    normgraph::GraphStore g = normgraph::load_snapshot(path);
    // A snapshot that loads must be usable.
    for (normgraph::NodeId n = 0; n < g.node_slots(); ++n)
      g.for_each_adjacent(n, normgraph::Direction::Both, std::nullopt,
                          [](const normgraph::AdjEntry&) {});
  } catch (const normgraph::StorageError&) {
  }
  return 0;
}
