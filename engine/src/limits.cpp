#include "normgraph/engine/limits.hpp"

#include <cstdio>

namespace normgraph {

namespace {
std::string seconds_text(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g s", s);
  return buf;
}
std::string bytes_text(size_t b) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(b) / (1024.0 * 1024.0));
  return buf;
}
}  // namespace

WorkLimits::WorkLimits(const Limits& limits, std::string what)
    : limits_(limits), what_(std::move(what)) {
  deadline_ = std::chrono::steady_clock::now() +
              std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                  std::chrono::duration<double>(limits.time_limit_seconds));
}

void WorkLimits::check_time() const {
  if (limits_.time_limit_seconds > 0 && std::chrono::steady_clock::now() > deadline_)
    throw LimitExceeded("TimeLimit", what_ + " ran longer than the time limit of " +
                                         describe_time() + " and was stopped");
}

void WorkLimits::check_memory(size_t bytes) const {
  if (limits_.memory_limit_bytes > 0 && bytes > limits_.memory_limit_bytes)
    throw LimitExceeded("MemoryLimit", what_ + " needed more than its memory budget of " +
                                           bytes_text(limits_.memory_limit_bytes) +
                                           " and was stopped");
}

double WorkLimits::seconds_left() const {
  if (limits_.time_limit_seconds <= 0) return 1e18;
  return std::chrono::duration<double>(deadline_ - std::chrono::steady_clock::now()).count();
}

std::string WorkLimits::describe_time() const {
  return seconds_text(limits_.time_limit_seconds);
}

}  // namespace normgraph
