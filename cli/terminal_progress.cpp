#include "terminal_progress.hpp"

#include <unistd.h>

#include <cstdio>

namespace normgraph::cli {

TerminalProgress::TerminalProgress() : enabled_(::isatty(STDERR_FILENO) == 1) {}

void TerminalProgress::update(std::string_view phase, uint64_t done, uint64_t total) {
  const auto now = Clock::now();
  if (phase != phase_) {
    phase_ = phase;
    phase_start_ = now;
  } else if (now - last_draw_ < std::chrono::milliseconds(100)) {
    return;
  }
  last_draw_ = now;
  const double seconds = std::chrono::duration<double>(now - phase_start_).count();
  if (total)
    std::fprintf(stderr, "\r\033[K%s: %3.0f%% (%.1f s)", phase_.c_str(), 100.0 * done / total,
                 seconds);
  else
    std::fprintf(stderr, "\r\033[K%s: %llu (%.1f s)", phase_.c_str(),
                 static_cast<unsigned long long>(done), seconds);
  std::fflush(stderr);
}

void TerminalProgress::finish(std::string_view phase) {
  const double seconds =
      phase == phase_ ? std::chrono::duration<double>(Clock::now() - phase_start_).count() : 0.0;
  std::fprintf(stderr, "\r\033[K%.*s: done (%.1f s)\n", static_cast<int>(phase.size()),
               phase.data(), seconds);
  phase_.clear();
}

}  // namespace normgraph::cli
