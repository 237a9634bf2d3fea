#include "normgraph/workspace/journal_records.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cinttypes>
#include <cstdio>

#include "normgraph/core/errors.hpp"
#include "normgraph/core/json_value.hpp"

namespace normgraph::workspace {

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

void write_body(Writer& w, const DocumentRecord& r) {
  begin_record(w, r.kind);
  write_key(w, "name");
  write_string(w, r.name);
  write_key(w, "text");
  write_string(w, r.text);
}

void write_body(Writer& w, const CypherRecord& r) {
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
}

void write_body(Writer& w, const BaseRecord& r) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016" PRIx64, r.snapshot);
  begin_record(w, "base");
  write_key(w, "snapshot");
  write_string(w, hex);
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
  return CypherRecord{member_string(d, "query"),  json::to_value(d["params"]).as_map(),
                      member_string(d, "author"), member_string(d, "reason"),
                      d["seed"].GetUint64(),      d["clock_ms"].GetInt64()};
}

BaseRecord decode_base(const rapidjson::Document& d) {
  const std::string hex = member_string(d, "snapshot");
  char* end = nullptr;
  const uint64_t checksum = std::strtoull(hex.c_str(), &end, 16);
  if (hex.empty() || *end) throw InputError("base journal record with a bad snapshot name");
  return BaseRecord{checksum};
}

}  // namespace

std::string encode_record(const Record& record) {
  rapidjson::StringBuffer buf;
  Writer w(buf);
  std::visit([&](const auto& r) { write_body(w, r); }, record);
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

Record decode_record(std::string_view bytes) {
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
  const std::string kind = member_string(d, "kind");
  if (kind == "base") return decode_base(d);
  if (kind == "cypher") return decode_cypher(d);
  if (kind != "statement" && kind != "norm-text")
    throw InputError("journal record of an unknown kind '" + kind + "'");
  return DocumentRecord{kind, member_string(d, "name"), member_string(d, "text")};
}

}  // namespace normgraph::workspace
