#pragma once
// The API behind the HTTP layer: the workspace (graph and journal, workspace/), the lock
// readers and writers share, and one method per endpoint.
// Methods return the answer's status, content type and body, or throw ApiError; nothing here
// knows about sockets (http.cpp does).
#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "normgraph/engine/data_dir.hpp"
#include "normgraph/engine/edge_view.hpp"
#include "normgraph/engine/graph_store.hpp"
#include "normgraph/query/query.hpp"
#include "normgraph/rules/report.hpp"
#include "normgraph/server/server.hpp"
#include "normgraph/workspace/name_index.hpp"
#include "normgraph/workspace/workspace.hpp"

namespace normgraph::ontology {
class Schema;
}
namespace normgraph::viz {
class Styles;
}
namespace normgraph::search {
class SentenceIndex;
}

namespace normgraph::server {

struct Reply {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

// An answer other than success: the HTTP status and a stable error code for the JSON body
// {"error": {"code", "message"}}.
class ApiError : public std::runtime_error {
 public:
  ApiError(int status, std::string code, const std::string& message)
      : std::runtime_error(message), status_(status), code_(std::move(code)), message_(message) {}
  int status() const { return status_; }
  const std::string& code() const { return code_; }
  // The whole message: what() stops at a NUL, which a decoded request path may hold.
  const std::string& message() const { return message_; }

 private:
  int status_;
  std::string code_;
  std::string message_;
};

std::string error_body(const std::string& code, const std::string& message);
bool valid_utf8(std::string_view s);

using Params = std::multimap<std::string, std::string>;

class GraphService {
 public:
  explicit GraphService(const ServerOptions& options);
  ~GraphService();

  Reply health();
  Reply stats();
  Reply search_nodes(const Params& params);
  Reply node(const std::string& id);
  Reply neighbors(const std::string& id, const Params& params);
  Reply paths(const Params& params);
  // A writing query runs only after authorize() (which throws ApiError 401 without the token).
  Reply query(const std::string& body, const std::function<void()>& authorize);
  Reply check(const Params& params);
  Reply explain(const Params& params);
  Reply export_graph(const Params& params);
  Reply compare(const Params& params);
  Reply timeline(const Params& params);
  Reply alignment(const Params& params);
  Reply post_document(const std::string& body);
  Reply sentences(const Params& params);  // full-text search over all sentences

  // Saves a snapshot with everything journaled and empties the journal.
  void fold_journal();
  const std::string& data_path() const { return dir_.path(); }

 private:
  // Readers go through a gate a waiting writer holds, so a stream of readers cannot starve it.
  std::shared_lock<std::shared_mutex> read_lock();
  std::unique_lock<std::shared_mutex> write_lock();
  NodeId resolve_node(const std::string& id_or_name) const;  // ApiError 404
  // The as-of view the parameters as_of, since, until, sources and exclude_sources ask for
  // (null: none); ApiError 400 for a bad one. Under the read lock.
  EdgeFilter edge_filter(const Params& params) const;
  std::unique_ptr<EdgeView> edge_view(const EdgeFilter& filter) const;
  void fold_locked();
  struct Applied {
    size_t nodes_before, edges_before;
    std::string error;
  };
  // Runs a write query under the writer lock, journaled before it is final; the result JSON.
  std::string run_write_query(const std::string& text, const ValueMap& params,
                              query::QueryOptions opts,
                              std::chrono::steady_clock::time_point started);
  // The result's JSON object with "timing" (total_ms since `started`) as its last member.
  std::string result_json(const query::QueryResult& result, const query::QueryOptions& opts,
                          std::chrono::steady_clock::time_point started) const;
  void fold_if_large();   // folds the journal into the snapshot when it passed its limit
  void publish_health();  // after a change, under writer_: the counts /api/health reads

  ServerOptions options_;
  SourceKinds source_kinds_;             // ontology/evidence-sources.tsv
  std::vector<std::string> rule_files_;  // the default rules and the options'
  DataDir dir_;
  std::unique_ptr<workspace::Workspace> workspace_;
  GraphStore& store_;  // the workspace's
  std::unique_ptr<viz::Styles> styles_;

  mutable std::shared_mutex rw_;
  std::mutex gate_;
  std::mutex writer_;    // one writer at a time: journal order is commit order
  std::mutex graphviz_;  // the Graphviz library is not thread-safe
  std::unique_ptr<workspace::NameIndex> names_;  // the search box's index; locks as the graph
  // What /api/health answers, read without a lock: health answers while a long check, export
  // or query holds the read lock and a writer waits for it.
  std::atomic<uint64_t> health_nodes_{0}, health_edges_{0}, health_journal_records_{0};
  std::mutex stats_mutex_;
  uint64_t stats_generation_ = UINT64_MAX;
  std::string stats_cache_;
  // The workspace's rules and check report of the current version (the first /api/check or
  // /api/explain?fact= after a change evaluates them), under the read lock; limits as replies.
  std::shared_ptr<const workspace::Workspace::EvaluatedState> rule_state();
  // The sentence index (search/), synced with the graph by the first search after a change.
  std::mutex sentences_mutex_;
  std::unique_ptr<search::SentenceIndex> sentences_;
  uint64_t sentences_generation_ = UINT64_MAX;
  uint64_t id_;  // tells this service's per-thread query engines from another's
  std::chrono::steady_clock::time_point started_;
};

}  // namespace normgraph::server
