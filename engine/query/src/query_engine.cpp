#include <algorithm>
#include <list>
#include <unordered_map>

#include "binder.hpp"
#include "normgraph/query/query.hpp"
#include "parser.hpp"
#include "pipeline.hpp"

namespace normgraph::query {

QueryLimits::QueryLimits(double time_limit_seconds, uint64_t max_memory_bytes)
    : time_limit_seconds_(time_limit_seconds), max_memory_bytes_(max_memory_bytes) {
  if (time_limit_seconds > 0) {
    has_deadline_ = true;
    deadline_ = std::chrono::steady_clock::now() +
                std::chrono::microseconds(static_cast<int64_t>(time_limit_seconds * 1e6));
  }
}

QueryLimits QueryLimits::at_most(double seconds, uint64_t bytes) const {
  QueryLimits out(seconds, bytes);
  if (has_deadline_ && deadline_ < out.deadline_) {
    out.deadline_ = deadline_;
    out.time_limit_seconds_ = time_limit_seconds_;
  }
  if (max_memory_bytes_ && max_memory_bytes_ - std::min(used_, max_memory_bytes_) < bytes)
    out.max_memory_bytes_ = max_memory_bytes_ - std::min(used_, max_memory_bytes_) + 1;
  return out;
}

void QueryLimits::check_deadline() const {
  if (has_deadline_ && std::chrono::steady_clock::now() > deadline_)
    throw QueryError("LimitExceeded", "TimeLimit", ErrorPhase::Runtime,
                     "the query ran longer than its time limit of " +
                         std::to_string(time_limit_seconds_) +
                         " s (raise it with --timeout, or narrow the query)");
}

void QueryLimits::memory_exceeded() const {
  throw QueryError(
      "LimitExceeded", "MemoryLimit", ErrorPhase::Runtime,
      "the query built more than its memory limit of " +
          (max_memory_bytes_ % (1 << 20) ? std::to_string(max_memory_bytes_) + " bytes"
                                         : std::to_string(max_memory_bytes_ >> 20) + " MiB") +
          " of lists, strings and maps (raise it with --max-memory, or narrow "
          "the query)");
}

// Bound queries by text, least recently used first out; each keeps its plans (BoundQuery::plans).
class BoundQueryCache {
 public:
  std::shared_ptr<const BoundQuery> find(std::string_view text) {
    auto it = index_.find(std::string(text));
    if (it == index_.end()) return nullptr;
    order_.splice(order_.begin(), order_, it->second);
    return it->second->second;
  }
  void insert(std::string text, std::shared_ptr<const BoundQuery> q) {
    order_.emplace_front(text, std::move(q));
    index_[std::move(text)] = order_.begin();
    if (order_.size() > kCapacity) {
      index_.erase(order_.back().first);
      order_.pop_back();
    }
  }

 private:
  static constexpr size_t kCapacity = 128;
  using Entry = std::pair<std::string, std::shared_ptr<const BoundQuery>>;
  std::list<Entry> order_;
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
};

struct QueryEngine::Impl {
  GraphStore& store;
  const ontology::Schema* schema;
  BoundQueryCache cache;

  std::shared_ptr<const BoundQuery> compile(std::string_view text, QueryLimits* limits = nullptr) {
    if (auto q = cache.find(text)) return q;
    auto q = std::make_shared<BoundQuery>(bind_query(parse_query(text, limits), schema));
    check_constant_expressions(*q, store, limits);
    cache.insert(std::string(text), q);
    return q;
  }
};

QueryEngine::QueryEngine(GraphStore& store, const ontology::Schema* schema)
    : impl_(std::make_unique<Impl>(Impl{store, schema, {}})) {}
QueryEngine::~QueryEngine() = default;

namespace {
double ms_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}
}  // namespace

QueryResult QueryEngine::run(std::string_view text, const ValueMap& params,
                             const QueryOptions& options) {
  auto t0 = std::chrono::steady_clock::now();
  QueryLimits limits(options.time_limit_seconds, options.max_memory_bytes);
  auto query = impl_->compile(text, &limits);
  QueryResult result;
  result.warnings = query->warnings;
  result.stats.compile_ms = ms_since(t0);
  auto t1 = std::chrono::steady_clock::now();
  ExecContext ctx(impl_->store, params, options, &limits);
  try {
    execute(*query, ctx, result);
    if (options.before_commit && ctx.stats.contains_updates()) options.before_commit(ctx.stats);
  } catch (...) {
    ctx.undo.roll_back();
    throw;
  }
  double compile_ms = result.stats.compile_ms;
  result.stats = ctx.stats;
  result.stats.compile_ms = compile_ms;
  result.stats.execute_ms = ms_since(t1);
  return result;
}

Value parse_literal(std::string_view text) {
  std::string query = "RETURN " + std::string(text) + " AS v";
  BoundQuery q = bind_query(parse_query(query), nullptr);
  GraphStore empty;
  QueryEngine engine(empty);
  QueryResult r = engine.run(query);
  if (q.updates || r.rows.size() != 1) throw InputError("not a literal: " + std::string(text));
  return std::move(r.rows[0][0]);
}

bool query_writes(std::string_view text) {
  return bind_query(parse_query(text), nullptr).updates;
}

bool QueryEngine::writes(std::string_view text) {
  return impl_->compile(text)->updates;
}

std::string QueryEngine::explain(std::string_view text) {
  return query::explain(*impl_->compile(text), impl_->store);
}

}  // namespace normgraph::query
