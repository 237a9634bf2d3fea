#include "normgraph/loaders/ingest.hpp"

#include <algorithm>
#include <filesystem>
#include <thread>

#include "normgraph/core/errors.hpp"
#include "normgraph/loaders/csv_graph.hpp"
#include "normgraph/loaders/norm_text.hpp"
#include "normgraph/loaders/statement.hpp"

namespace normgraph::loaders {

namespace fs = std::filesystem;

namespace {
bool is_readme(const fs::path& p) {
  std::string name = p.filename().string();
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return name.rfind("README", 0) == 0;
}
}  // namespace

Ingester::Ingester(GraphStore& store, Progress* progress) : store_(store), progress_(progress) {}
Ingester::~Ingester() = default;

const StatementLoader& Ingester::statements() {
  if (!statements_)
    statements_ = std::make_unique<StatementLoader>(StatementLoader::load_default());
  return *statements_;
}

const NormLoader& Ingester::norms() {
  if (!norms_) norms_ = std::make_unique<NormLoader>(NormLoader::load_default());
  return *norms_;
}

bool Ingester::walk_norm_input(const std::string& path, bool from_folder,
                               std::vector<IngestedInput>& done) {
  const fs::path p(path);
  std::string format;
  if (p.extension() == ".txt" && is_norm_text_file(path))
    format = "norm-text";
  else if (is_supporters_file(path))
    format = "supporters";
  else if (p.extension() == ".norms")
    format = "curated-norms";
  else
    return false;
  flush_statements(done);  // keeps the walk's order
  IngestedInput input{path, format, {}, "", {}};
  try {
    if (format == "norm-text") {
      input.counts = norms().load_norm_text_file(path, store_);
    } else if (format == "curated-norms") {
      input.counts = norms().load_curated_file(path, store_);
    } else {
      SupportersResult r = norms().load_supporters_file(path, store_);
      input.counts = r.counts;
      input.warnings = std::move(r.warnings);
      input.warnings.push_back(path + ": " + std::to_string(r.resolved) + " of " +
                               std::to_string(r.rows) + " supporters of " + r.document +
                               " resolved");
    }
  } catch (const InputError& e) {
    if (!from_folder) throw;
    input.error = e.what();  // like a statement in a folder: reported, the rest loads
  }
  done.push_back(std::move(input));
  return true;
}

std::vector<IngestedInput> Ingester::ingest(const std::string& path) {
  std::vector<IngestedInput> done;
  walk(path, false, done);
  flush_statements(done);
  return done;
}

void Ingester::flush_statements(std::vector<IngestedInput>& done) {
  if (pending_statements_.empty()) return;
  const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  for (auto& r : statements().load_files(pending_statements_, store_, threads, progress_))
    done.push_back({r.path, "statement", r.counts, r.error, {}});
  pending_statements_.clear();
}

void Ingester::walk(const std::string& path, bool from_folder, std::vector<IngestedInput>& done) {
  std::error_code ec;
  if (!from_folder && !fs::exists(path, ec)) throw InputError(path + ": no such file or folder");
  if (fs::is_directory(path, ec)) {
    if (is_csv_graph_dir(path)) {
      flush_statements(done);
      done.push_back({path, "csv-graph", load_csv_graph(path, store_, progress_), "", {}});
      return;
    }
    std::vector<fs::path> children;
    for (const auto& entry : fs::directory_iterator(path, ec)) children.push_back(entry.path());
    if (ec) throw InputError(path + ": cannot list: " + ec.message());
    std::sort(children.begin(), children.end());
    for (const auto& child : children) walk(child.string(), true, done);
    return;
  }
  const fs::path p(path);
  if (walk_norm_input(path, from_folder, done)) return;
  if (p.extension() == ".json") {
    flush_statements(done);
    done.push_back({path, "graph-json", load_graph_json_file(path, store_, progress_), "", {}});
  } else if (p.extension() == ".txt" && is_readme(p)) {
    // A dataset's README (README_UNGDC.txt) describes files; it is not a statement.
    flush_statements(done);
    done.push_back({path, "skipped", {}, "", {path + ": a README, not a statement: skipped"}});
  } else if (p.extension() == ".txt") {
    if (from_folder) {
      pending_statements_.push_back(path);  // a failure is reported and the rest loads
    } else {
      flush_statements(done);
      done.push_back({path, "statement", statements().load_file(path, store_), "", {}});  // throws
    }
  } else if (!from_folder) {
    // Inside a folder, files no loader handles (READMEs, notes) are passed over.
    throw InputError(
        path +
        ": no loader for this file (supported: statements and norm texts *.txt, graph JSON "
        "*.json, CSV graph folders with nodes.csv and edges.csv, supporters lists "
        "*supporters*.tsv, curated norm sets *.norms)");
  }
}

std::vector<IngestedInput> ingest_path(const std::string& path, GraphStore& store,
                                       Progress* progress) {
  return Ingester(store, progress).ingest(path);
}

}  // namespace normgraph::loaders
