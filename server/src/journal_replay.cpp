#include "normgraph/server/journal_replay.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cinttypes>
#include <cstdio>
#include <filesystem>
#include <optional>

#include "json_values.hpp"
#include "normgraph/core/errors.hpp"
#include "normgraph/engine/json_evidence.hpp"
#include "normgraph/loaders/document_journal.hpp"
#include "normgraph/loaders/norm_text.hpp"
#include "normgraph/loaders/statement.hpp"
#include "normgraph/query/query.hpp"

namespace normgraph::server {

namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;
using json::write_key;
using json::write_string;

constexpr int kRecordVersion = 1;

void begin_record(Writer& w, std::string_view kind) {
  w.StartObject();
  write_key(w, "v");
  w.Int(kRecordVersion);
  write_key(w, "kind");
  write_string(w, kind);
}

std::string text_of(const rapidjson::StringBuffer& buf) {
  return std::string(buf.GetString(), buf.GetSize());
}

// The record's JSON and its kind; InputError when it is not a record.
rapidjson::Document parse_record(std::string_view bytes, std::string& kind) {
  rapidjson::Document d;
  d.Parse(bytes.data(), bytes.size());
  if (d.HasParseError() || !d.IsObject()) throw InputError("journal record is not a JSON object");
  if (!d.HasMember("v") || !d["v"].IsInt() || d["v"].GetInt() < 1)
    throw InputError("journal record of an unknown version");
  // A newer normgraph wrote it: skipping it would lose it at the next fold, so the data
  // directory is not opened at all (as a snapshot of a newer format is not).
  if (d["v"].GetInt() > kRecordVersion)
    throw StorageError("journal record of version " + std::to_string(d["v"].GetInt()) +
                       ", this build reads version " + std::to_string(kRecordVersion) +
                       ": a newer normgraph wrote it; open this data directory with that one");
  if (!d.HasMember("kind") || !d["kind"].IsString())
    throw InputError("journal record without 'kind'");
  kind.assign(d["kind"].GetString(), d["kind"].GetStringLength());
  return d;
}

std::string member_string(const rapidjson::Document& d, const char* key) {
  if (!d.HasMember(key) || !d[key].IsString())
    throw InputError(std::string("journal record without '") + key + "'");
  return std::string(d[key].GetString(), d[key].GetStringLength());
}

CypherRecord decode_cypher(const rapidjson::Document& d) {
  if (!d.HasMember("params") || !d["params"].IsObject() || !d.HasMember("seed") ||
      !d["seed"].IsUint64() || !d.HasMember("clock_ms") || !d["clock_ms"].IsInt64())
    throw InputError("cypher journal record without params, seed or clock_ms");
  return CypherRecord{member_string(d, "query"),  to_value(d["params"]).as_map(),
                      member_string(d, "author"), member_string(d, "reason"),
                      d["seed"].GetUint64(),      d["clock_ms"].GetInt64()};
}

// The snapshot a base record names; nullopt for another kind of record.
std::optional<uint64_t> base_snapshot(std::string_view bytes) {
  try {
    std::string kind;
    const rapidjson::Document d = parse_record(bytes, kind);
    if (kind != "base") return std::nullopt;
    const std::string hex = member_string(d, "snapshot");
    return std::stoull(hex, nullptr, 16);
  } catch (const std::exception&) {
    return std::nullopt;  // a damaged first record is reported when it is applied
  }
}

}  // namespace

std::string encode_cypher_record(const CypherRecord& r) {
  rapidjson::StringBuffer buf;
  Writer w(buf);
  begin_record(w, "cypher");
  write_key(w, "query");
  write_string(w, r.query);
  write_key(w, "params");
  json::write_map(w, r.params);
  write_key(w, "author");
  write_string(w, r.author);
  write_key(w, "reason");
  write_string(w, r.reason);
  write_key(w, "seed");
  w.Uint64(r.random_seed);
  write_key(w, "clock_ms");
  w.Int64(r.clock_ms);
  w.EndObject();
  return text_of(buf);
}

std::string encode_base_record(uint64_t snapshot_checksum) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016" PRIx64, snapshot_checksum);
  rapidjson::StringBuffer buf;
  Writer w(buf);
  begin_record(w, "base");
  write_key(w, "snapshot");
  write_string(w, hex);
  w.EndObject();
  return text_of(buf);
}

struct JournalApplier::Impl {
  GraphStore& store;
  const ontology::Schema* schema;
  const loaders::StatementLoader* statements;
  const loaders::NormLoader* norms;
  std::optional<loaders::StatementLoader> own_statements;
  std::optional<loaders::NormLoader> own_norms;
  std::unique_ptr<query::QueryEngine> engine;

  void apply_document(std::string_view bytes) {
    if (!statements) statements = &own_statements.emplace(loaders::StatementLoader::load_default());
    if (!norms) norms = &own_norms.emplace(loaders::NormLoader::load_default());
    loaders::apply_document_record(loaders::decode_document_record(bytes), store, *statements,
                                   *norms);
  }

  void apply_cypher(const CypherRecord& r) {
    if (!engine) engine = std::make_unique<query::QueryEngine>(store, schema);
    query::QueryOptions opts;
    opts.time_limit_seconds = 0;  // it ran to its end once; it must again
    opts.max_memory_bytes = 0;
    opts.max_rows = 0;
    opts.author = r.author;
    opts.reason = r.reason;
    opts.random_seed = r.random_seed;
    opts.clock_ms = r.clock_ms;
    engine->run(r.query, r.params, opts);
  }
};

JournalApplier::JournalApplier(GraphStore& store, const ontology::Schema* schema,
                               const loaders::StatementLoader* statements,
                               const loaders::NormLoader* norms)
    : impl_(new Impl{store, schema, statements, norms, {}, {}, {}}) {}

JournalApplier::~JournalApplier() = default;

void JournalApplier::apply(std::string_view record) {
  std::string kind;
  const rapidjson::Document d = parse_record(record, kind);
  if (kind == "base") return;
  if (kind == "cypher")
    impl_->apply_cypher(decode_cypher(d));
  else
    impl_->apply_document(record);
}

JournalReplay replay_journal(Journal& journal, uint64_t snapshot_checksum,
                             JournalApplier& applier) {
  JournalReplay out;
  bool first = true, folded = false;
  size_t index = 0;
  const auto report = journal.replay([&](std::string_view record) {
    ++index;
    if (first) {
      first = false;
      if (auto base = base_snapshot(record)) {
        out.has_base = true;
        folded = *base != snapshot_checksum;
        return;
      }
    }
    if (folded) {
      ++out.folded;
      return;
    }
    try {
      applier.apply(record);
      ++out.applied;
    } catch (const InputError& e) {
      out.errors.push_back(e.what());
    } catch (const StorageError& e) {  // a record this build must not drop: nothing is changed
      throw StorageError(journal.path() + ": record " + std::to_string(index) + ": " + e.what());
    }
  });
  out.dropped_bytes = report.dropped_bytes;
  return out;
}

void reset_journal(Journal& journal, uint64_t snapshot_checksum) {
  journal.reset();
  journal.append(encode_base_record(snapshot_checksum));
}

JournalReplay replay_journal(const DataDir& dir, GraphStore& store, bool writable) {
  const std::string path = dir.path() + "/journal";
  if (!std::filesystem::exists(path)) return {};
  Journal journal(path, !writable);
  JournalApplier applier(store, nullptr);
  return replay_journal(journal, dir.snapshot_checksum(), applier);
}

void reset_journal(const DataDir& dir) {
  const std::string path = dir.path() + "/journal";
  if (!std::filesystem::exists(path)) return;
  Journal journal(path);
  reset_journal(journal, dir.snapshot_checksum());
}

}  // namespace normgraph::server
