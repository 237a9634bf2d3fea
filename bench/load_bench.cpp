// Load benchmark (not a test): CSV graph -> store, store -> snapshot, snapshot -> store, each
// step in its own child process so that its peak memory is its own. Prints a table.
//
//   normgraph_load_bench CSV_DIR [SNAPSHOT_PATH] [--boost-adjacency-list]
//
// --boost-adjacency-list also builds a boost::adjacency_list (vecS, vecS, bidirectionalS) of
// the same edges after the CSV load and reports what it adds, for comparison with the store's
// compressed adjacency.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/graph/adjacency_list.hpp>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>

#include "normgraph/engine/graph_store.hpp"
#include "normgraph/engine/snapshot.hpp"
#include "normgraph/loaders/csv_graph.hpp"

namespace {

using normgraph::GraphStore;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

double peak_rss_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024.0;
}

double current_rss_mb() {
  std::FILE* f = std::fopen("/proc/self/statm", "r");
  long pages = 0, resident = 0;
  if (f) {
    if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    std::fclose(f);
  }
  return resident * (sysconf(_SC_PAGESIZE) / 1048576.0);
}

void row(const char* step, const GraphStore& g, double secs, double peak_mb) {
  const double edges = static_cast<double>(g.edge_count());
  std::printf("| %-22s | %10zu | %10zu | %8.2f | %8.0f | %8.1f |\n", step, g.node_count(),
              g.edge_count(), secs, peak_mb, edges ? peak_mb * 1048576.0 / edges : 0.0);
  std::fflush(stdout);
}

void boost_adjacency_list(const GraphStore& g) {
  struct EdgeBundle {
    normgraph::EdgeType type;
    uint32_t id;
  };
  using BoostGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS,
                                           boost::no_property, EdgeBundle>;
  const double before = current_rss_mb();
  auto t0 = Clock::now();
  BoostGraph bg(g.node_slots());
  for (normgraph::EdgeId e = 0; e < g.edge_slots(); ++e) {
    auto ends = g.edge_ends(e);
    boost::add_edge(ends.source, ends.target, EdgeBundle{ends.type, e}, bg);
  }
  const double secs = seconds_since(t0);
  const double added = current_rss_mb() - before;
  std::printf(
      "| %-22s | %10zu | %10zu | %8.2f | %8.0f | %8.1f |  (RSS added by the adjacency_list "
      "alone)\n",
      "boost adjacency_list", static_cast<size_t>(boost::num_vertices(bg)),
      static_cast<size_t>(boost::num_edges(bg)), secs, added,
      added * 1048576.0 / std::max<size_t>(1, boost::num_edges(bg)));
}

// Prints each phase's duration to stderr, so a slow phase shows.
class PhaseTimes : public normgraph::Progress {
 public:
  void update(std::string_view phase, uint64_t, uint64_t) override {
    if (phase != phase_) phase_ = phase, start_ = Clock::now();
  }
  void finish(std::string_view phase) override {
    std::fprintf(stderr, "  %-40.*s %6.2f s\n", static_cast<int>(phase.size()), phase.data(),
                 phase == phase_ ? seconds_since(start_) : 0.0);
    phase_.clear();
  }

 private:
  std::string phase_;
  Clock::time_point start_;
};

template <class F>
int in_child(F&& f) {
  std::fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    try {
      f();
    } catch (const std::exception& e) {
      std::fprintf(stderr, "error: %s\n", e.what());
      _exit(2);
    }
    std::fflush(stdout);
    _exit(0);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || !std::strcmp(argv[1], "--help")) {
    std::fprintf(stderr, "usage: %s CSV_DIR [SNAPSHOT_PATH] [--boost-adjacency-list]\n", argv[0]);
    return 1;
  }
  const std::string csv = argv[1];
  std::string snapshot = "/tmp/normgraph-load-bench.snapshot";
  bool with_boost = false;
  for (int i = 2; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--boost-adjacency-list"))
      with_boost = true;
    else
      snapshot = argv[i];
  }
  std::printf("| %-22s | %10s | %10s | %8s | %8s | %8s |\n", "step", "nodes", "edges", "seconds",
              "peak MB", "B/edge");
  std::printf("|%s|%s|%s|%s|%s|%s|\n", "------------------------",
              "-----------:", "-----------:", "---------:", "---------:", "---------:");
  int rc = in_child([&] {
    GraphStore g;
    auto t0 = Clock::now();
    PhaseTimes phases;
    normgraph::loaders::load_csv_graph(csv, g, &phases);
    row("CSV -> ready", g, seconds_since(t0), peak_rss_mb());
    t0 = Clock::now();
    normgraph::save_snapshot(g, snapshot, &phases);
    row("save snapshot", g, seconds_since(t0), peak_rss_mb());
    if (with_boost) boost_adjacency_list(g);
  });
  if (rc) return rc;
  rc = in_child([&] {
    auto t0 = Clock::now();
    PhaseTimes phases;
    GraphStore g = normgraph::load_snapshot(snapshot, &phases);
    row("snapshot -> ready", g, seconds_since(t0), peak_rss_mb());
  });
  std::printf("snapshot: %s (%.0f MB)\n", snapshot.c_str(),
              std::filesystem::file_size(snapshot) / 1048576.0);
  return rc;
}
