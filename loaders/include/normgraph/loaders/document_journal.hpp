#pragma once
// Documents posted to `normgraph serve` and not yet in the snapshot live in the data directory's
// journal (docs/storage.md "Journal"), one record per document: {"v": 1, "kind": "statement" |
// "norm-text", "name": NAME, "text": TEXT}. Replaying a record runs the same loader the POST
// ran, on the same text, with the file name NAME.txt.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "normgraph/engine/graph_store.hpp"
#include "normgraph/loaders/graph_json.hpp"

namespace normgraph::loaders {

class StatementLoader;
class NormLoader;

struct DocumentRecord {
  std::string kind;  // "statement" or "norm-text"
  std::string name;  // the document's name; its file name is NAME.txt
  std::string text;  // UTF-8, with its metadata header if any
};

std::string encode_document_record(const DocumentRecord& record);
// Throws InputError when the record is not one.
DocumentRecord decode_document_record(std::string_view bytes);
LoadCounts apply_document_record(const DocumentRecord& record, GraphStore& store,
                                 const StatementLoader& statements, const NormLoader& norms);

struct JournalReplay {
  size_t applied = 0;
  std::vector<std::string> errors;  // records a loader refused (their POST was answered 422)
  uint64_t dropped_bytes = 0;       // a torn tail after a crash
};
// Applies DIR/journal to a store loaded from DIR's snapshot. With `repair` (the caller holds
// the write lock) a torn tail is cut off; without, the file is not touched.
JournalReplay replay_document_journal(const std::string& data_dir, GraphStore& store, bool repair);
// Empties DIR/journal after a snapshot that holds its documents was saved.
void clear_document_journal(const std::string& data_dir);

}  // namespace normgraph::loaders
