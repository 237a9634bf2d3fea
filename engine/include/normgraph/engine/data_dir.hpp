#pragma once
// A data directory (--data DIR): the graph's snapshot and a lock that lets many readers or
// one writer in at a time.
#include <cstdint>
#include <string>

#include "normgraph/core/progress.hpp"
#include "normgraph/engine/graph_store.hpp"

namespace normgraph {

class DataDir {
 public:
  enum class Access { Read, Write };
  // Write access creates the folder when missing. Waits for the lock.
  DataDir(std::string path, Access access);
  ~DataDir();
  DataDir(const DataDir&) = delete;
  DataDir& operator=(const DataDir&) = delete;

  const std::string& path() const { return path_; }
  Access access() const { return access_; }
  std::string snapshot_path() const { return path_ + "/graph.snapshot"; }
  bool has_snapshot() const;
  // An empty graph when the folder holds no snapshot yet.
  GraphStore load(Progress* progress = nullptr) const;
  void save(GraphStore& store, Progress* progress = nullptr);
  // The snapshot's checksum (its trailer), which names this version of it; 0 without one.
  uint64_t snapshot_checksum() const;

 private:
  std::string path_;
  Access access_;
  int lock_fd_ = -1;
};

}  // namespace normgraph
