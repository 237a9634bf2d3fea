#pragma once
// The records of a data directory's journal (docs/storage.md "Journal") and their replay, for
// the server and for every command that loads a data directory. Three kinds of record:
//   {"v": 1, "kind": "statement" | "norm-text", "name", "text"}  a posted document
//   {"v": 1, "kind": "cypher", "query", "params", "author", "reason", "seed", "clock_ms"}
//                                                                a write query posted to /api/query
//   {"v": 1, "kind": "base", "snapshot": "<16 hex digits>"}      the snapshot the journal follows
// A journal whose base record names another snapshot than the one in the folder was folded
// into it (a crash came between saving the snapshot and emptying the journal): its records
// are in the snapshot already and are not applied again, which matters for writes that are
// not idempotent (CREATE, SET n.x = n.x + 1).
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "normgraph/engine/data_dir.hpp"
#include "normgraph/engine/graph_store.hpp"
#include "normgraph/engine/journal.hpp"
#include "normgraph/core/value.hpp"

namespace normgraph::ontology {
class Schema;
}
namespace normgraph::loaders {
class StatementLoader;
class NormLoader;
}  // namespace normgraph::loaders

namespace normgraph::server {

struct CypherRecord {
  std::string query;
  ValueMap params;
  std::string author, reason;
  uint64_t random_seed = 0;
  int64_t clock_ms = 0;
};

std::string encode_cypher_record(const CypherRecord& record);
std::string encode_base_record(uint64_t snapshot_checksum);

// Applies records to one store: documents with the loaders the POST used, write queries with
// the options they first ran with (no limits). Loaders not given are made on first use.
class JournalApplier {
 public:
  JournalApplier(GraphStore& store, const ontology::Schema* schema,
                 const loaders::StatementLoader* statements = nullptr,
                 const loaders::NormLoader* norms = nullptr);
  ~JournalApplier();
  // Throws InputError when the record is damaged or its loader or query refuses it. A base
  // record changes nothing.
  void apply(std::string_view record);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

struct JournalReplay {
  size_t applied = 0;
  size_t folded = 0;                // records left out: the snapshot holds them already
  bool has_base = false;            // the journal starts with a base record
  std::vector<std::string> errors;  // records refused (their request was refused the same way)
  uint64_t dropped_bytes = 0;       // a torn tail after a crash
};

// Replays a journal just opened onto a store loaded from the snapshot with this checksum
// (DataDir::snapshot_checksum()).
JournalReplay replay_journal(Journal& journal, uint64_t snapshot_checksum, JournalApplier& apply);
// Empties the journal after a snapshot holding its records was saved, and names that snapshot.
void reset_journal(Journal& journal, uint64_t snapshot_checksum);

// For commands: DIR's journal onto a store loaded from DIR. `writable`: the caller holds the
// write lock, so a torn tail may be cut off.
JournalReplay replay_journal(const DataDir& dir, GraphStore& store, bool writable);
// After a command saved DIR's snapshot (writable DataDir).
void reset_journal(const DataDir& dir);

}  // namespace normgraph::server
