#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <string>

#include "commands.hpp"
#include "graph_files.hpp"
#include "normgraph/engine/data_dir.hpp"
#include "normgraph/workspace/graph_counts.hpp"
#include "terminal_progress.hpp"
#include "text_formats.hpp"

namespace normgraph::cli {

namespace {

// The counts, the store's memory and the process's peak resident set.
struct GraphStats {
  workspace::GraphCounts counts;
  GraphStore::MemoryUsage memory{};
  size_t peak_rss_bytes = 0;
};

GraphStats collect(const GraphStore& store) {
  GraphStats s{workspace::count_graph(store), store.memory_usage(), 0};
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  s.peak_rss_bytes = static_cast<size_t>(usage.ru_maxrss) * 1024;
  return s;
}

void print_json(const GraphStore& store, const GraphStats& s) {
  auto counts = [](const std::map<std::string, size_t>& m) {
    std::string out = "{";
    for (const auto& [k, v] : m)
      out += (out.size() > 1 ? ", " : "") + json_quoted(k) + ": " + std::to_string(v);
    return out + "}";
  };
  const auto& m = s.memory;
  std::printf(
      "{\"nodes\": %zu, \"edges\": %zu, \"derived_edges\": %zu, \"kinds\": %s, \"edge_types\": %s, "
      "\"memory\": {\"strings\": %zu, \"nodes\": %zu, \"edges\": %zu, \"indexes\": %zu, "
      "\"adjacency\": %zu, \"extras\": %zu, \"total\": %zu, \"peak_rss\": %zu}}\n",
      store.node_count(), store.edge_count(), s.counts.derived_edges,
      counts(s.counts.kinds).c_str(), counts(s.counts.edge_types).c_str(), m.strings, m.nodes,
      m.edges, m.indexes, m.adjacency, m.extras, m.total(), s.peak_rss_bytes);
}

std::string mib(size_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MiB", bytes / 1048576.0);
  return buf;
}

void print_text(const GraphStore& store, const GraphStats& s) {
  std::printf("nodes: %zu\n", store.node_count());
  for (const auto& [k, v] : s.counts.kinds) std::printf("  %-24s %zu\n", k.c_str(), v);
  std::printf("edges: %zu (%zu derived)\n", store.edge_count(), s.counts.derived_edges);
  for (const auto& [k, v] : s.counts.edge_types) std::printf("  %-24s %zu\n", k.c_str(), v);
  const auto& m = s.memory;
  std::printf(
      "memory: %s in the store (strings %s, nodes %s, edges %s, indexes %s, adjacency %s, "
      "properties and evidence %s); peak RSS %s\n",
      mib(m.total()).c_str(), mib(m.strings).c_str(), mib(m.nodes).c_str(), mib(m.edges).c_str(),
      mib(m.indexes).c_str(), mib(m.adjacency).c_str(), mib(m.extras).c_str(),
      mib(s.peak_rss_bytes).c_str());
}

int run_stats(const ParsedArgs& args) {
  const std::string format = args.get_or("format", "text");
  if (format != "text" && format != "json")
    throw UsageError("unknown format '" + format + "' (text, json)");
  TerminalProgress progress;
  DataDir dir(args.get_or("data", ""), DataDir::Access::Read);
  OpenedGraph graph(dir, progress.sink());
  GraphStore& store = graph.store();
  GraphStats s = collect(store);
  if (format == "json")
    print_json(store, s);
  else
    print_text(store, s);
  return kExitOk;
}

}  // namespace

Command stats_command() {
  return {{"stats",
           "count nodes by kind and edges by type; show memory use",
           "",
           {data_option(), {"format", 'f', "FORMAT", "text or json", "text"}},
           "",
           0,
           0},
          run_stats};
}

}  // namespace normgraph::cli
