#pragma once
// Time and memory limits of long work that is not a query: rule evaluation, checks,
// explanations and exports (docs/rules.md, docs/export.md). The work polls a WorkLimits now and
// then; past the deadline or over the memory budget it throws LimitExceeded, which the CLI turns
// into exit code 2 and the server into 408 (time) or 422 (memory).
#include <atomic>
#include <chrono>
#include <cstddef>
#include <string>

#include "normgraph/core/errors.hpp"
#include "normgraph/core/progress.hpp"

namespace normgraph {

// The memory budget of rule evaluation unless a caller gives another (docs/rules.md).
inline constexpr size_t kDefaultWorkMemoryBytes = size_t{4096} << 20;

// What a caller allows; 0 means no limit.
struct Limits {
  double time_limit_seconds = 0;
  size_t memory_limit_bytes = 0;
};

class LimitExceeded : public InputError {
 public:
  // code: "TimeLimit" or "MemoryLimit".
  LimitExceeded(std::string code, const std::string& message)
      : InputError(message), code_(std::move(code)) {}
  const std::string& code() const { return code_; }

 private:
  std::string code_;
};

// The deadline and memory budget of one piece of work, shared by the threads doing it.
class WorkLimits {
 public:
  // `what` names the work in messages ("rule evaluation", "the SVG layout").
  explicit WorkLimits(const Limits& limits = {}, std::string what = "the work");

  const Limits& limits() const { return limits_; }
  // Throws LimitExceeded("TimeLimit") past the deadline.
  void check_time() const;
  // Throws LimitExceeded("MemoryLimit") when `bytes` (what the work holds now) is over budget.
  void check_memory(size_t bytes) const;
  // Both, cheaply: the clock is read every kPollEvery calls.
  void poll(size_t bytes) const {
    if (++polls_ % kPollEvery == 0) check(bytes);
  }
  void check(size_t bytes) const {
    check_time();
    check_memory(bytes);
  }
  // Seconds left before the deadline; a large number when there is no time limit.
  double seconds_left() const;
  std::string describe_time() const;  // "2 s"

 private:
  static constexpr size_t kPollEvery = 4096;
  Limits limits_;
  std::string what_;
  std::chrono::steady_clock::time_point deadline_;
  mutable std::atomic<size_t> polls_{0};
};

// A Progress sink that checks the time limit whenever work reports progress, so writers that
// report progress (the graph JSON and CSV exports) stop at the deadline. Forwards to `inner`.
class LimitedProgress : public Progress {
 public:
  LimitedProgress(const WorkLimits& limits, Progress* inner) : limits_(limits), inner_(inner) {}
  void update(std::string_view phase, uint64_t done, uint64_t total) override {
    limits_.check_time();
    report(inner_, phase, done, total);
  }
  void finish(std::string_view phase) override { report_done(inner_, phase); }

 private:
  const WorkLimits& limits_;
  Progress* inner_;
};

}  // namespace normgraph
