#pragma once
// The records of a data directory's journal (docs/storage.md "Journal"), one format with one
// version for every kind:
//   {"v": 1, "kind": "statement" | "norm-text", "name", "text"}  a posted document
//   {"v": 1, "kind": "cypher", "query", "params", "author", "reason", "seed", "clock_ms"}
//                                                                a write query posted to /api/query
//   {"v": 1, "kind": "base", "snapshot": "<16 hex digits>"}      the snapshot the journal follows
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "normgraph/core/value.hpp"

namespace normgraph::workspace {

struct DocumentRecord {
  std::string kind;  // "statement" or "norm-text"
  std::string name;  // the document's name; its file name is NAME.txt
  std::string text;  // UTF-8, with its metadata header if any
  std::string file_name() const { return name + ".txt"; }
};

struct CypherRecord {
  std::string query;
  ValueMap params;
  std::string author, reason;
  uint64_t random_seed = 0;  // the run's random generator and clock, so a replay makes the
  int64_t clock_ms = 0;      // same values
};

struct BaseRecord {
  uint64_t snapshot = 0;  // the checksum of the snapshot the journal's records follow
};

using Record = std::variant<DocumentRecord, CypherRecord, BaseRecord>;

std::string encode_record(const Record& record);
// Throws InputError when the bytes are not a record, StorageError when a newer normgraph wrote
// it (dropping it would lose it at the next fold).
Record decode_record(std::string_view bytes);

}  // namespace normgraph::workspace
