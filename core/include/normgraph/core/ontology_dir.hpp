#pragma once
// Where the ontology's data files are read (schema, vocabularies, rules, text lists, styles).
#include <string>
#include <string_view>

namespace normgraph {

// $NORMGRAPH_ONTOLOGY_DIR when that variable is set and not empty, else the source tree's
// ontology/ folder (compiled in).
std::string ontology_dir();
// The compiled-in default: the source tree's ontology/ folder.
std::string default_ontology_dir();
// A file or folder of the ontology: ontology_dir() joined with `relative` ("vocab",
// "viz/styles.json").
std::string ontology_path(std::string_view relative);

}  // namespace normgraph
