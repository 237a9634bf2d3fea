// CSV graph loader: the input, split at its first NUL byte into nodes.csv and edges.csv, loads
// or gives an InputError, and an error leaves the store as it was.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>
#include <string_view>

#include "normgraph/core/errors.hpp"
#include "normgraph/loaders/csv_graph.hpp"

namespace {
std::string folder() {
  static const std::string dir = [] {
    std::string d = "/tmp/normgraph-fuzz-csv-" + std::to_string(::getpid());
    ::mkdir(d.c_str(), 0755);
    return d;
  }();
  return dir;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  const size_t cut = std::min(in.find('\0'), in.size());
  std::ofstream(folder() + "/nodes.csv", std::ios::binary | std::ios::trunc) << in.substr(0, cut);
  std::ofstream(folder() + "/edges.csv", std::ios::binary | std::ios::trunc)
      << (cut < in.size() ? in.substr(cut + 1) : std::string_view());
  normgraph::GraphStore store;
  try {
    normgraph::loaders::load_csv_graph(folder(), store);
  } catch (const normgraph::InputError&) {
    if (store.node_slots() != 0) __builtin_trap();  // an empty store stays empty on error
  }
  return 0;
}
