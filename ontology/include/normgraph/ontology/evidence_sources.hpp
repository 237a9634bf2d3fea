#pragma once
// The source kinds of evidence rules (ontology/evidence-sources.tsv): how a fact was made,
// for `--sources` and `--exclude-sources` (docs/cli.md).
#include <string>

#include "normgraph/engine/edge_view.hpp"

namespace normgraph::ontology {

// Reads a table of `RULE-PATTERN<TAB>KIND` lines (`#` comments, blank lines). Throws
// InputError naming the file and line of a bad line.
SourceKinds load_source_kinds(const std::string& path);
// ontology/evidence-sources.tsv of the ontology directory (NORMGRAPH_ONTOLOGY_DIR).
SourceKinds load_default_source_kinds();

// The filter of `--as-of`, `--since`, `--until`, `--sources` and `--exclude-sources` (and the
// same parameters over HTTP); empty texts are absent options, source lists are "A,B".
struct EdgeFilterText {
  std::string as_of, since, until, sources, exclude_sources;
};
// Throws InputError for a date that is not YYYY, YYYY-MM or YYYY-MM-DD, as-of together with
// until, or a source kind `kinds` does not name (the message lists the kinds).
EdgeFilter parse_edge_filter(const EdgeFilterText& text, const SourceKinds& kinds);

}  // namespace normgraph::ontology
