#pragma once
// Full-text search over every sentence of the ingested documents (docs/sentences.md). The
// index is SQLite FTS5, derived from the graph: the Documents' `sentences` property is the
// only copy of the text, and sync() brings the index up to the graph, so deleting the index
// file loses nothing.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "normgraph/core/progress.hpp"
#include "normgraph/engine/graph_store.hpp"

namespace normgraph::search {

struct SentenceQuery {
  std::string text;
  bool fts_syntax = false;   // text is an FTS5 query (AND, OR, NOT, NEAR, prefix*, "phrase");
                             // otherwise it is one phrase
  std::string speaker;       // an actor's id or name; empty: any
  std::string since, until;  // date prefixes (YYYY, YYYY-MM, YYYY-MM-DD), inclusive; empty: open
  bool by_date = false;      // order by date (then document, sentence) instead of relevance
  size_t limit = 20;
  size_t offset = 0;
  std::string mark_open = "[", mark_close = "]";  // around each match in SentenceHit::marked
};

struct SentenceHit {
  std::string doc;  // the Document's id
  std::string title;
  std::string speaker;   // the actor who DELIVERED the document, by name; empty when none
  std::string date;      // as the document gives it (a year, a month or a day)
  int64_t sentence = 0;  // its index in the document, as in evidence
  std::string text;
  std::string marked;  // the text with each match between mark_open and mark_close
};

struct SentenceCount {
  std::string key;  // a year or a speaker
  size_t documents = 0;
  size_t sentences = 0;
};

struct SyncStats {
  size_t documents_indexed = 0;  // added or changed since the last sync
  size_t documents_removed = 0;
  size_t documents_total = 0;
  size_t sentences_total = 0;
};

class SentenceIndex {
 public:
  // A file (created when missing) or ":memory:". Throws StorageError when SQLite cannot open
  // it or lacks FTS5.
  explicit SentenceIndex(const std::string& path);
  ~SentenceIndex();
  SentenceIndex(const SentenceIndex&) = delete;
  SentenceIndex& operator=(const SentenceIndex&) = delete;

  // Indexes the documents that are new or changed in the graph and drops the ones gone from
  // it; a document unchanged since the last sync costs one fingerprint.
  SyncStats sync(const GraphStore& store, Progress* progress = nullptr);

  // Throws InputError for a malformed FTS5 query, with SQLite's message.
  std::vector<SentenceHit> search(const SentenceQuery& query) const;
  size_t count(const SentenceQuery& query) const;  // matches, ignoring limit and offset
  // Matching documents and sentences per year (group "year") or per speaker ("speaker").
  std::vector<SentenceCount> count_by(const SentenceQuery& query, const std::string& group) const;

 private:
  struct Db;
  std::unique_ptr<Db> db_;
};

}  // namespace normgraph::search
