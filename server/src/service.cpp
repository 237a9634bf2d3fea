// The API of docs/http.md over one GraphStore. JSON in and out with RapidJSON.
#include "service.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "normgraph/core/files.hpp"
#include "normgraph/core/json_value.hpp"
#include "normgraph/core/strings.hpp"
#include "normgraph/engine/json_evidence.hpp"
#include "normgraph/loaders/statement.hpp"
#include "normgraph/loaders/text.hpp"
#include "normgraph/ontology/evidence_sources.hpp"
#include "normgraph/ontology/schema.hpp"
#include "normgraph/query/query.hpp"
#include "normgraph/query/result_format.hpp"
#include "normgraph/rules/parser.hpp"
#include "normgraph/rules/program.hpp"
#include "normgraph/rules/report.hpp"
#include "normgraph/search/sentence_index.hpp"
#include "normgraph/viz/alignment.hpp"
#include "normgraph/viz/csv.hpp"
#include "normgraph/viz/export.hpp"
#include "normgraph/viz/graph_json.hpp"
#include "normgraph/viz/positions.hpp"
#include "normgraph/viz/selection.hpp"
#include "normgraph/viz/stance_matrix.hpp"
#include "normgraph/viz/styles.hpp"
#include "normgraph/workspace/graph_counts.hpp"

namespace normgraph::server {

namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;
using json::write_key;
using json::write_map;
using json::write_string;

std::atomic<uint64_t> next_service_id{1};

std::string param(const Params& p, const std::string& name, const std::string& fallback = "") {
  auto it = p.find(name);
  return it == p.end() ? fallback : it->second;
}

size_t count_param(const Params& p, const std::string& name, size_t fallback, size_t max) {
  auto it = p.find(name);
  if (it == p.end() || it->second.empty()) return fallback;
  size_t v = 0;
  const std::string& t = it->second;
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec != std::errc() || end != t.data() + t.size())
    throw ApiError(400, "bad_parameter",
                   "'" + name + "' needs a non-negative integer, got '" + t + "'");
  if (v > max)
    throw ApiError(400, "bad_parameter",
                   "'" + name + "' is at most " + std::to_string(max) + ", got " + t);
  return v;
}

std::vector<std::string> list_param(const Params& p, const std::string& name) {
  std::vector<std::string> items;
  auto [b, e] = p.equal_range(name);
  for (auto it = b; it != e; ++it) {
    std::stringstream ss(it->second);
    std::string item;
    while (std::getline(ss, item, ','))
      if (!item.empty()) items.push_back(item);
  }
  return items;
}

std::optional<Direction> parse_dir(const std::string& s) {
  if (s.empty() || s == "both") return Direction::Both;
  if (s == "out") return Direction::Out;
  if (s == "in") return Direction::In;
  return std::nullopt;
}

// Bodies nested deeper than this are refused before anything walks them recursively (query
// parameters become query values, a write's parameters are written into the journal).
constexpr size_t kMaxJsonDepth = 256;

bool nested_deeper_than(const rapidjson::Value& root, size_t limit) {
  std::vector<std::pair<const rapidjson::Value*, size_t>> stack{{&root, 1}};
  while (!stack.empty()) {
    const auto [v, depth] = stack.back();
    stack.pop_back();
    if (depth > limit) return true;
    if (v->IsArray())
      for (const auto& item : v->GetArray()) stack.push_back({&item, depth + 1});
    else if (v->IsObject())
      for (const auto& member : v->GetObject()) stack.push_back({&member.value, depth + 1});
  }
  return false;
}

rapidjson::Document parse_json_body(const std::string& body) {
  if (!valid_utf8(body)) throw ApiError(400, "invalid_utf8", "the request body is not valid UTF-8");
  rapidjson::Document doc;
  // Iterative parsing: a body of a million '[' must not exhaust the stack.
  doc.Parse<rapidjson::kParseValidateEncodingFlag | rapidjson::kParseIterativeFlag>(body.data(),
                                                                                    body.size());
  if (doc.HasParseError())
    throw ApiError(400, "malformed_json",
                   std::string("the request body is not JSON: ") +
                       rapidjson::GetParseError_En(doc.GetParseError()) + " at offset " +
                       std::to_string(doc.GetErrorOffset()));
  if (!doc.IsObject())
    throw ApiError(400, "malformed_json", "the request body must be a JSON object");
  if (nested_deeper_than(doc, kMaxJsonDepth))
    throw ApiError(400, "malformed_json",
                   "the request body nests arrays and objects deeper than " +
                       std::to_string(kMaxJsonDepth) + " levels");
  return doc;
}

// A ustar archive of the regular files of a folder (the CSV layouts are folders).
std::string tar_folder(const std::string& dir, const std::string& prefix) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.is_regular_file()) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  std::string out;
  for (const auto& file : files) {
    std::string content = read_file(file.string());
    std::string name = prefix + "/" + file.filename().string();
    char h[512] = {};
    std::snprintf(h, 100, "%s", name.substr(0, 99).c_str());
    std::snprintf(h + 100, 8, "%07o", 0644);
    std::snprintf(h + 108, 8, "%07o", 0);
    std::snprintf(h + 116, 8, "%07o", 0);
    std::snprintf(h + 124, 12, "%011llo", static_cast<unsigned long long>(content.size()));
    std::snprintf(h + 136, 12, "%011o", 0);
    h[156] = '0';
    std::memcpy(h + 257, "ustar", 6);
    std::memcpy(h + 263, "00", 2);
    std::memset(h + 148, ' ', 8);
    unsigned sum = 0;
    for (unsigned char c : h) sum += c;
    std::snprintf(h + 148, 8, "%06o", sum);
    out.append(h, 512);
    out += content;
    out.append((512 - content.size() % 512) % 512, '\0');
  }
  out.append(1024, '\0');
  return out;
}

// A private folder for an export's files, removed with this object. Its name comes from
// mkdtemp, never from the request.
class TempDir {
 public:
  TempDir() {
    const char* base = std::getenv("TMPDIR");
    std::string tmpl = std::string(base && *base ? base : "/tmp") + "/normgraph-serve-XXXXXX";
    if (!::mkdtemp(tmpl.data())) throw StorageError("cannot create a temporary folder");
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// The message with the export's temporary folder replaced by a word.
std::string hide_path(std::string message, const std::string& folder) {
  for (size_t at; (at = message.find(folder)) != std::string::npos;) {
    size_t end = at + folder.size();
    while (end < message.size() && message[end] != ' ' && message[end] != ':' &&
           message[end] != '\'' && message[end] != '"')
      ++end;  // the file inside it
    message.replace(at, end - at, "(the export file)");
  }
  return message;
}

struct QueryEngineSlot {
  uint64_t service = 0;
  std::unique_ptr<query::QueryEngine> engine;
};
thread_local QueryEngineSlot tl_engine;

const std::vector<std::string> kExportFormats = {"json",    "csv",       "dot",    "svg",
                                                 "graphml", "nt",        "ttl",    "neo4j-csv",
                                                 "kuzu",    "cytoscape", "matrix", "matrix-svg"};
constexpr size_t kSvgNodeLimit = 2000;

const char* content_type_of(const std::string& format) {
  if (format == "json" || format == "cytoscape") return "application/json";
  if (format == "csv" || format == "neo4j-csv" || format == "kuzu") return "application/x-tar";
  if (format == "dot") return "text/vnd.graphviz; charset=utf-8";
  if (format == "svg" || format == "matrix-svg") return "image/svg+xml";
  if (format == "graphml") return "application/graphml+xml";
  if (format == "nt") return "application/n-triples";
  if (format == "ttl") return "text/turtle; charset=utf-8";
  return "text/csv; charset=utf-8";  // matrix
}

bool valid_name(const std::string& name) {
  if (name.empty() || name.size() > 128) return false;
  if (!std::isalnum(static_cast<unsigned char>(name[0]))) return false;
  for (char c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-' && c != '.')
      return false;
  return true;
}

}  // namespace

std::string error_body(const std::string& code, const std::string& message) {
  rapidjson::StringBuffer buf;
  Writer w(buf);
  w.StartObject();
  write_key(w, "error");
  w.StartObject();
  write_key(w, "code");
  write_string(w, code);
  write_key(w, "message");
  // A message may quote request text that is not UTF-8: keep it readable and valid.
  std::string clean = valid_utf8(message) ? message : "(message withheld: not valid UTF-8)";
  write_string(w, clean);
  w.EndObject();
  w.EndObject();
  return buf.GetString();
}

bool valid_utf8(std::string_view s) {
  size_t i = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  while (i < s.size()) {
    unsigned c = p[i];
    size_t n;
    uint32_t cp;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      n = 1, cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2, cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3, cp = c & 0x07;
    } else {
      return false;
    }
    if (i + n >= s.size()) return false;
    for (size_t k = 1; k <= n; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return false;
      cp = cp << 6 | (p[i + k] & 0x3F);
    }
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += n + 1;
  }
  return true;
}

// ------------------------------------------------------------------ setup

GraphService::GraphService(const ServerOptions& options)
    : options_(options),
      dir_(options.data_dir, DataDir::Access::Write),
      workspace_(std::make_unique<workspace::Workspace>(
          dir_, workspace::WorkspaceOptions{.journaled = true})),
      store_(workspace_->store()),
      id_(next_service_id++),
      started_(std::chrono::steady_clock::now()) {
  source_kinds_ = ontology::load_default_source_kinds();
  rule_files_ = rules::default_rule_files();
  rule_files_.insert(rule_files_.end(), options.rule_files.begin(), options.rule_files.end());
  rules::parse_files(rule_files_);  // bad rule files stop the server at start, not at a request
  styles_ = std::make_unique<viz::Styles>(viz::Styles::load_default());
  const workspace::JournalReplay& replay = workspace_->replay();
  if (options_.log) {
    for (const auto& error : replay.errors)  // the same error refused the request
      std::fprintf(options_.log, "normgraph serve: journal record skipped: %s\n", error.c_str());
    if (replay.applied || replay.folded || replay.dropped_bytes)
      std::fprintf(options_.log,
                   "normgraph serve: replayed %zu journal record(s); %zu already in the snapshot; "
                   "dropped a torn tail of %llu bytes\n",
                   replay.applied, replay.folded,
                   static_cast<unsigned long long>(replay.dropped_bytes));
  }
  names_ = std::make_unique<workspace::NameIndex>(store_);
  publish_health();
  // The sentence index is a cache beside the graph, or in memory when the folder is read-only.
  const std::string index_file = dir_.path() + "/sentences.sqlite";
  sentences_ = std::make_unique<search::SentenceIndex>(
      ::access(dir_.path().c_str(), W_OK) == 0 ? index_file : ":memory:");
  sentences_->sync(store_);
  sentences_generation_ = workspace_->generation();
}

GraphService::~GraphService() = default;

void GraphService::publish_health() {
  health_nodes_ = store_.node_count();
  health_edges_ = store_.edge_count();
  health_journal_records_ = workspace_->journal_records();
}

std::shared_lock<std::shared_mutex> GraphService::read_lock() {
  { std::lock_guard<std::mutex> pass(gate_); }
  return std::shared_lock<std::shared_mutex>(rw_);
}

std::unique_lock<std::shared_mutex> GraphService::write_lock() {
  std::lock_guard<std::mutex> hold(gate_);
  return std::unique_lock<std::shared_mutex>(rw_);
}

NodeId GraphService::resolve_node(const std::string& id_or_name) const {
  if (auto n = store_.find_node(id_or_name)) return *n;
  auto by_name = store_.find_by_name(id_or_name);
  if (by_name.size() == 1) return by_name[0];
  if (by_name.empty()) throw ApiError(404, "not_found", "no node '" + id_or_name + "'");
  throw ApiError(
      422, "ambiguous",
      "'" + id_or_name + "' names " + std::to_string(by_name.size()) + " nodes; give an id");
}

EdgeFilter GraphService::edge_filter(const Params& params) const {
  const EdgeFilterText text{param(params, "as_of"), param(params, "since"), param(params, "until"),
                            param(params, "sources"), param(params, "exclude_sources")};
  try {
    return parse_edge_filter(text, source_kinds_);
  } catch (const InputError& e) {
    throw ApiError(400, "bad_parameter", e.what());
  }
}

std::unique_ptr<EdgeView> GraphService::edge_view(const EdgeFilter& filter) const {
  if (!filter.active()) return nullptr;
  return std::make_unique<EdgeView>(store_, filter, source_kinds_);
}

// ------------------------------------------------------------------ JSON of graph elements

namespace {

void node_summary(Writer& w, const GraphStore& s, NodeId n) {
  write_key(w, "id");
  write_string(w, s.node_id(n));
  write_key(w, "kind");
  write_string(w, s.node_kind(n));
  write_key(w, "name");
  write_string(w, s.node_name(n));
}

std::string edge_key(const GraphStore& s, EdgeId e) {
  EdgeEnds ends = s.edge_ends(e);
  return std::string(s.node_id(ends.source)) + "-[" + std::string(s.edge_type_name(ends.type)) +
         "]->" + std::string(s.node_id(ends.target));
}

void edge_json(Writer& w, const GraphStore& s, EdgeId e, bool with_evidence) {
  EdgeEnds ends = s.edge_ends(e);
  w.StartObject();
  write_key(w, "key");
  write_string(w, edge_key(s, e));
  write_key(w, "source");
  write_string(w, s.node_id(ends.source));
  write_key(w, "target");
  write_string(w, s.node_id(ends.target));
  write_key(w, "type");
  write_string(w, s.edge_type_name(ends.type));
  write_key(w, "derived");
  w.Bool(s.edge_derived(e));
  write_key(w, "properties");
  write_map(w, s.edge_props(e));
  if (with_evidence) {
    write_key(w, "evidence");
    json::write_evidence_list(w, s, s.edge_evidence(e));
  }
  w.EndObject();
}

void node_full(Writer& w, const GraphStore& s, NodeId n) {
  w.StartObject();
  node_summary(w, s, n);
  write_key(w, "labels");
  w.StartArray();
  for (auto l : s.node_labels(n)) write_string(w, l);
  w.EndArray();
  write_key(w, "aliases");
  w.StartArray();
  for (const auto& a : s.node_aliases(n)) write_string(w, a);
  w.EndArray();
  write_key(w, "properties");
  write_map(w, s.node_props(n));
  write_key(w, "degree");
  w.StartObject();
  write_key(w, "out");
  w.Uint64(s.degree(n, Direction::Out));
  write_key(w, "in");
  w.Uint64(s.degree(n, Direction::In));
  w.EndObject();
  write_key(w, "evidence");
  json::write_evidence_list(w, s, s.node_evidence(n));
  w.EndObject();
}

}  // namespace

// ------------------------------------------------------------------ read endpoints

Reply GraphService::health() {
  rapidjson::StringBuffer buf;
  Writer w(buf);
  w.StartObject();
  write_key(w, "status");
  write_string(w, "ok");
  write_key(w, "nodes");
  w.Uint64(health_nodes_.load());
  write_key(w, "edges");
  w.Uint64(health_edges_.load());
  write_key(w, "journal_records");
  w.Uint64(health_journal_records_.load());
  w.EndObject();
  return {200, "application/json", buf.GetString(), {}};
}

Reply GraphService::sentences(const Params& params) {
  search::SentenceQuery q;
  q.text = param(params, "q");
  q.fts_syntax = param(params, "match") == "1" || param(params, "match") == "true";
  q.speaker = param(params, "speaker");
  q.since = param(params, "since");
  q.until = param(params, "until");
  const std::string order = param(params, "order", "rank");
  if (order != "rank" && order != "date")
    throw ApiError(400, "bad_parameter", "'order' is rank or date, got '" + order + "'");
  q.by_date = order == "date";
  q.limit = count_param(params, "limit", 20, 1000);
  q.offset = count_param(params, "offset", 0, 1000000);
  q.mark_open = param(params, "mark_open", "[");
  q.mark_close = param(params, "mark_close", "]");
  if (q.mark_open.size() > 16 || q.mark_close.size() > 16)
    throw ApiError(400, "bad_parameter", "'mark_open' and 'mark_close' are at most 16 bytes");
  const std::string group = param(params, "count_by");
  auto lock = read_lock();
  std::lock_guard<std::mutex> guard(sentences_mutex_);
  if (sentences_generation_ != workspace_->generation()) {
    sentences_->sync(store_);
    sentences_generation_ = workspace_->generation();
  }
  rapidjson::StringBuffer buf;
  Writer w(buf);
  w.StartObject();
  try {
    if (!group.empty()) {
      write_key(w, "counts");
      w.StartArray();
      for (const auto& c : sentences_->count_by(q, group)) {
        w.StartObject();
        write_key(w, group);
        write_string(w, c.key);
        write_key(w, "documents");
        w.Uint64(c.documents);
        write_key(w, "sentences");
        w.Uint64(c.sentences);
        w.EndObject();
      }
      w.EndArray();
    } else {
      const auto hits = sentences_->search(q);
      write_key(w, "total");
      w.Uint64(sentences_->count(q));
      write_key(w, "hits");
      w.StartArray();
      for (const auto& h : hits) {
        w.StartObject();
        for (const auto& [key, value] : {std::pair<const char*, const std::string*>{"doc", &h.doc},
                                         {"title", &h.title},
                                         {"speaker", &h.speaker},
                                         {"date", &h.date},
                                         {"text", &h.text},
                                         {"marked", &h.marked}}) {
          write_key(w, key);
          write_string(w, *value);
        }
        write_key(w, "sentence");
        w.Int64(h.sentence);
        w.EndObject();
      }
      w.EndArray();
    }
  } catch (const InputError& e) {
    throw ApiError(400, "bad_search", e.what());
  }
  w.EndObject();
  return {200, "application/json", buf.GetString(), {}};
}

Reply GraphService::stats() {
  auto lock = read_lock();
  std::lock_guard<std::mutex> guard(stats_mutex_);
  const uint64_t gen = workspace_->generation();
  if (stats_generation_ != gen) {
    const workspace::GraphCounts counts = workspace::count_graph(store_);
    rapidjson::StringBuffer buf;
    Writer w(buf);
    w.StartObject();
    write_key(w, "nodes");
    w.Uint64(counts.nodes);
    write_key(w, "edges");
    w.Uint64(counts.edges);
    write_key(w, "derived_edges");
    w.Uint64(counts.derived_edges);
    write_key(w, "kinds");
    w.StartObject();
    for (const auto& [k, c] : counts.kinds) {
      write_key(w, k);
      w.Uint64(c);
    }
    w.EndObject();
    write_key(w, "edge_types");
    w.StartObject();
    for (const auto& [k, c] : counts.edge_types) {
      write_key(w, k);
      w.Uint64(c);
    }
    w.EndObject();
    write_key(w, "journal");
    w.StartObject();
    write_key(w, "records");
    w.Uint64(workspace_->journal_records());
    write_key(w, "bytes");
    w.Uint64(workspace_->journal_bytes());
    w.EndObject();
    write_key(w, "memory_bytes");
    w.Uint64(store_.memory_usage().total());
    w.EndObject();
    stats_cache_ = buf.GetString();
    stats_generation_ = gen;
  }
  return {200, "application/json", stats_cache_, {}};
}

Reply GraphService::search_nodes(const Params& params) {
  const std::string q = ascii_lower(param(params, "q"));
  const std::string kind = param(params, "kind");
  const size_t limit = count_param(params, "limit", 20, 1000);
  auto lock = read_lock();
  auto kind_ok = [&](NodeId n) { return kind.empty() || store_.node_kind(n) == kind; };
  std::vector<NodeId> hits;
  if (!q.empty()) {
    hits = names_->find(q, limit, kind_ok);
  } else if (!kind.empty()) {
    store_.for_each_node_with_label(kind, [&](NodeId n) {
      if (store_.node_live(n)) hits.push_back(n);
      return hits.size() < limit;
    });
  } else {
    store_.for_each_node([&](NodeId n) {
      if (hits.size() < limit) hits.push_back(n);
    });
  }
  rapidjson::StringBuffer buf;
  Writer w(buf);
  w.StartObject();
  write_key(w, "nodes");
  w.StartArray();
  for (NodeId n : hits) {
    w.StartObject();
    node_summary(w, store_, n);
    write_key(w, "aliases");
    w.StartArray();
    for (const auto& a : store_.node_aliases(n)) write_string(w, a);
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  write_key(w, "count");
  w.Uint64(hits.size());
  w.EndObject();
  return {200, "application/json", buf.GetString(), {}};
}

Reply GraphService::node(const std::string& id) {
  auto lock = read_lock();
  auto n = store_.find_node(id);
  if (!n) throw ApiError(404, "not_found", "no node with id '" + id + "'");
  rapidjson::StringBuffer buf;
  Writer w(buf);
  node_full(w, store_, *n);
  return {200, "application/json", buf.GetString(), {}};
}

Reply GraphService::neighbors(const std::string& id, const Params& params) {
  const std::string type = param(params, "type");
  auto dir = parse_dir(param(params, "dir"));
  if (!dir) throw ApiError(400, "bad_parameter", "'dir' is out, in or both");
  const size_t depth = count_param(params, "depth", 1, 3);
  const size_t limit = count_param(params, "limit", 500, 10000);
  if (depth == 0) throw ApiError(400, "bad_parameter", "'depth' is 1, 2 or 3");
  const EdgeFilter filter = edge_filter(params);
  auto lock = read_lock();
  const std::unique_ptr<EdgeView> view = edge_view(filter);
  const ScopedEdgeView scoped_view(view.get());
  auto start = store_.find_node(id);
  if (!start) throw ApiError(404, "not_found", "no node with id '" + id + "'");
  std::optional<EdgeType> t;
  if (!type.empty()) {
    t = store_.find_edge_type(type);
    if (!t) throw ApiError(404, "not_found", "no edge type '" + type + "' in the graph");
  }
  std::unordered_map<NodeId, size_t> distance{{*start, 0}};
  std::vector<NodeId> order{*start};
  std::vector<EdgeId> edges;
  std::unordered_set<EdgeId> seen_edges;
  bool truncated = false;
  std::deque<NodeId> frontier{*start};
  while (!frontier.empty() && !truncated) {
    NodeId n = frontier.front();
    frontier.pop_front();
    const size_t d = distance[n];
    if (d >= depth) continue;
    store_.for_each_adjacent(n, *dir, t, [&](const AdjEntry& a) {
      if (edges.size() >= limit) {
        truncated = true;
        return false;
      }
      if (seen_edges.insert(a.edge).second) edges.push_back(a.edge);
      if (!distance.count(a.node)) {
        distance[a.node] = d + 1;
        order.push_back(a.node);
        frontier.push_back(a.node);
      }
      return true;
    });
  }
  rapidjson::StringBuffer buf;
  Writer w(buf);
  w.StartObject();
  write_key(w, "node");
  node_full(w, store_, *start);
  write_key(w, "nodes");
  w.StartArray();
  for (NodeId n : order) {
    w.StartObject();
    node_summary(w, store_, n);
    write_key(w, "distance");
    w.Uint64(distance[n]);
    w.EndObject();
  }
  w.EndArray();
  write_key(w, "edges");
  w.StartArray();
  for (EdgeId e : edges) edge_json(w, store_, e, true);
  w.EndArray();
  write_key(w, "truncated");
  w.Bool(truncated);
  w.EndObject();
  return {200, "application/json", buf.GetString(), {}};
}

Reply GraphService::paths(const Params& params) {
  const std::string from = param(params, "from"), to = param(params, "to");
  if (from.empty() || to.empty())
    throw ApiError(400, "bad_parameter", "'from' and 'to' are required");
  const size_t max = count_param(params, "max", 4, 8);
  const size_t limit = count_param(params, "limit", 10, 100);
  auto lock = read_lock();
  const NodeId a = resolve_node(from), b = resolve_node(to);
  // Breadth-first in both directions from a, keeping every parent on a shortest path.
  std::unordered_map<NodeId, size_t> dist{{a, 0}};
  std::unordered_map<NodeId, std::vector<std::pair<NodeId, EdgeId>>> parents;
  std::vector<NodeId> level{a};
  size_t d = 0;
  // A search through hubs can reach most of a large graph: it keeps the query time limit.
  const auto deadline =
      std::chrono::steady_clock::now() +
      std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(
          options_.query_time_limit_seconds > 0 ? options_.query_time_limit_seconds : 3600.0));
  size_t steps = 0;
  while (!level.empty() && !dist.count(b) && d < max) {
    std::vector<NodeId> next;
    for (NodeId n : level)
      store_.for_each_adjacent(n, Direction::Both, std::nullopt, [&](const AdjEntry& e) {
        if (++steps % 4096 == 0 && std::chrono::steady_clock::now() > deadline)
          throw ApiError(408, "time_limit",
                         "the path search ran longer than the query time limit; lower 'max'");
        auto it = dist.find(e.node);
        if (it == dist.end()) {
          dist[e.node] = d + 1;
          next.push_back(e.node);
          parents[e.node].push_back({n, e.edge});
        } else if (it->second == d + 1) {
          parents[e.node].push_back({n, e.edge});
        }
        return true;
      });
    level = std::move(next);
    ++d;
  }
  std::vector<std::vector<std::pair<NodeId, EdgeId>>> found;  // reversed: (node, edge into it)
  if (dist.count(b)) {
    std::vector<std::pair<NodeId, EdgeId>> stack;
    std::function<void(NodeId)> walk = [&](NodeId n) {
      if (found.size() >= limit) return;
      if (n == a) {
        found.push_back(stack);
        return;
      }
      for (auto [p, e] : parents[n]) {
        stack.push_back({n, e});
        walk(p);
        stack.pop_back();
      }
    };
    walk(b);
  }
  rapidjson::StringBuffer buf;
  Writer w(buf);
  w.StartObject();
  write_key(w, "from");
  write_string(w, store_.node_id(a));
  write_key(w, "to");
  write_string(w, store_.node_id(b));
  write_key(w, "length");
  if (dist.count(b))
    w.Uint64(dist[b]);
  else
    w.Null();
  write_key(w, "paths");
  w.StartArray();
  for (const auto& rev : found) {
    w.StartObject();
    write_key(w, "nodes");
    w.StartArray();
    write_string(w, store_.node_id(a));
    for (auto it = rev.rbegin(); it != rev.rend(); ++it) write_string(w, store_.node_id(it->first));
    w.EndArray();
    write_key(w, "edges");
    w.StartArray();
    for (auto it = rev.rbegin(); it != rev.rend(); ++it) edge_json(w, store_, it->second, false);
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return {200, "application/json", buf.GetString(), {}};
}

Reply GraphService::query(const std::string& body, const std::function<void()>& authorize) {
  const auto t0 = std::chrono::steady_clock::now();
  rapidjson::Document doc = parse_json_body(body);
  auto optional_string = [&](const char* name) -> std::string {
    if (!doc.HasMember(name)) return "";
    if (!doc[name].IsString())
      throw ApiError(400, "bad_request", std::string("'") + name + "' must be a string");
    return std::string(doc[name].GetString(), doc[name].GetStringLength());
  };
  if (!doc.HasMember("query") || !doc["query"].IsString())
    throw ApiError(400, "bad_request", "'query' (a string) is required");
  const std::string text = optional_string("query");
  ValueMap params;
  if (doc.HasMember("params")) {
    if (!doc["params"].IsObject()) throw ApiError(400, "bad_request", "'params' must be an object");
    params = json::to_value(doc["params"]).as_map();
  }
  query::QueryOptions opts;
  opts.time_limit_seconds = options_.query_time_limit_seconds;
  opts.max_rows = options_.query_max_rows;
  opts.max_memory_bytes = options_.query_max_memory_bytes;
  if (doc.HasMember("timeout")) {
    if (!doc["timeout"].IsNumber() || doc["timeout"].GetDouble() <= 0)
      throw ApiError(400, "bad_request", "'timeout' is a positive number of seconds");
    double t = doc["timeout"].GetDouble();
    if (opts.time_limit_seconds == 0 || t < opts.time_limit_seconds) opts.time_limit_seconds = t;
  }
  if (doc.HasMember("max_rows")) {
    if (!doc["max_rows"].IsUint64() || doc["max_rows"].GetUint64() == 0)
      throw ApiError(400, "bad_request", "'max_rows' is a positive integer");
    uint64_t r = doc["max_rows"].GetUint64();
    if (opts.max_rows == 0 || r < opts.max_rows) opts.max_rows = r;
  }
  opts.author = optional_string("author");
  opts.reason = optional_string("reason");
  const EdgeFilter filter = edge_filter({{"as_of", optional_string("as_of")},
                                         {"since", optional_string("since")},
                                         {"until", optional_string("until")},
                                         {"sources", optional_string("sources")},
                                         {"exclude_sources", optional_string("exclude_sources")}});
  try {
    std::string json;
    bool writes = false;
    {
      auto lock = read_lock();
      const std::unique_ptr<EdgeView> view = edge_view(filter);
      const ScopedEdgeView scoped_view(view.get());
      if (tl_engine.service != id_ || !tl_engine.engine) {
        tl_engine.engine = std::make_unique<query::QueryEngine>(store_, &workspace_->schema());
        tl_engine.service = id_;
      }
      // One compilation, kept in the thread's engine (parsed and bound), tells a write and serves a
      // read.
      writes = tl_engine.engine->writes(text);
      if (writes && view)
        throw ApiError(400, "bad_request",
                       "as_of, since, until and sources are for reading queries");
      if (!writes) json = result_json(tl_engine.engine->run(text, params, opts), opts, t0);
    }
    if (writes) {
      authorize();
      json = run_write_query(text, params, opts, t0);
    }
    return {200, "application/json", json, {}};
  } catch (const query::QueryError& e) {
    if (e.code() == "TimeLimit") throw ApiError(408, "time_limit", e.what());
    if (e.code() == "RowLimit") throw ApiError(422, "row_limit", e.what());
    if (e.phase() == query::ErrorPhase::Compile)
      throw ApiError(400, e.category() + "." + e.code(), e.what());
    throw ApiError(422, e.category() + "." + e.code(), e.what());
  }
}

std::string GraphService::result_json(const query::QueryResult& result,
                                      const query::QueryOptions& opts,
                                      std::chrono::steady_clock::time_point started) const {
  const double total =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  const ValueMap timing = {{"total_ms", Value(total)},
                           {"time_limit_s", Value(opts.time_limit_seconds)},
                           {"max_rows", Value(static_cast<int64_t>(opts.max_rows))}};
  std::ostringstream out;
  query::write_result_json(out, store_, result, {{"timing", Value(timing)}});
  return out.str();
}

std::string GraphService::run_write_query(const std::string& text, const ValueMap& params,
                                          query::QueryOptions opts,
                                          std::chrono::steady_clock::time_point started) {
  // The run's clock and seed go into the record, so a replay makes the same values.
  const workspace::CypherRecord record{
      text,
      params,
      opts.author,
      opts.reason,
      (uint64_t{std::random_device{}()} << 32 | std::random_device{}()) | 1,
      std::chrono::duration_cast<std::chrono::milliseconds>(
          std::chrono::system_clock::now().time_since_epoch())
          .count()};
  std::string json;
  {
    std::lock_guard<std::mutex> one_writer(writer_);
    auto lock = write_lock();
    query::QueryResult result;
    try {
      result = workspace_->run_write(record, opts);
    } catch (const StorageError& e) {  // the journal append failed: the query was rolled back
      throw ApiError(500, "storage", e.what());
    }
    if (result.stats.contains_updates()) names_->update();
    publish_health();
    json = result_json(result, opts, started);
  }
  fold_if_large();
  return json;
}

namespace {
// Checks, explanations and exports keep the query time limit (docs/http.md).
Limits work_limits(double seconds) {
  return Limits{seconds, kDefaultWorkMemoryBytes};
}
[[noreturn]] void limit_reply(const LimitExceeded& e) {
  if (e.code() == "TimeLimit") throw ApiError(408, "time_limit", e.what());
  throw ApiError(422, "too_large", e.what());
}
}  // namespace

std::shared_ptr<const workspace::Workspace::EvaluatedState> GraphService::rule_state() {
  try {
    return workspace_->evaluated(rule_files_, work_limits(options_.query_time_limit_seconds));
  } catch (const LimitExceeded& e) {
    limit_reply(e);
  }
}

Reply GraphService::check(const Params& params) {
  rules::ReportPage page;
  page.severity = param(params, "severity");
  page.check = param(params, "check");
  page.offset = count_param(params, "offset", 0, SIZE_MAX);
  page.limit = count_param(params, "limit", 100, 10000);
  if (!page.severity.empty() && page.severity != "error" && page.severity != "warning" &&
      page.severity != "info")
    throw ApiError(400, "bad_parameter", "severity is error, warning or info");
  const EdgeFilter filter = edge_filter(params);
  auto lock = read_lock();
  if (!filter.active()) {
    const auto state = rule_state();
    return {
        200, "application/json", rules::check_report_json(store_, state->report, false, page), {}};
  }
  // A view's checks are evaluated for this request: the cache holds the whole graph's.
  const std::unique_ptr<EdgeView> view = edge_view(filter);
  const ScopedEdgeView scoped_view(view.get());
  const Limits limits = work_limits(options_.query_time_limit_seconds);
  try {
    const rules::EvaluatedRules evaluated(store_, workspace_->schema(), rule_files_, limits);
    const rules::CheckReport report =
        rules::run_checks(evaluated, workspace_->schema(), true, limits);
    return {200, "application/json", rules::check_report_json(store_, report, false, page), {}};
  } catch (const LimitExceeded& e) {
    limit_reply(e);
  }
}

Reply GraphService::explain(const Params& params) {
  const std::string edge = param(params, "edge"), fact = param(params, "fact");
  if (edge.empty() == fact.empty())
    throw ApiError(400, "bad_parameter", "give exactly one of 'edge' and 'fact'");
  auto lock = read_lock();
  try {
    const Limits limits = work_limits(options_.query_time_limit_seconds);
    const rules::Explanation x =
        edge.empty() ? rules::explain_fact(rule_state()->rules->evaluation(), fact, limits)
                     : rules::explain_edge(store_, rules::find_edge_by_text(store_, edge), limits);
    return {200, "application/json", rules::explanation_json(store_, x, false), {}};
  } catch (const LimitExceeded& e) {
    limit_reply(e);
  } catch (const rules::FactSyntaxError& e) {
    throw ApiError(400, "bad_parameter", e.what());
  } catch (const rules::RuleError&) {
    throw;  // the rule files changed on disk and are wrong now: a server error
  } catch (const InputError& e) {
    throw ApiError(404, "not_found", e.what());
  }
}

Reply GraphService::export_graph(const Params& params) {
  const std::string format = param(params, "format", "json");
  if (std::find(kExportFormats.begin(), kExportFormats.end(), format) == kExportFormats.end())
    throw ApiError(400, "bad_parameter", "unknown format '" + format + "'");
  viz::SelectionSpec spec;
  spec.focus = param(params, "focus");
  spec.depth = count_param(params, "depth", 2, 10);
  spec.max_nodes = count_param(params, "max_nodes", 0, 10'000'000);
  spec.kinds = list_param(params, "kinds");
  spec.types = list_param(params, "types");
  const std::string layout = param(params, "layout", "dot");
  const std::string cluster = param(params, "cluster", "none");
  if (cluster != "none" && cluster != "documents")
    throw ApiError(400, "bad_parameter", "'cluster' is documents or none");
  TempDir tmp;
  const std::string file = tmp.path() + "/out";
  Reply reply;
  reply.content_type = content_type_of(format);
  const EdgeFilter filter = edge_filter(params);
  const WorkLimits work(work_limits(options_.query_time_limit_seconds), "the export");
  LimitedProgress limited(work, nullptr);
  // A failure names the private folder's files: the client sees no server path.
  try {
    {
      auto lock = read_lock();
      const std::unique_ptr<EdgeView> view = edge_view(filter);
      const ScopedEdgeView scoped_view(view.get());
      viz::Selection selection = [&] {
        try {
          return viz::select(store_, spec);
        } catch (const InputError& e) {
          throw ApiError(spec.focus.empty() ? 422 : 404,
                         spec.focus.empty() ? "bad_selection" : "not_found", e.what());
        }
      }();
      for (const auto& note : selection.notes())
        reply.headers.push_back({"X-Normgraph-Note", note});
      try {
        if (format == "json") {
          viz::write_graph_json_file(store_, file, &limited, &selection);
        } else if (format == "csv") {
          viz::write_csv_graph(store_, file, &limited, &selection);
        } else if (format == "dot" || format == "svg") {
          viz::DotOptions o;
          o.layout = layout;
          o.limits = work.limits();
          o.cluster_documents = cluster == "documents";
          if (format == "dot") {
            viz::write_dot_file(store_, selection, *styles_, o, file);
          } else {
            if (selection.node_count() > kSvgNodeLimit)
              throw ApiError(422, "too_large",
                             "an SVG of " + std::to_string(selection.node_count()) +
                                 " nodes is too large to lay out (limit " +
                                 std::to_string(kSvgNodeLimit) +
                                 "); give focus and depth, kinds, types or max_nodes");
            std::lock_guard<std::mutex> g(graphviz_);
            viz::write_svg_file(store_, selection, *styles_, o, file);
          }
        } else if (format == "graphml") {
          viz::write_graphml_file(store_, selection, file);
        } else if (format == "nt" || format == "ttl") {
          viz::write_rdf_file(store_, selection,
                              format == "nt" ? viz::RdfSyntax::NTriples : viz::RdfSyntax::Turtle,
                              file);
        } else if (format == "neo4j-csv") {
          viz::write_neo4j_csv(store_, selection, file);
        } else if (format == "kuzu") {
          viz::write_kuzu_csv(store_, selection, file);
        } else if (format == "cytoscape") {
          viz::write_cytoscape_file(store_, selection, *styles_, file);
        } else {
          viz::MatrixSpec m;
          if (auto rows = list_param(params, "rows"); !rows.empty()) m.rows = rows;
          if (auto cols = list_param(params, "columns"); !cols.empty()) m.columns = cols;
          viz::StanceMatrix matrix = viz::build_stance_matrix(store_, selection, m);
          if (format == "matrix")
            viz::write_matrix_csv(matrix, file);
          else
            viz::write_matrix_svg(matrix, *styles_, file);
        }
      } catch (const LimitExceeded& e) {
        limit_reply(e);
      } catch (const InputError& e) {
        throw ApiError(422, "bad_export", e.what());
      }
    }
    if (std::filesystem::is_directory(file)) {
      reply.body = tar_folder(file, "normgraph-" + format);
      reply.headers.push_back(
          {"Content-Disposition", "attachment; filename=\"normgraph-" + format + ".tar\""});
    } else {
      reply.body = read_file(file);
    }
  } catch (const ApiError& e) {
    throw ApiError(e.status(), e.code(), hide_path(e.message(), tmp.path()));
  } catch (const InputError& e) {
    throw ApiError(422, "bad_export", hide_path(e.what(), tmp.path()));
  } catch (const StorageError& e) {
    throw ApiError(500, "storage", hide_path(e.what(), tmp.path()));
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {
    throw ApiError(500, "internal", hide_path(e.what(), tmp.path()));
  }
  return reply;
}

// ------------------------------------------------------------------ positions

namespace {
std::string positions_format(const Params& params) {
  const std::string format = param(params, "format", "json");
  if (!viz::is_positions_format(format))
    throw ApiError(400, "bad_parameter", "'format' is json, text, csv or svg");
  return format;
}

const char* positions_content_type(const std::string& format) {
  if (format == "json") return "application/json";
  if (format == "csv") return "text/csv; charset=utf-8";
  if (format == "svg") return "image/svg+xml";
  return "text/plain; charset=utf-8";
}
}  // namespace

Reply GraphService::compare(const Params& params) {
  const std::string format = positions_format(params);
  const std::string a = param(params, "a"), b = param(params, "b");
  if (a.empty() || b.empty()) throw ApiError(400, "bad_parameter", "'a' and 'b' are required");
  const EdgeFilter filter = edge_filter(params);
  auto lock = read_lock();
  const std::unique_ptr<EdgeView> view = edge_view(filter);
  const ScopedEdgeView scoped_view(view.get());
  const viz::Comparison c = viz::compare_actors(store_, resolve_node(a), resolve_node(b),
                                                viz::window_of(filter, source_kinds_));
  return {200, positions_content_type(format), viz::format_comparison(c, format), {}};
}

Reply GraphService::timeline(const Params& params) {
  const std::string format = positions_format(params);
  const std::string actor = param(params, "actor"), concept_text = param(params, "concept");
  if (actor.empty()) throw ApiError(400, "bad_parameter", "'actor' is required");
  const EdgeFilter filter = edge_filter(params);
  auto lock = read_lock();
  const std::unique_ptr<EdgeView> view = edge_view(filter);
  const ScopedEdgeView scoped_view(view.get());
  const NodeId concept_node = concept_text.empty() ? kNoNode : resolve_node(concept_text);
  const viz::Timeline t = viz::actor_timeline(store_, resolve_node(actor), concept_node,
                                              viz::window_of(filter, source_kinds_));
  return {200, positions_content_type(format), viz::format_timeline(t, format), {}};
}

Reply GraphService::alignment(const Params& params) {
  const std::string format = positions_format(params);
  const EdgeFilter filter = edge_filter(params);
  auto lock = read_lock();
  const std::unique_ptr<EdgeView> view = edge_view(filter);
  const ScopedEdgeView scoped_view(view.get());
  std::vector<NodeId> actors;
  auto [first, last] = params.equal_range("actor");
  for (auto it = first; it != last; ++it) actors.push_back(resolve_node(it->second));
  const viz::Alignment a = viz::align_actors(store_, actors, viz::window_of(filter, source_kinds_));
  return {200, positions_content_type(format), viz::format_alignment(a, format), {}};
}

// ------------------------------------------------------------------ writes

Reply GraphService::post_document(const std::string& body) {
  rapidjson::Document doc = parse_json_body(body);
  auto get_string = [&](const char* name, bool required) -> std::string {
    if (!doc.HasMember(name)) {
      if (required) throw ApiError(400, "bad_request", std::string("'") + name + "' is required");
      return "";
    }
    if (!doc[name].IsString())
      throw ApiError(400, "bad_request", std::string("'") + name + "' must be a string");
    return std::string(doc[name].GetString(), doc[name].GetStringLength());
  };
  const std::string name = get_string("name", true);
  std::string text = get_string("text", true);
  std::string kind = get_string("kind", false);
  if (kind.empty()) kind = "statement";
  if (kind != "statement" && kind != "norm-text")
    throw ApiError(422, "bad_document", "'kind' is statement or norm-text");
  if (!valid_name(name))
    throw ApiError(422, "bad_document",
                   "'name' is 1 to 128 letters, digits, '_', '-' or '.', starting with a letter or "
                   "digit (it names the document: doc:<name>)");
  if (text.find_first_not_of(" \t\r\n") == std::string::npos)
    throw ApiError(422, "bad_document", "'text' is empty");
  auto header = loaders::text::parse_header(text);
  std::vector<std::pair<std::string, std::string>> meta;
  if (doc.HasMember("metadata")) {
    if (!doc["metadata"].IsObject())
      throw ApiError(400, "bad_request", "'metadata' must be an object");
    const rapidjson::Value& metadata = doc["metadata"];
    for (const auto& m : metadata.GetObject()) {
      std::string k = m.name.GetString(), v;
      if (m.value.IsString())
        v = m.value.GetString();
      else if (m.value.IsInt64())
        v = std::to_string(m.value.GetInt64());
      else
        throw ApiError(422, "bad_document", "metadata '" + k + "' must be a string or an integer");
      bool key_ok = !k.empty() && k.size() <= 32 && std::islower(static_cast<unsigned char>(k[0]));
      for (char c : k)
        key_ok = key_ok && (std::islower(static_cast<unsigned char>(c)) ||
                            std::isdigit(static_cast<unsigned char>(c)) || c == '_' || c == '-');
      if (!key_ok)
        throw ApiError(422, "bad_document", "metadata key '" + k + "' is not a lower-case word");
      if (v.find_first_of("\r\n") != std::string::npos || v.size() > 1000)
        throw ApiError(422, "bad_document", "metadata '" + k + "' must be one line");
      meta.push_back({k, v});
    }
  }
  if (!meta.empty() && !header.fields.empty())
    throw ApiError(
        422, "bad_document",
        "the text has its own metadata header; give metadata there or in 'metadata', not both");
  if (kind == "norm-text") {
    bool has_kind = false;
    for (const auto& [k, v] : meta.empty() ? header.fields : meta)
      if (k == "kind") {
        if (v != "norm-text")
          throw ApiError(422, "bad_document", "a norm text's kind is norm-text");
        has_kind = true;
      }
    if (!has_kind && !header.fields.empty())
      throw ApiError(422, "bad_document", "a norm text's header needs 'kind: norm-text'");
    if (!has_kind) meta.push_back({"kind", "norm-text"});
  }
  if (!meta.empty()) {
    std::string head;
    for (const auto& [k, v] : meta) head += k + ": " + v + "\n";
    text = head + "---\n" + text;
  }
  const std::string file_name = name + ".txt";
  // Extract before taking any lock: a statement's extraction touches no graph.
  std::optional<workspace::PreparedDocument> prepared;
  try {
    prepared = workspace_->prepare({kind, name, text});
  } catch (const InputError& e) {
    throw ApiError(422, "bad_document", e.what());
  }
  std::unique_lock<std::mutex> one_writer(writer_);
  // Durable first: once the record is fsynced the document survives a crash; then readers
  // see it all at once, under the exclusive lock.
  try {
    workspace_->journal(*prepared);
  } catch (const StorageError& e) {
    throw ApiError(500, "storage", e.what());
  }
  rapidjson::StringBuffer buf;
  Writer w(buf);
  {
    auto lock = write_lock();
    const size_t nodes_before = store_.node_slots(), edges_before = store_.edge_slots();
    loaders::LoadCounts counts;
    try {
      counts = workspace_->apply(std::move(*prepared));
    } catch (const InputError& e) {
      throw ApiError(422, "bad_document", e.what());
    }
    names_->update();
    w.StartObject();
    std::vector<NodeId> docs;
    for (NodeId n = static_cast<NodeId>(nodes_before); n < store_.node_slots(); ++n)
      if (store_.node_live(n) && store_.node_kind(n) == "Document") docs.push_back(n);
    if (docs.empty())  // posted again: the document node was already there
      store_.for_each_node_with_label("Document", [&](NodeId n) {
        if (const Value* src = find_entry(store_.node_props(n), "source");
            src && src->type() == Value::Type::String && src->as_string() == file_name)
          docs.push_back(n);
        return true;
      });
    write_key(w, "document");
    if (docs.empty())
      w.Null();
    else
      write_string(w, store_.node_id(docs[0]));
    write_key(w, "kind");
    write_string(w, kind);
    write_key(w, "nodes_read");
    w.Uint64(counts.nodes);
    write_key(w, "edges_read");
    w.Uint64(counts.edges);
    write_key(w, "new_nodes");
    w.StartArray();
    for (NodeId n = static_cast<NodeId>(nodes_before); n < store_.node_slots(); ++n) {
      if (!store_.node_live(n)) continue;
      w.StartObject();
      node_summary(w, store_, n);
      w.EndObject();
    }
    w.EndArray();
    write_key(w, "new_edges");
    w.StartArray();
    for (EdgeId e = static_cast<EdgeId>(edges_before); e < store_.edge_slots(); ++e)
      if (store_.edge_live(e)) edge_json(w, store_, e, false);
    w.EndArray();
    write_key(w, "journaled");
    w.Bool(true);
    w.EndObject();
    publish_health();
  }
  one_writer.unlock();
  fold_if_large();
  return {201, "application/json", buf.GetString(), {}};
}

void GraphService::fold_if_large() {
  if (workspace_->journal_bytes() <= options_.journal_fold_bytes) return;
  try {
    std::lock_guard<std::mutex> one_writer(writer_);
    auto lock = write_lock();
    fold_locked();
  } catch (const std::exception& e) {
    // The write is journaled; the snapshot waits for the next try.
    if (options_.log) std::fprintf(options_.log, "normgraph serve: fold failed: %s\n", e.what());
  }
}

void GraphService::fold_locked() {
  if (workspace_->journal_records() == 0) return;
  workspace_->save();
  names_->rebuild();  // saving compacts the store, which renumbers nodes
  publish_health();
}

void GraphService::fold_journal() {
  std::lock_guard<std::mutex> one_writer(writer_);
  auto lock = write_lock();
  fold_locked();
}

}  // namespace normgraph::server
