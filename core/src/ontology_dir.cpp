#include "normgraph/core/ontology_dir.hpp"

#include <cstdlib>
#include <filesystem>

namespace normgraph {

std::string default_ontology_dir() {
  return NORMGRAPH_ONTOLOGY_SOURCE_DIR;
}

std::string ontology_dir() {
  const char* env = std::getenv("NORMGRAPH_ONTOLOGY_DIR");
  return env && *env ? std::string(env) : default_ontology_dir();
}

std::string ontology_path(std::string_view relative) {
  return (std::filesystem::path(ontology_dir()) / relative).string();
}

}  // namespace normgraph
