#pragma once
// Ingest by path: picks the loader for each file or folder.
#include <memory>
#include <string>
#include <vector>

#include "normgraph/core/progress.hpp"
#include "normgraph/engine/graph_store.hpp"
#include "normgraph/loaders/graph_json.hpp"

namespace normgraph::loaders {

class StatementLoader;
class NormLoader;

struct IngestedInput {
  std::string path;
  std::string format;  // "graph-json", "csv-graph", "statement", "norm-text", "supporters",
                       // "curated-norms", "skipped" (a README: its warnings say so)
  LoadCounts counts;
  std::string error;  // set when a text file inside a folder was skipped
  std::vector<std::string>
      warnings;  // loaded, but with something to report (unresolved supporters)
};

// A folder with nodes.csv and edges.csv is a CSV graph; another folder is walked (sorted) and
// each supported file loaded; *.json is graph JSON; *.txt is a norm text when its header says
// `kind: norm-text`, else a statement; *supporters*.tsv (or *signatories*.tsv) is a supporters
// list; *.norms is a curated norm set (docs/norm-texts.md). A bad graph input
// throws InputError naming it (the caller then keeps nothing); a text file inside a folder that
// cannot be read is skipped with its error recorded, and the rest loads. A file named directly
// that no loader takes is an error.
class Ingester {
 public:
  explicit Ingester(GraphStore& store, Progress* progress = nullptr);
  ~Ingester();
  std::vector<IngestedInput> ingest(const std::string& path);

 private:
  void walk(const std::string& path, bool from_folder, std::vector<IngestedInput>& done);
  // Statements found in folders wait here and load together, prepared in parallel; they are
  // flushed before any other input so that the order of loading stays the order of the walk.
  void flush_statements(std::vector<IngestedInput>& done);
  const StatementLoader& statements();
  const NormLoader& norms();
  // Norm texts, supporters lists and curated sets: loaded one by one, in the walk's order.
  bool walk_norm_input(const std::string& path, bool from_folder, std::vector<IngestedInput>& done);

  GraphStore& store_;
  Progress* progress_;
  std::unique_ptr<StatementLoader> statements_;  // loaded on first use: vocabulary and rules
  std::unique_ptr<NormLoader> norms_;            // the same, for norm texts
  std::vector<std::string> pending_statements_;
};

// One path with a fresh Ingester.
std::vector<IngestedInput> ingest_path(const std::string& path, GraphStore& store,
                                       Progress* progress = nullptr);

}  // namespace normgraph::loaders
