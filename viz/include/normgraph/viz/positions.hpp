#pragma once
// Positions over time (docs/analysis.md): what an actor endorses, opposes or is concerned
// about, with the sentences and dates that say so; two actors compared; one actor's stances
// year by year. Reads the stance edges a reader sees (an as-of view hides edges, edge_view.hpp)
// and keeps the sentences inside a window of dates.
#include <map>
#include <string>
#include <vector>

#include "normgraph/engine/edge_view.hpp"
#include "normgraph/engine/graph_store.hpp"

namespace normgraph::viz {

// The stance edge types, in the order a position lists them.
const std::vector<std::string>& stance_types();

struct StanceSentence {
  std::string doc, date, text;
};

// One stance edge of an actor: its type, the first and last date of its sentences in the
// window, and those sentences by date.
struct ActorStance {
  std::string type;
  std::string first, last;
  std::vector<StanceSentence> sentences;
};

struct ConceptRef {
  std::string id, name, kind;
};

// Which sentences count: a window of dates (YYYY[-MM[-DD]]; empty: open), compared at the
// precision both have, and the source kinds of edge_view.hpp (empty lists: all).
struct DateWindow {
  std::string since, until;
  std::vector<std::string> sources, exclude_sources;
  const SourceKinds* kinds = nullptr;         // needed when a source list is given
  bool holds(const std::string& date) const;  // an undated sentence is in every window
  bool keeps(const std::string& rule) const;  // a rule without a source kind is always kept
};
// The window of a view's filter.
DateWindow window_of(const EdgeFilter& filter, const SourceKinds& kinds);

// A node named by id or by a unique name or alias; throws InputError naming `what` otherwise.
NodeId resolve_node(const GraphStore& store, const std::string& id_or_name,
                    const std::string& what);

enum class Relation { Shared, Collision, OnlyFirst, OnlySecond };
const char* relation_name(Relation relation);

struct ComparedConcept {
  Relation relation;
  ConceptRef concept_ref;
  std::vector<ActorStance> first, second;  // each actor's stances on it
};

struct Comparison {
  ConceptRef first, second;  // the actors
  DateWindow window;
  std::vector<ComparedConcept> concepts;  // collisions, shared, only first, only second
};

// An actor's stance edges by concept, with their sentences inside the window; a stance none
// of whose sentences is inside is left out. `dates` is the store's (built once per request: it
// reads every document).
std::map<NodeId, std::vector<ActorStance>> actor_positions(const GraphStore& store, NodeId actor,
                                                           const DateWindow& window,
                                                           const DocumentDates& dates);
// How two actors' stances on one concept relate (either list may be empty).
Relation relation_between(const std::vector<ActorStance>& first,
                          const std::vector<ActorStance>& second);

// Shared positions (the same stance type on a concept), collisions (one endorses what the
// other opposes) and positions only one actor holds.
Comparison compare_actors(const GraphStore& store, NodeId first, NodeId second,
                          const DateWindow& window);

struct TimelineCell {
  std::string stance;  // "endorses", "opposes", "concerned", joined by '+'; empty: silent
  std::string event;   // "first", "change", "stop", "resume" or empty
  std::vector<StanceSentence> sentences;
};

struct TimelineRow {
  ConceptRef concept_ref;
  std::vector<TimelineCell> cells;  // one per year of the timeline
};

// An actor's stances per year and concept. The years are those in which the actor states any
// dated stance or delivered a dated document (in the window); a stance "stops" in a year the
// actor spoke without stating it.
struct Timeline {
  ConceptRef actor;
  std::vector<int> years;
  std::vector<TimelineRow> rows;
};

// `concept_node`: only this concept (kNoNode: all).
Timeline actor_timeline(const GraphStore& store, NodeId actor, NodeId concept_node,
                        const DateWindow& window);

// Output formats: text, json, csv, svg. Throws InputError for another format.
std::string format_comparison(const Comparison& comparison, const std::string& format);
std::string format_timeline(const Timeline& timeline, const std::string& format);
// JSON of one side's stances on a concept, as compare writes them: type, first and last
// stated, sentences.
std::string stances_json(const std::vector<ActorStance>& stances);
bool is_positions_format(const std::string& format);

}  // namespace normgraph::viz
