// The pipeline builder: turns each part of a bound query into a chain of operators
// (operators/), planning each MATCH and MERGE pattern, and runs it.
#include "pipeline.hpp"

#include <functional>
#include <memory>

#include "distinct_set.hpp"
#include "eval.hpp"
#include "matcher.hpp"
#include "operators/operator.hpp"

namespace normgraph::query {

namespace {

int64_t constant_count(const Expr& e, ExecContext& ctx, const char* what) {
  Row empty;
  Value v = evaluate(e, empty, ctx);
  const ErrorPhase phase = e.kind == ExprKind::Literal ? ErrorPhase::Compile : ErrorPhase::Runtime;
  if (v.type() != Value::Type::Int)
    throw QueryError("SyntaxError", "InvalidArgumentType", phase,
                     std::string(what) + " takes a non-negative integer", e.pos.line, e.pos.column);
  if (v.as_int() < 0)
    throw QueryError("SyntaxError", "NegativeIntegerArgument", phase,
                     std::string(what) + " takes a non-negative integer", e.pos.line, e.pos.column);
  return v.as_int();
}

bool insensitive_to_duplicates(const Projection& p, const BoundProjection& bp) {
  if (p.distinct) return true;
  if (!bp.aggregating) return false;
  for (const auto& a : bp.aggregates)
    if (!(a.call->distinct || a.name == "min" || a.name == "max")) return false;
  return true;
}

class PipelineBuilder {
 public:
  PipelineBuilder(const BoundQuery& q, size_t part_index, ExecContext& ctx, QueryResult& result)
      : q_(q),
        part_index_(part_index),
        part_(q.ast.parts[part_index]),
        bound_part_(q.parts[part_index]),
        ctx_(ctx),
        result_(result) {}

  void run() {
    Operator* head = build();
    Row row(q_.slot_count);
    head->push(row);
    head->finish();
    for (SegmentEnd* end : segment_ends_) end->drain();
  }

  std::string explain() {
    std::string out;
    size_t projection = 0;
    for (size_t i = 0; i < part_.clauses.size(); ++i) {
      const Clause& c = part_.clauses[i];
      if (c.kind == ClauseKind::Match) {
        out += c.optional ? "OPTIONAL MATCH\n" : "MATCH\n";
        std::string steps = describe(*plan_match(c, i, projection));
        for (size_t at = 0; at < steps.size();) {
          size_t nl = steps.find('\n', at);
          out += "  " + steps.substr(at, nl - at + 1);
          at = nl + 1;
        }
      } else {
        out += clause_name(c.kind) + "\n";
      }
      track_bound(c, projection);
    }
    return out;
  }

 private:
  static std::string clause_name(ClauseKind k) {
    switch (k) {
      case ClauseKind::Match:
        return "MATCH";
      case ClauseKind::Unwind:
        return "UNWIND";
      case ClauseKind::With:
        return "WITH";
      case ClauseKind::Return:
        return "RETURN";
      case ClauseKind::Create:
        return "CREATE";
      case ClauseKind::Merge:
        return "MERGE";
      case ClauseKind::Set:
        return "SET";
      case ClauseKind::Remove:
        return "REMOVE";
      case ClauseKind::Delete:
        return "DELETE";
    }
    return "?";
  }

  void add(std::unique_ptr<Operator> op) {
    if (++in_segment_ > kSegmentLength) {
      auto end = make_segment_end(ctx_);
      segment_ends_.push_back(end.get());
      in_segment_ = 1;
      link(std::move(end));
    }
    link(std::move(op));
    tail_is_eager_ = false;
  }

  void link(std::unique_ptr<Operator> op) {
    ops_.push_back(std::move(op));
    Operator* added = ops_.back().get();
    if (tail_)
      tail_->next = added;
    else
      head_ = added;
    tail_ = added;
  }

  // The plan of clause `index`, kept with the bound query; made (again) when there is none or
  // the store's counts it rests on have moved (plan_is_current). What else a plan depends on
  // (the slots bound before the clause, whether the next projection ignores duplicates) follows
  // from the query alone, so it is the same at every run.
  std::shared_ptr<const PatternPlan> kept_plan(
      size_t index, const std::function<std::shared_ptr<const PatternPlan>()>& make) {
    if (q_.plans.size() < q_.parts.size()) q_.plans.resize(q_.parts.size());
    auto& plans = q_.plans[part_index_];
    if (plans.size() < part_.clauses.size()) plans.resize(part_.clauses.size());
    auto& kept = plans[index];
    if (!kept || !plan_is_current(*kept, ctx_.store)) {
      kept = make();
      ++ctx_.stats.plans_made;
    }
    return kept;
  }

  std::shared_ptr<const PatternPlan> plan_match(const Clause& c, size_t index, size_t projection) {
    return kept_plan(index, [&] {
      MatchOptions options;
      options.limits = &ctx_.limits;
      if (!c.optional)
        options.distinct_ends = next_projection_ignores_duplicates(index, projection);
      std::vector<const PatternPart*> parts;
      for (const auto& p : c.pattern) parts.push_back(&p);
      return plan_pattern(parts, c.where.get(), bound_, ctx_.store, options);
    });
  }

  bool next_projection_ignores_duplicates(size_t index, size_t projection) const {
    for (size_t k = index + 1; k < part_.clauses.size(); ++k) {
      const Clause& c = part_.clauses[k];
      if (c.kind == ClauseKind::Match || c.kind == ClauseKind::Unwind) continue;
      if (c.kind == ClauseKind::With || c.kind == ClauseKind::Return)
        return insensitive_to_duplicates(c.projection, bound_part_.projections[projection]);
      return false;
    }
    return false;
  }

  void track_bound(const Clause& c, size_t& projection) {
    switch (c.kind) {
      case ClauseKind::Match:
      case ClauseKind::Merge:
      case ClauseKind::Create: {
        std::vector<const PatternPart*> parts;
        for (const auto& p : c.pattern) parts.push_back(&p);
        for (int s : pattern_slots(parts)) bound_.insert(s);
        break;
      }
      case ClauseKind::Unwind:
        bound_.insert(c.slot);
        break;
      case ClauseKind::With:
      case ClauseKind::Return: {
        std::set<int> next;
        if (c.projection.star) next = bound_;
        for (const auto& item : c.projection.items) next.insert(item.slot);
        bound_ = std::move(next);
        ++projection;
        break;
      }
      default:
        break;
    }
  }

  // One fence between two write clauses, not two.
  void eager() {
    if (tail_is_eager_) return;
    add(make_eager(ctx_));
    tail_is_eager_ = true;
  }

  Operator* build() {
    size_t projection = 0;
    for (size_t i = 0; i < part_.clauses.size(); ++i) {
      const Clause& c = part_.clauses[i];
      switch (c.kind) {
        case ClauseKind::Match: {
          auto plan = plan_match(c, i, projection);
          if (c.optional) {
            std::vector<int> fresh;
            std::vector<const PatternPart*> parts;
            for (const auto& p : c.pattern) parts.push_back(&p);
            for (int s : pattern_slots(parts))
              if (!bound_.count(s)) fresh.push_back(s);
            add(make_optional_match(plan, fresh, ctx_));
          } else {
            add(make_match(plan, ctx_));
          }
          break;
        }
        case ClauseKind::Unwind:
          add(make_unwind(*c.expr, c.slot, ctx_));
          break;
        case ClauseKind::With:
        case ClauseKind::Return:
          add_projection(c, bound_part_.projections[projection]);
          break;
        case ClauseKind::Create:
          eager();
          add(make_create(c, bound_, ctx_));
          eager();
          break;
        case ClauseKind::Set:
        case ClauseKind::Remove:
          eager();
          add(make_set(c, ctx_));
          eager();
          break;
        case ClauseKind::Delete:
          eager();
          add(make_delete(c, ctx_));
          eager();
          break;
        case ClauseKind::Merge: {
          eager();
          auto plan = kept_plan(i, [&] {
            MatchOptions options;
            options.limits = &ctx_.limits;
            return plan_pattern({&c.pattern[0]}, nullptr, bound_, ctx_.store, options);
          });
          add(make_merge(c, plan, bound_, ctx_));
          eager();
          break;
        }
      }
      track_bound(c, projection);
    }
    if (bound_part_.has_return)
      add(make_sink(bound_part_.column_slots, result_, ctx_));
    else
      add(make_discard());
    return head_;
  }

  void add_projection(const Clause& c, const BoundProjection& bp) {
    const Projection& p = c.projection;
    if (bp.aggregating)
      add(make_aggregate(p, bp, q_.slot_count, ctx_));
    else
      add(make_project(p, ctx_));
    if (p.distinct) {
      std::vector<int> slots;
      for (const auto& item : p.items) slots.push_back(item.slot);
      if (p.star)
        for (int s : bound_) slots.push_back(s);
      add(make_distinct(slots, ctx_));
    }
    if (!p.order_by.empty()) add(make_sort(p, ctx_));
    int64_t skip = p.skip ? constant_count(*p.skip, ctx_, "SKIP") : 0;
    int64_t limit = p.limit ? constant_count(*p.limit, ctx_, "LIMIT") : -1;
    if (p.skip || p.limit) add(make_skip_limit(skip, limit));
    if (p.where) add(make_filter(*p.where, ctx_));
  }

  const BoundQuery& q_;
  size_t part_index_;
  const SingleQuery& part_;
  const BoundQueryPart& bound_part_;
  ExecContext& ctx_;
  QueryResult& result_;
  std::set<int> bound_;
  std::vector<std::unique_ptr<Operator>> ops_;
  Operator* head_ = nullptr;
  Operator* tail_ = nullptr;
  bool tail_is_eager_ = false;
  // Operators per segment: deep enough that a common query is one segment, shallow enough
  // that a segment's frames fit any thread's stack, sanitizers' larger frames included.
  static constexpr size_t kSegmentLength = 256;
  size_t in_segment_ = 0;
  std::vector<SegmentEnd*> segment_ends_;
};

}  // namespace

void execute(const BoundQuery& query, ExecContext& ctx, QueryResult& result) {
  result.columns = query.parts[0].columns;
  if (query.parts.size() == 1) {
    PipelineBuilder(query, 0, ctx, result).run();
  } else {
    for (size_t i = 0; i < query.parts.size(); ++i) PipelineBuilder(query, i, ctx, result).run();
    if (!query.ast.union_all.empty() && !query.ast.union_all[0]) {
      DistinctSet seen;
      std::vector<std::vector<Value>> kept;
      for (auto& row : result.rows)
        if (seen.insert(row)) kept.push_back(std::move(row));
      result.rows = std::move(kept);
    }
  }
  const auto& last = query.ast.parts.back().clauses.back();
  result.ordered = last.kind == ClauseKind::Return && !last.projection.order_by.empty();
}

std::string explain(const BoundQuery& query, const GraphStore& store) {
  std::string out;
  ValueMap params;
  QueryOptions options;
  ExecContext ctx(const_cast<GraphStore&>(store), params, options);
  QueryResult result;
  for (size_t i = 0; i < query.parts.size(); ++i) {
    if (i) out += "UNION\n";
    out += PipelineBuilder(query, i, ctx, result).explain();
  }
  return out;
}

}  // namespace normgraph::query
