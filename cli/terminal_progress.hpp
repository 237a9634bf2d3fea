#pragma once
// Draws progress on stderr when it is a terminal; silent otherwise (scripts, CI logs).
#include <chrono>
#include <string>

#include "normgraph/core/progress.hpp"

namespace normgraph::cli {

class TerminalProgress : public Progress {
 public:
  TerminalProgress();
  void update(std::string_view phase, uint64_t done, uint64_t total) override;
  void finish(std::string_view phase) override;
  // Null when stderr is not a terminal, so callers can pass `progress.sink()`.
  Progress* sink() { return enabled_ ? this : nullptr; }

 private:
  using Clock = std::chrono::steady_clock;
  bool enabled_;
  std::string phase_;
  Clock::time_point phase_start_;
  Clock::time_point last_draw_;
};

}  // namespace normgraph::cli
