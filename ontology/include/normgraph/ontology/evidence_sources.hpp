#pragma once
// The source kinds of evidence rules (ontology/evidence-sources.tsv): how a fact was made,
// for `--sources` and `--exclude-sources` (docs/cli.md). The engine's SourceKinds
// (normgraph/engine/edge_view.hpp) is made from this table.
#include <string>
#include <utility>
#include <vector>

namespace normgraph::ontology {

// (rule pattern, kind) pairs in the file's order.
using SourceKindTable = std::vector<std::pair<std::string, std::string>>;

// Reads a table of `RULE-PATTERN<TAB>KIND` lines (`#` comments, blank lines). Throws
// InputError naming the file and line of a bad line.
SourceKindTable load_source_kinds(const std::string& path);
// evidence-sources.tsv of the ontology folder (ontology_dir(), normgraph/core/ontology_dir.hpp).
SourceKindTable load_default_source_kinds();

}  // namespace normgraph::ontology
