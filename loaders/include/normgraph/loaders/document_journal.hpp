#pragma once
// A document posted to `normgraph serve` as its journal record (docs/storage.md "Journal"):
// {"v": 1, "kind": "statement" | "norm-text", "name": NAME, "text": TEXT}. Applying a record runs
// the same loader the POST ran, on the same text, with the file name NAME.txt. The journal and
// its other records: normgraph/server/journal_replay.hpp.
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

}  // namespace normgraph::loaders
