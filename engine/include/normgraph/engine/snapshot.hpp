#pragma once
// The persistent form of a graph: one versioned binary file with a checksum, holding the
// columns and the indexes as flat arrays so that loading is reading, not rebuilding.
#include <cstdint>
#include <string>

#include "normgraph/core/progress.hpp"
#include "normgraph/engine/graph_store.hpp"

namespace normgraph {

// Version 2 added temporal property values; version 1 files still load.
inline constexpr uint32_t kSnapshotVersion = 2;
inline constexpr uint32_t kOldestReadableSnapshotVersion = 1;

// Compacts the store (ids of deleted items are reused), then writes `path` atomically: a
// temporary file beside it, fsync, rename over `path`, fsync of the folder.
void save_snapshot(GraphStore& store, const std::string& path, Progress* progress = nullptr);
// Throws StorageError naming the file and what is wrong: not a snapshot, another version,
// truncated, checksum mismatch, inconsistent contents.
GraphStore load_snapshot(const std::string& path, Progress* progress = nullptr);

}  // namespace normgraph
