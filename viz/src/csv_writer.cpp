// Writes the CSV graph layout of ../shared/bench/ (nodes.csv: id,kind,name; edges.csv:
// src,dst,type), the input of Neo4j- and Kùzu-style bulk importers and of our CSV loader.
#include <algorithm>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>

#include "file_sink.hpp"
#include "normgraph/viz/csv.hpp"

namespace normgraph::viz {
namespace {

constexpr std::string_view kPhase = "writing CSV";

// RFC 4180: a field is quoted only when it must be, with quotes inside doubled.
void write_field(detail::FileSink& sink, std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    sink.write(field);
    return;
  }
  sink.Put('"');
  for (char c : field) {
    if (c == '"') sink.Put('"');
    sink.Put(c);
  }
  sink.Put('"');
}

void write_row(detail::FileSink& sink, std::string_view a, std::string_view b, std::string_view c) {
  write_field(sink, a);
  sink.Put(',');
  write_field(sink, b);
  sink.Put(',');
  write_field(sink, c);
  sink.Put('\n');
}

class ProgressCounter {
 public:
  ProgressCounter(Progress* progress, size_t total)
      : progress_(progress), total_(total), step_(std::max<size_t>(total / 100, 1)) {}
  void count() {
    if (++done_ % step_ == 0) report(progress_, kPhase, done_, total_);
  }

 private:
  Progress* progress_;
  size_t total_;
  size_t step_;
  size_t done_ = 0;
};

}  // namespace

void write_csv_graph(const GraphStore& store, const std::string& dir, Progress* progress,
                     const Selection* selection) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) throw std::runtime_error(dir + ": cannot create directory: " + error.message());
  ProgressCounter counter(progress, selection ? selection->node_count() + selection->edge_count()
                                              : store.node_count() + store.edge_count());
  std::filesystem::path base(dir);

  detail::write_file((base / "nodes.csv").string(), [&](detail::FileSink& sink) {
    sink.write("id,kind,name\n");
    store.for_each_node([&](NodeId n) {
      if (selection && !selection->has_node(n)) return;
      write_row(sink, store.node_id(n), store.node_kind(n), store.node_name(n));
      counter.count();
    });
  });
  detail::write_file((base / "edges.csv").string(), [&](detail::FileSink& sink) {
    sink.write("src,dst,type\n");
    for (EdgeId e = 0; e < store.edge_slots(); ++e) {
      if (!store.edge_live(e) || (selection && !selection->has_edge(e))) continue;
      EdgeEnds ends = store.edge_ends(e);
      write_row(sink, store.node_id(ends.source), store.node_id(ends.target),
                store.edge_type_name(ends.type));
      counter.count();
    }
  });
  report_done(progress, kPhase);
}

}  // namespace normgraph::viz
