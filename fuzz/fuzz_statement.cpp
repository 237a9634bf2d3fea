// Statement loader: any bytes (any encoding, any header) extract without crashing; the only
// accepted failure is an InputError.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "normgraph/core/errors.hpp"
#include "normgraph/loaders/statement.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto loader = normgraph::loaders::StatementLoader::load_default();
  normgraph::GraphStore store;
  try {
    loader.load_text(std::string_view(reinterpret_cast<const char*>(data), size),
                     "CHN_2015_fuzz.txt", store);
  } catch (const normgraph::InputError&) {
  }
  return 0;
}
