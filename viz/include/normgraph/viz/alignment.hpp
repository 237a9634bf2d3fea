#pragma once
// Alignment between actors (docs/analysis.md): for every pair, the concepts both take the same
// stance on (shared) and those one endorses and the other opposes (collisions), as
// `normgraph compare` finds them; a score from -1 (they only collide) to +1 (they only agree);
// the actors ordered by an average-linkage clustering, so that blocs sit together in the
// matrix and the heat map.
#include <map>
#include <string>
#include <vector>

#include "normgraph/engine/graph_store.hpp"
#include "normgraph/viz/positions.hpp"

namespace normgraph::viz {

struct AlignmentCell {
  std::vector<NodeId> shared, collisions;  // concepts (Alignment::concepts names them)
  size_t stated = 0;                       // the concepts either actor takes a stance on
  bool compared() const { return !shared.empty() || !collisions.empty(); }
  // (shared - collisions) / (shared + collisions); 0 when the two state nothing in common.
  double score() const;
};

// One step of the clustering: the actors [first, middle) and [middle, last) of the final
// order joined at `distance`, the average over their pairs of (1 - s) / 2 where s is
// (shared - collisions) / stated: two actors are close when they agree on much of what either
// says, not only on the little they both say.
struct AlignmentMerge {
  size_t first, middle, last;
  double distance;
};

struct Alignment {
  DateWindow window;
  std::vector<ConceptRef> actors;  // in the order of the clustering
  // Each actor's stances with their sentences (the citations of every cell), as actors.
  std::vector<std::map<NodeId, std::vector<ActorStance>>> positions;
  std::map<NodeId, ConceptRef> concepts;  // every concept a cell names
  std::vector<AlignmentCell> cells;       // actors.size() squared, row by row; symmetric
  std::vector<AlignmentMerge> merges;     // in the order they were made
  const AlignmentCell& cell(size_t row, size_t column) const {
    return cells[row * actors.size() + column];
  }
};

// The actors to align: `actors` as given, or when it is empty every actor that delivered a
// document and states a stance inside the window (the speakers).
Alignment align_actors(const GraphStore& store, std::vector<NodeId> actors,
                       const DateWindow& window);

// text (pairs by score), json (actors, pairs with their concepts and both actors' stances and
// sentences on each, as `compare` gives them, merges), csv (the square
// matrix of scores in the clustered order; empty where two actors share no concept), svg (a
// clustered heat map with its dendrogram). Throws InputError for another format.
std::string format_alignment(const Alignment& alignment, const std::string& format);

}  // namespace normgraph::viz
