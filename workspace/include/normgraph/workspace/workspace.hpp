#pragma once
// A data directory opened for work: its graph (the snapshot, then the journal's records) and
// the one path by which a document or a write query changes it, the same for a live write
// (journaled before it is final) and for its replay when the directory is opened again. The
// CLI's commands and the server are clients of this layer (docs/storage.md).
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "normgraph/core/progress.hpp"
#include "normgraph/engine/data_dir.hpp"
#include "normgraph/engine/graph_store.hpp"
#include "normgraph/engine/journal.hpp"
#include "normgraph/loaders/graph_json.hpp"
#include "normgraph/loaders/statement.hpp"
#include "normgraph/query/query.hpp"
#include "normgraph/rules/report.hpp"
#include "normgraph/workspace/journal_records.hpp"

namespace normgraph::ontology {
class Schema;
}
namespace normgraph::loaders {
class NormLoader;
}

namespace normgraph::workspace {

// What opening replayed from the journal.
struct JournalReplay {
  size_t applied = 0;
  size_t folded = 0;                // records left out: the snapshot holds them already
  bool has_base = false;            // the journal starts with a base record
  std::vector<std::string> errors;  // records refused (their request was refused the same way)
  uint64_t dropped_bytes = 0;       // a torn tail after a crash
};

// A document read and extracted without touching the graph (no lock is needed to make one).
struct PreparedDocument {
  DocumentRecord record;
  // A statement's extraction; a norm text is read when it is committed.
  std::optional<loaders::StatementLoader::Prepared> extraction;
};

struct WorkspaceOptions {
  // Keep the journal open and append every write to it before the write is final (the
  // server). Without it the journal is replayed at open and emptied by save().
  bool journaled = false;
  Progress* progress = nullptr;  // loading the snapshot
};

class Workspace {
 public:
  // Opens DIR (its access, read or write, is the caller's: a torn journal tail is cut off
  // only under write access). Throws StorageError for a snapshot or journal record of a newer
  // format.
  Workspace(DataDir& dir, WorkspaceOptions options = {});
  ~Workspace();
  Workspace(const Workspace&) = delete;
  Workspace& operator=(const Workspace&) = delete;

  GraphStore& store() { return store_; }
  const GraphStore& store() const { return store_; }
  const ontology::Schema& schema() const;
  const DataDir& dir() const { return dir_; }
  // What opening replayed; records refused are in errors (their request was refused the same
  // way), for the client to report.
  const JournalReplay& replay() const { return replay_; }

  // Reads and extracts a document; InputError when its loader refuses it.
  PreparedDocument prepare(DocumentRecord record) const;
  // Journals the document (when journaled), then applies it; the counts its loader read.
  loaders::LoadCounts commit(PreparedDocument document);
  // The two halves of commit(), for a server that makes the record durable (fsync) before it
  // takes the lock under which readers wait for the graph to change.
  void journal(const PreparedDocument& document);
  loaders::LoadCounts apply(PreparedDocument document);
  // Runs a write query with the clock and random seed of `record`, journaled (when journaled)
  // after it ran and before its changes are kept: a failed append rolls it back.
  query::QueryResult run_write(const CypherRecord& record, query::QueryOptions options);
  // Saves the snapshot with everything applied and empties the journal to a base record.
  void save(Progress* progress = nullptr);

  size_t journal_records() const;  // writes journaled since the last save
  uint64_t journal_bytes() const;

  // The version of the graph: it changes with every document applied, every write query that
  // changed something and every save (which compacts the store and renumbers nodes). What is
  // derived from the graph is kept per version.
  uint64_t generation() const { return generation_.load(); }

  // The rules evaluated over the current version with their check report (schema checks
  // included): evaluated by the first caller after a change, shared by the callers after it.
  // Call while the graph cannot change (under the server's read lock). Throws LimitExceeded,
  // RuleError.
  struct EvaluatedState {
    uint64_t generation = 0;
    std::vector<std::string> rule_files;
    std::unique_ptr<rules::EvaluatedRules> rules;
    rules::CheckReport report;
  };
  std::shared_ptr<const EvaluatedState> evaluated(const std::vector<std::string>& rule_files,
                                                  const Limits& limits);

 private:
  void replay_journal();
  void apply_record(const Record& record);  // at open: applied, not journaled again
  query::QueryResult apply_cypher(const CypherRecord& record, query::QueryOptions options);
  const loaders::StatementLoader& statement_loader() const;
  const loaders::NormLoader& norm_loader();  // under the writer's lock, like apply()

  DataDir& dir_;
  WorkspaceOptions options_;
  GraphStore store_;
  // Made on first use (a command that only reads needs none of them), once: the server
  // prepares documents on many threads.
  mutable std::once_flag schema_once_, statements_once_;
  mutable std::unique_ptr<ontology::Schema> schema_;
  mutable std::unique_ptr<loaders::StatementLoader> statements_;
  std::unique_ptr<loaders::NormLoader> norms_;
  std::unique_ptr<query::QueryEngine> writer_;
  std::unique_ptr<Journal> journal_;  // when journaled
  JournalReplay replay_;
  std::atomic<uint64_t> generation_{0};
  std::mutex evaluated_mutex_;  // one evaluation per version
  std::shared_ptr<const EvaluatedState> evaluated_;
};

}  // namespace normgraph::workspace
