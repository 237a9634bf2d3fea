#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <string>

#include "commands.hpp"
#include "graph_files.hpp"
#include "normgraph/engine/data_dir.hpp"
#include "terminal_progress.hpp"
#include "text_formats.hpp"

namespace normgraph::cli {

namespace {

struct GraphStats {
  std::map<std::string, size_t> kinds;
  std::map<std::string, size_t> edge_types;
  size_t derived_edges = 0;
  GraphStore::MemoryUsage memory{};
  size_t peak_rss_bytes = 0;
};

GraphStats collect(const GraphStore& store) {
  GraphStats s;
  std::map<Symbol, size_t> by_kind;
  store.for_each_node([&](NodeId n) { ++by_kind[store.node_kind_symbol(n)]; });
  for (auto [kind, count] : by_kind) s.kinds[std::string(store.strings().view(kind))] = count;
  for (EdgeType t = 0; t < store.edge_type_count(); ++t) {
    size_t count = 0;
    store.for_each_edge_of_type(t, [&](EdgeId e) {
      ++count;
      s.derived_edges += store.edge_derived(e);
    });
    if (count) s.edge_types[std::string(store.edge_type_name(t))] = count;
  }
  s.memory = store.memory_usage();
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
      store.node_count(), store.edge_count(), s.derived_edges, counts(s.kinds).c_str(),
      counts(s.edge_types).c_str(), m.strings, m.nodes, m.edges, m.indexes, m.adjacency, m.extras,
      m.total(), s.peak_rss_bytes);
}

std::string mib(size_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MiB", bytes / 1048576.0);
  return buf;
}

void print_text(const GraphStore& store, const GraphStats& s) {
  std::printf("nodes: %zu\n", store.node_count());
  for (const auto& [k, v] : s.kinds) std::printf("  %-24s %zu\n", k.c_str(), v);
  std::printf("edges: %zu (%zu derived)\n", store.edge_count(), s.derived_edges);
  for (const auto& [k, v] : s.edge_types) std::printf("  %-24s %zu\n", k.c_str(), v);
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
