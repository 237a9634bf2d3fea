#pragma once
// Progress reporting for long work. Loaders and storage call it; the CLI draws it on a terminal.
#include <cstdint>
#include <string_view>

namespace normgraph {

class Progress {
 public:
  virtual ~Progress() = default;
  // `done` of `total` units (bytes, rows) of the named phase; total 0 when unknown.
  virtual void update(std::string_view phase, uint64_t done, uint64_t total) = 0;
  virtual void finish(std::string_view phase) = 0;
};

// Safe to call with a null sink.
inline void report(Progress* p, std::string_view phase, uint64_t done, uint64_t total) {
  if (p) p->update(phase, done, total);
}
inline void report_done(Progress* p, std::string_view phase) {
  if (p) p->finish(phase);
}

}  // namespace normgraph
