// Norm-text loader: any bytes read as a norm text, a supporters list and a curated norm set
// load without crashing; the only accepted failure is an InputError.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "normgraph/core/errors.hpp"
#include "normgraph/loaders/norm_text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto loader = normgraph::loaders::NormLoader::load_default();
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  normgraph::GraphStore store;
  try {
    loader.load_norm_text(bytes, "fuzz_norm_text.txt", store);
  } catch (const normgraph::InputError&) {
  }
  try {
    loader.load_supporters(bytes, "fuzz_supporters.tsv", store);
  } catch (const normgraph::InputError&) {
  }
  try {
    loader.load_curated(bytes, "fuzz.norms", store);
  } catch (const normgraph::InputError&) {
  }
  return 0;
}
