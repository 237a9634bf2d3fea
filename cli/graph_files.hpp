#pragma once
// Loading and saving a data directory's graph from the commands: the snapshot plus the journal
// of documents posted to `normgraph serve` and not yet folded in (docs/storage.md "Journal").
#include <cstdio>

#include "normgraph/engine/data_dir.hpp"
#include "normgraph/server/journal_replay.hpp"

namespace normgraph::cli {

// The snapshot, then the journal's documents and write queries. `writable`: the caller holds the
// write lock, so a torn journal tail may be cut off.
inline GraphStore load_graph(DataDir& dir, bool writable, Progress* progress = nullptr) {
  GraphStore store = dir.load(progress);
  auto replay = server::replay_journal(dir, store, writable);
  for (const auto& error : replay.errors)
    std::fprintf(stderr, "normgraph: journal record skipped: %s\n", error.c_str());
  return store;
}

// Saves the snapshot; the journal's records are in it now, so the journal is emptied.
inline void save_graph(DataDir& dir, GraphStore& store, Progress* progress = nullptr) {
  dir.save(store, progress);
  server::reset_journal(dir);
}

}  // namespace normgraph::cli
