#include "normgraph/search/sentence_index.hpp"

#include <sqlite3.h>

#include <cstdio>
#include <map>
#include <string_view>

#include "normgraph/core/errors.hpp"
#include "normgraph/engine/string_pool.hpp"

namespace normgraph::search {

namespace {

// Bumped when the tables change: an index of another format is dropped and rebuilt.
constexpr std::string_view kFormat = "1";

const char* const kSchema = R"sql(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS documents(id TEXT PRIMARY KEY, fingerprint TEXT NOT NULL,
                                     first_row INTEGER NOT NULL, rows INTEGER NOT NULL);
CREATE VIRTUAL TABLE IF NOT EXISTS sentences USING fts5(
  text, doc UNINDEXED, sentence UNINDEXED, title UNINDEXED, speaker UNINDEXED,
  speaker_id UNINDEXED, date UNINDEXED, tokenize = 'porter unicode61 remove_diacritics 2');
)sql";

// What the index holds of one Document node.
struct DocumentText {
  std::string id, title, speaker, speaker_id, date;
  const ValueList* sentences = nullptr;
  std::string fingerprint() const {
    uint64_t h = 0;
    auto mix = [&](std::string_view s) { h = (h * 0x100000001b3ull) ^ hash_bytes(s) ^ s.size(); };
    for (std::string_view part : {std::string_view(title), std::string_view(speaker),
                                  std::string_view(speaker_id), std::string_view(date)})
      mix(part);
    for (const Value& s : *sentences)
      if (s.type() == Value::Type::String) mix(s.as_string());
    char buf[24];
    std::snprintf(buf, sizeof buf, "%016llx-%zu", static_cast<unsigned long long>(h),
                  sentences->size());
    return buf;
  }
};

const Value* property(const ValueMap& props, std::string_view key) {
  for (const MapEntry& e : props)
    if (e.key == key) return &e.value;
  return nullptr;
}

std::vector<DocumentText> documents_of(const GraphStore& store) {
  std::vector<DocumentText> docs;
  const auto delivered = store.find_edge_type("DELIVERED");
  store.for_each_node_with_label("Document", [&](NodeId n) {
    const ValueMap& props = store.node_props(n);
    const Value* sentences = property(props, "sentences");
    if (!sentences || sentences->type() != Value::Type::List) return;
    DocumentText d;
    d.id = store.node_id(n);
    d.title = store.node_name(n);
    if (const Value* date = property(props, "date"); date && date->type() == Value::Type::String)
      d.date = date->as_string();
    else if (date && date->type() == Value::Type::Int)
      d.date = std::to_string(date->as_int());
    if (delivered)
      store.for_each_adjacent(n, Direction::In, *delivered, [&](const AdjEntry& a) {
        if (!d.speaker_id.empty()) return;
        d.speaker_id = store.node_id(a.node);
        d.speaker = store.node_name(a.node);
      });
    d.sentences = &sentences->as_list();
    docs.push_back(std::move(d));
  });
  return docs;
}

}  // namespace

// The connection; every SQLite call of normgraph is in this file.
struct SentenceIndex::Db {
  sqlite3* handle = nullptr;
  std::string path;

  ~Db() { sqlite3_close_v2(handle); }

  [[noreturn]] void fail(const std::string& what) const {
    throw StorageError("sentence index " + path + ": " + what + ": " + sqlite3_errmsg(handle));
  }
  void exec(const char* sql) {
    char* message = nullptr;
    if (sqlite3_exec(handle, sql, nullptr, nullptr, &message) != SQLITE_OK) {
      std::string text = message ? message : "unknown error";
      sqlite3_free(message);
      throw StorageError("sentence index " + path + ": " + text);
    }
  }
};

namespace {

// One prepared statement, finalized on scope exit; binds by position from 1.
template <class Db>
class Statement {
 public:
  Statement(const Db& db, const std::string& sql, bool user_query = false) : db_(db) {
    if (sqlite3_prepare_v2(db.handle, sql.c_str(), -1, &stmt_, nullptr) != SQLITE_OK) {
      sqlite3_finalize(stmt_);
      db.fail("preparing a statement");
    }
    user_query_ = user_query;
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  void bind(int i, std::string_view text) {
    sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  }
  void bind(int i, int64_t v) { sqlite3_bind_int64(stmt_, i, v); }
  // True while rows come; throws on an error (InputError for a malformed user query).
  bool step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    if (user_query_)
      throw InputError(std::string("sentence search: ") + sqlite3_errmsg(db_.handle));
    db_.fail("a statement failed");
  }
  void run() {
    while (step()) {
    }
    sqlite3_reset(stmt_);
  }
  std::string text(int col) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, col)))
             : std::string();
  }
  int64_t integer(int col) const { return sqlite3_column_int64(stmt_, col); }

 private:
  const Db& db_;
  sqlite3_stmt* stmt_ = nullptr;
  bool user_query_ = false;
};
template <class Db>
Statement(const Db&, const std::string&, bool = false) -> Statement<Db>;

}  // namespace

SentenceIndex::SentenceIndex(const std::string& path) : db_(std::make_unique<Db>()) {
  db_->path = path;
  if (sqlite3_open_v2(path.c_str(), &db_->handle,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                      nullptr) != SQLITE_OK)
    db_->fail("cannot open");
  sqlite3_busy_timeout(db_->handle, 10000);  // another process syncing the same file
  if (path != ":memory:") db_->exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
  db_->exec(kSchema);
  std::string format;
  {
    Statement read(*db_, "SELECT value FROM meta WHERE key = 'format'");
    if (read.step()) format = read.text(0);
  }
  if (format != kFormat) {  // older or newer tables: the index is derived, so rebuild it
    db_->exec(
        "DROP TABLE IF EXISTS sentences; DROP TABLE IF EXISTS documents; DROP TABLE IF EXISTS "
        "meta;");
    db_->exec(kSchema);
    Statement write(*db_, "INSERT INTO meta(key, value) VALUES ('format', ?1)");
    write.bind(1, kFormat);
    write.run();
  }
}

SentenceIndex::~SentenceIndex() = default;

SyncStats SentenceIndex::sync(const GraphStore& store, Progress* progress) {
  SyncStats stats;
  const std::vector<DocumentText> docs = documents_of(store);
  std::map<std::string, std::tuple<std::string, int64_t, int64_t>>
      indexed;  // id -> fingerprint, first, rows
  int64_t next_row = 1;
  {
    Statement read(*db_, "SELECT id, fingerprint, first_row, rows FROM documents");
    while (read.step()) {
      indexed[read.text(0)] = {read.text(1), read.integer(2), read.integer(3)};
      next_row = std::max(next_row, read.integer(2) + read.integer(3));
    }
  }
  db_->exec("BEGIN IMMEDIATE");
  try {
    Statement drop_rows(*db_, "DELETE FROM sentences WHERE rowid >= ?1 AND rowid < ?2");
    Statement drop_doc(*db_, "DELETE FROM documents WHERE id = ?1");
    auto remove = [&](const std::string& id, int64_t first, int64_t rows) {
      drop_rows.bind(1, first);
      drop_rows.bind(2, first + rows);
      drop_rows.run();
      drop_doc.bind(1, id);
      drop_doc.run();
    };
    Statement add_row(
        *db_,
        "INSERT INTO sentences(rowid, text, doc, sentence, title, speaker, speaker_id, date) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    Statement add_doc(
        *db_, "INSERT INTO documents(id, fingerprint, first_row, rows) VALUES (?1, ?2, ?3, ?4)");
    std::map<std::string, bool> in_graph;
    for (size_t i = 0; i < docs.size(); ++i) {
      const DocumentText& d = docs[i];
      report(progress, "indexing sentences", i, docs.size());
      in_graph[d.id] = true;
      stats.sentences_total += d.sentences->size();
      const std::string fingerprint = d.fingerprint();
      if (auto it = indexed.find(d.id); it != indexed.end()) {
        if (std::get<0>(it->second) == fingerprint) continue;
        remove(d.id, std::get<1>(it->second), std::get<2>(it->second));
      }
      const int64_t first = next_row;
      for (size_t s = 0; s < d.sentences->size(); ++s) {
        const Value& text = (*d.sentences)[s];
        if (text.type() != Value::Type::String) continue;
        add_row.bind(1, next_row++);
        add_row.bind(2, text.as_string());
        add_row.bind(3, d.id);
        add_row.bind(4, static_cast<int64_t>(s));
        add_row.bind(5, d.title);
        add_row.bind(6, d.speaker);
        add_row.bind(7, d.speaker_id);
        add_row.bind(8, d.date);
        add_row.run();
      }
      add_doc.bind(1, d.id);
      add_doc.bind(2, fingerprint);
      add_doc.bind(3, first);
      add_doc.bind(4, next_row - first);
      add_doc.run();
      ++stats.documents_indexed;
    }
    for (const auto& [id, entry] : indexed)
      if (!in_graph.count(id)) {
        remove(id, std::get<1>(entry), std::get<2>(entry));
        ++stats.documents_removed;
      }
    db_->exec("COMMIT");
  } catch (...) {
    sqlite3_exec(db_->handle, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
  report_done(progress, "indexing sentences");
  stats.documents_total = docs.size();
  return stats;
}

namespace {

// The MATCH argument: the user's FTS5 query, or the text as one phrase.
std::string match_text(const SentenceQuery& q) {
  if (q.text.find_first_not_of(" \t\r\n") == std::string::npos)
    throw InputError("sentence search: no words to search for");
  if (q.fts_syntax) return q.text;
  std::string phrase = "\"";
  for (char c : q.text) phrase += c == '"' ? std::string("\"\"") : std::string(1, c);
  return phrase + "\"";
}

// The WHERE clause shared by search, count and count_by; binds ?1..?4.
const char* const kWhere =
    " FROM sentences WHERE sentences MATCH ?1"
    " AND (?2 = '' OR speaker_id = ?2 OR lower(speaker) = lower(?2))"
    " AND (?3 = '' OR substr(date, 1, length(?3)) >= ?3)"
    " AND (?4 = '' OR (date <> '' AND substr(date, 1, length(?4)) <= ?4))";

template <class Db>
void bind_filters(Statement<Db>& st, const SentenceQuery& q) {
  st.bind(1, match_text(q));
  st.bind(2, q.speaker);
  st.bind(3, q.since);
  st.bind(4, q.until);
}

}  // namespace

std::vector<SentenceHit> SentenceIndex::search(const SentenceQuery& q) const {
  std::string sql =
      "SELECT doc, title, speaker, date, sentence, text, highlight(sentences, 0, ?7, ?8)";
  sql += kWhere;
  // Ties in rank go by rowid (the order sentences were indexed in): a tie-break on a column
  // reads every match's row and doubled the time of a common phrase ("human rights": 10k).
  sql += q.by_date ? " ORDER BY date, doc, sentence" : " ORDER BY rank, rowid";
  sql += " LIMIT ?5 OFFSET ?6";
  Statement st(*db_, sql, true);
  bind_filters(st, q);
  st.bind(5, static_cast<int64_t>(q.limit));
  st.bind(6, static_cast<int64_t>(q.offset));
  st.bind(7, q.mark_open);
  st.bind(8, q.mark_close);
  std::vector<SentenceHit> hits;
  while (st.step())
    hits.push_back(
        {st.text(0), st.text(1), st.text(2), st.text(3), st.integer(4), st.text(5), st.text(6)});
  return hits;
}

size_t SentenceIndex::count(const SentenceQuery& q) const {
  Statement st(*db_, std::string("SELECT count(*)") + kWhere, true);
  bind_filters(st, q);
  return st.step() ? static_cast<size_t>(st.integer(0)) : 0;
}

std::vector<SentenceCount> SentenceIndex::count_by(const SentenceQuery& q,
                                                   const std::string& group) const {
  std::string key;
  if (group == "year")
    key = "substr(date, 1, 4)";
  else if (group == "speaker")
    key = "speaker";
  else
    throw InputError("sentence counts: unknown group '" + group + "' (year, speaker)");
  Statement st(
      *db_,
      "SELECT " + key + " AS k, count(DISTINCT doc), count(*)" + kWhere + " GROUP BY k ORDER BY k",
      true);
  bind_filters(st, q);
  std::vector<SentenceCount> counts;
  while (st.step())
    counts.push_back(
        {st.text(0), static_cast<size_t>(st.integer(1)), static_cast<size_t>(st.integer(2))});
  return counts;
}

}  // namespace normgraph::search
