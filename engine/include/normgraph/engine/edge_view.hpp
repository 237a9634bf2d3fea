#pragma once
// A view of the graph in time and by source (docs/cli.md, "As-of, between and sources"): the
// edges stated inside a window of dates, made by chosen kinds of source. A view is a bitset of
// hidden edges over the store, not a copy of it; activated on a thread (ScopedEdgeView), it
// makes that thread's traversals of the store (queries, rules, exports) skip the hidden edges.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "normgraph/engine/graph_store.hpp"

namespace normgraph {

// ISO 8601 dates and their prefixes: "2019", "2019-06", "2019-06-30".
bool is_date_prefix(std::string_view text);
// Negative, zero or positive as `a` is before, at or after `b` at the precision both have
// ("2019" and "2019-06" compare equal). Text that is not a date compares as code points.
int compare_dates(std::string_view a, std::string_view b);

// What an edge's evidence says about when it was stated: the earliest and latest date of the
// documents its evidence cites (empty when none is dated).
struct StatedDates {
  std::string first, last;
};

// The dates of the graph's documents (their `date` property), by node id.
class DocumentDates {
 public:
  explicit DocumentDates(const GraphStore& store);
  // "" when the node is unknown or undated.
  std::string_view date_of(std::string_view doc_id) const;
  StatedDates stated(const GraphStore& store, EdgeId e) const;

 private:
  std::unordered_map<std::string_view, std::string> dates_;  // keys point into the store
};

// The same, for one edge, without an index (a query's property lookup).
StatedDates stated_dates(const GraphStore& store, EdgeId e);

// How a fact was made, by the rule its evidence names (ontology/evidence-sources.tsv): a
// statement sentence, a supporters list, a curated summary, a manual entry. Rules no entry
// names have no kind and are not filtered by source.
class SourceKinds {
 public:
  // (pattern, kind) pairs in order; a pattern ending in '*' matches rules starting with the
  // rest, one starting with '*' rules ending in it, others one rule exactly. The first match
  // wins. Not explicit: the table ontology::load_source_kinds reads converts.
  SourceKinds(std::vector<std::pair<std::string, std::string>> patterns = {});
  std::string_view kind_of(std::string_view rule) const;  // "" when none
  // The kinds in the order the patterns first name them.
  std::vector<std::string> kinds() const;
  bool knows(std::string_view kind) const;

 private:
  std::vector<std::pair<std::string, std::string>> patterns_;
};

// Which edges a reader sees. Empty dates are open ends; empty source lists do not filter.
struct EdgeFilter {
  std::string since, until;                           // dates (is_date_prefix)
  std::vector<std::string> sources, exclude_sources;  // source kinds
  bool active() const {
    return !since.empty() || !until.empty() || !sources.empty() || !exclude_sources.empty();
  }
};

// The filter of `--as-of`, `--since`, `--until`, `--sources` and `--exclude-sources` (and the
// same parameters over HTTP); empty texts are absent options, source lists are "A,B".
struct EdgeFilterText {
  std::string as_of, since, until, sources, exclude_sources;
};
// Throws InputError for a date that is not YYYY, YYYY-MM or YYYY-MM-DD, as-of together with
// until, or a source kind `kinds` does not name (the message lists the kinds).
EdgeFilter parse_edge_filter(const EdgeFilterText& text, const SourceKinds& kinds);

// The visible edges of a store under a filter. An evidence item counts when its document's
// date lies in the window (at the precision both have) and its source kind is kept. An edge
// is visible when one of its evidence items counts; an edge none of whose items is dated is
// timeless and passes the window, and one none of whose items has a source kind passes the
// source lists (taxonomy, norm texts, derived edges).
class EdgeView {
 public:
  EdgeView(const GraphStore& store, const EdgeFilter& filter, const SourceKinds& kinds);
  EdgeView(const EdgeView&) = delete;
  EdgeView& operator=(const EdgeView&) = delete;
  bool visible(EdgeId e) const { return !hidden_.hides(e); }
  size_t hidden_count() const { return hidden_count_; }
  const GraphStore::HiddenEdges& hidden() const { return hidden_; }
  const GraphStore& store() const { return *store_; }

 private:
  const GraphStore* store_;
  std::vector<uint64_t> bits_;
  GraphStore::HiddenEdges hidden_;
  size_t hidden_count_ = 0;
};

// Makes a view active on this thread for its lifetime (a null view: nothing changes).
class ScopedEdgeView {
 public:
  explicit ScopedEdgeView(const EdgeView* view);
  ~ScopedEdgeView();
  ScopedEdgeView(const ScopedEdgeView&) = delete;
  ScopedEdgeView& operator=(const ScopedEdgeView&) = delete;

 private:
  bool active_;
};

}  // namespace normgraph
