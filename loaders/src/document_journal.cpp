#include "normgraph/loaders/document_journal.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "normgraph/core/errors.hpp"
#include "normgraph/loaders/norm_text.hpp"
#include "normgraph/loaders/statement.hpp"

namespace normgraph::loaders {

std::string encode_document_record(const DocumentRecord& r) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  auto s = [&](const std::string& v) {
    w.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
  };
  w.StartObject();
  w.Key("v");
  w.Int(1);
  w.Key("kind");
  s(r.kind);
  w.Key("name");
  s(r.name);
  w.Key("text");
  s(r.text);
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

DocumentRecord decode_document_record(std::string_view bytes) {
  rapidjson::Document d;
  d.Parse(bytes.data(), bytes.size());
  auto str = [&](const char* k) -> std::string {
    if (!d.HasMember(k) || !d[k].IsString())
      throw InputError(std::string("journal record without '") + k + "'");
    return std::string(d[k].GetString(), d[k].GetStringLength());
  };
  if (d.HasParseError() || !d.IsObject()) throw InputError("journal record is not a JSON object");
  if (!d.HasMember("v") || !d["v"].IsInt() || d["v"].GetInt() != 1)
    throw InputError("journal record of an unknown version");
  DocumentRecord r{str("kind"), str("name"), str("text")};
  if (r.kind != "statement" && r.kind != "norm-text")
    throw InputError("journal record of an unknown kind '" + r.kind + "'");
  return r;
}

LoadCounts apply_document_record(const DocumentRecord& r, GraphStore& store,
                                 const StatementLoader& statements, const NormLoader& norms) {
  const std::string file_name = r.name + ".txt";
  if (r.kind == "norm-text") return norms.load_norm_text(r.text, file_name, store);
  return statements.load_text(r.text, file_name, store);
}

}  // namespace normgraph::loaders
