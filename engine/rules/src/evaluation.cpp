// Semi-naive evaluation. Each stratum's rules are planned (join order by estimated
// selectivity, one hash index per bound-column set) and run as nested-loop index joins; a
// recursive stratum reruns its rules with one recursive atom restricted to the last round's
// new facts until nothing new appears. A large first scan is split across threads.
#include "normgraph/rules/evaluation.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <deque>
#include <exception>
#include <map>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "normgraph/core/errors.hpp"
#include "normgraph/engine/edge_view.hpp"
#include "table.hpp"

namespace normgraph::rules {

namespace detail {

// Strings and integers as TermIds; interning is locked because parallel joins may bind
// property values.
class TermTable {
 public:
  TermId intern(const Value& v) {
    std::lock_guard lock(mutex_);
    if (v.type() == Value::Type::Int) return intern_in(ints_, v.as_int(), v);
    return intern_in(strings_, v.as_string(), v);
  }
  const Value& value(TermId t) const {
    std::lock_guard lock(mutex_);
    return values_[t - Evaluation::kValueBase];
  }

 private:
  template <class Map, class Key>
  TermId intern_in(Map& map, const Key& key, const Value& v) {
    auto it = map.find(key);
    if (it != map.end()) return it->second;
    const TermId id = Evaluation::kValueBase + static_cast<TermId>(values_.size());
    values_.push_back(v);
    map.emplace(key, id);
    return id;
  }
  mutable std::mutex mutex_;
  std::deque<Value> values_;
  std::unordered_map<std::string, TermId> strings_;
  std::unordered_map<int64_t, TermId> ints_;
};

}  // namespace detail

namespace {

using detail::Index;
using detail::Table;
using Clock = std::chrono::steady_clock;
constexpr TermId kNoMatch = UINT32_MAX;   // a constant naming no node: matches nothing
constexpr size_t kParallelMin = 1 << 14;  // first-scan size from which threads pay

// A property value as a Value the term table can hold (null when absent or not scalar).
Value property_value(const GraphStore& store, NodeId n, const std::string& key) {
  if (key == "name") {
    auto name = store.node_name(n);
    return name.empty() ? Value() : Value(name);
  }
  if (key == "id") return Value(store.node_id(n));
  if (key == "kind") return Value(store.node_kind(n));
  const Value* v = find_entry(store.node_props(n), key);
  if (!v) return Value();
  switch (v->type()) {
    case Value::Type::String:
    case Value::Type::Int:
      return *v;
    case Value::Type::Bool:
      return Value(v->as_bool() ? "true" : "false");
    default:
      return Value();
  }
}

// Dates as ISO 8601 prefixes ("2015", "2015-10-26"): later at their common precision.
bool date_after(const std::string& a, const std::string& b) {
  const size_t n = std::min(a.size(), b.size());
  return a.compare(0, n, b, 0, n) > 0;
}

// One step of a join plan.
struct Step {
  const Op* op = nullptr;
  Table* table = nullptr;
  Index* index = nullptr;   // Relation with some bound column but not all
  bool delta = false;       // scan the last round's new tuples only
  bool membership = false;  // every column bound: a lookup in the unique index
  std::vector<std::pair<uint32_t, const Arg*>> key;   // (column, bound argument)
  std::vector<std::pair<uint32_t, uint32_t>> binds;   // (column, variable) set by this step
  std::vector<std::pair<uint32_t, uint32_t>> checks;  // (column, variable) repeated in the atom
  std::optional<Symbol> label;                        // Kind
  std::vector<TermId> consts;                         // per argument, for constants
};

struct Plan {
  const CompiledRule* rule = nullptr;
  uint32_t rule_index = 0;
  std::vector<Step> steps;
  std::vector<TermId> head_consts;  // per head argument, for constants
  size_t premise_count = 0;         // positive relation steps
  bool parallel_safe = true;        // no step interns values
};

struct Output {
  std::vector<TermId> tuples;
  std::vector<FactRef> premises;  // premise_count per tuple when tracking
};

}  // namespace

namespace {

class Planner {
 public:
  Planner(const CompiledProgram& p, const GraphStore& store,
          std::vector<std::unique_ptr<Table>>& tables, detail::TermTable& terms)
      : program_(p), store_(store), tables_(tables), terms_(terms) {}

  // Where a string constant stands for a node (its id), a value, or a node when one has it
  // as id and else a value (columns of rule-defined relations may hold either).
  enum class Place : uint8_t { Node, Value, Either };

  TermId constant(const Term& t, Place place) {
    if (t.kind == Term::Kind::Integer) return terms_.intern(Value(t.integer));
    if (place != Place::Value)
      if (auto n = store_.find_node(t.text)) return *n;
    return place == Place::Node ? kNoMatch : terms_.intern(Value(t.text));
  }

  Place place_of(const Op& op, size_t column) const {
    switch (op.kind) {
      case OpKind::Kind:
        return Place::Node;
      case OpKind::Property:
        return column == 0 ? Place::Node : Place::Value;
      case OpKind::DateAfter:
        return Place::Value;
      case OpKind::Compare:
        return Place::Either;
      case OpKind::Relation: {
        const RelationInfo& rel = program_.relations[op.relation];
        // evidence(Type, Source, Target, Doc, Date, Year): Type, Date and Year are values.
        if (rel.evidence) return column >= 1 && column <= 3 ? Place::Node : Place::Value;
        return rel.idb ? Place::Either : Place::Node;
      }
    }
    return Place::Either;
  }

  // delta_op: the body position read as the last round's new facts, or -1.
  Plan plan(uint32_t rule_index, int delta_op) {
    const CompiledRule& r = program_.rules[rule_index];
    Plan plan;
    plan.rule = &r;
    plan.rule_index = rule_index;
    for (const Arg& a : r.head_args)
      plan.head_consts.push_back(a.is_var ? 0 : constant(a.constant, Place::Either));
    std::vector<bool> bound(r.var_names.size(), false);
    std::vector<bool> used(r.body.size(), false);
    if (delta_op >= 0) take(plan, r, static_cast<size_t>(delta_op), bound, used, true);
    for (size_t placed = delta_op >= 0 ? 1 : 0; placed < r.body.size(); ++placed) {
      size_t best = r.body.size();
      double best_cost = 0;
      for (size_t i = 0; i < r.body.size(); ++i) {
        if (used[i]) continue;
        double c = cost(r.body[i], bound);
        if (best == r.body.size() || c < best_cost) best = i, best_cost = c;
      }
      take(plan, r, best, bound, used, false);
    }
    return plan;
  }

 private:
  static bool is_bound(const Arg& a, const std::vector<bool>& bound) {
    return !a.is_var || bound[a.var];
  }

  // The estimated number of rows an operation yields per incoming row; filters are free,
  // operations that cannot run yet (unbound inputs) are infinitely expensive.
  double cost(const Op& op, const std::vector<bool>& bound) {
    // A negated atom's wildcards need no binding: they mean "any value".
    const bool all_bound = std::all_of(op.args.begin(), op.args.end(), [&](const Arg& a) {
      return is_bound(a, bound) || (op.negated && a.wildcard);
    });
    if (op.negated || op.kind == OpKind::Compare || op.kind == OpKind::DateAfter) {
      if (all_bound) return -1;
      if (op.kind == OpKind::Compare && op.cmp == CompareOp::Eq && !op.negated &&
          (is_bound(op.args[0], bound) || is_bound(op.args[1], bound)))
        return -0.5;  // binds a variable to one value
      return 1e300;
    }
    if (all_bound) return -0.25;
    switch (op.kind) {
      case OpKind::Kind:
        return static_cast<double>(store_.label_size_estimate(op.name));
      case OpKind::Property:
        if (is_bound(op.args[0], bound)) return 0.5;
        if (op.name == "name" && is_bound(op.args[1], bound)) return 1;  // the name index
        return static_cast<double>(store_.node_count()) + 1;
      default:
        break;
    }
    Table& t = *tables_[op.relation];
    uint32_t mask = 0;
    for (uint32_t c = 0; c < op.args.size(); ++c)
      if (is_bound(op.args[c], bound)) mask |= 1u << c;
    if (t.size() == 0) return 0;
    if (mask == 0) return t.size();
    Index& ix = t.index(mask);
    return static_cast<double>(t.size()) / static_cast<double>(std::max<size_t>(1, ix.keys()));
  }

  void take(Plan& plan, const CompiledRule& r, size_t i, std::vector<bool>& bound,
            std::vector<bool>& used, bool delta) {
    used[i] = true;
    const Op& op = r.body[i];
    Step s;
    s.op = &op;
    s.delta = delta;
    for (size_t c = 0; c < op.args.size(); ++c)
      s.consts.push_back(op.args[c].is_var ? 0 : constant(op.args[c].constant, place_of(op, c)));
    std::vector<bool> seen_here(r.var_names.size(), false);
    for (uint32_t c = 0; c < op.args.size(); ++c) {
      const Arg& a = op.args[c];
      if (is_bound(a, bound)) {
        s.key.push_back({c, &a});
      } else if (seen_here[a.var]) {
        s.checks.push_back({c, a.var});
      } else {
        seen_here[a.var] = true;
        s.binds.push_back({c, a.var});
      }
    }
    if (op.kind == OpKind::Relation && !op.negated) {
      s.table = tables_[op.relation].get();
      ++plan.premise_count;
      if (s.key.size() == op.args.size() && !op.args.empty() && !delta) {
        s.membership = true;
      } else if (!s.key.empty() && !delta) {
        uint32_t mask = 0;
        for (auto& [c, a] : s.key) mask |= 1u << c;
        s.index = &s.table->index(mask);
      }
    } else if (op.kind == OpKind::Relation) {
      s.table = tables_[op.relation].get();
      if (!s.binds.empty()) {  // wildcards: "no fact with these bound columns"
        uint32_t mask = 0;
        for (auto& [c, a] : s.key) mask |= 1u << c;
        if (mask) s.index = &s.table->index(mask);
        s.binds.clear();
        s.checks.clear();
      }
    }
    if (op.kind == OpKind::Kind) s.label = store_.strings().find(op.name);
    if (op.kind == OpKind::Property && !s.binds.empty()) plan.parallel_safe = false;
    if (op.kind == OpKind::Compare && !s.binds.empty()) plan.parallel_safe = false;
    for (auto& [c, v] : s.binds) bound[v] = true;
    plan.steps.push_back(std::move(s));
  }

  const CompiledProgram& program_;
  const GraphStore& store_;
  std::vector<std::unique_ptr<Table>>& tables_;
  detail::TermTable& terms_;
};

// Runs one plan: nested loops over the steps, emitting head tuples into an Output.
class Join {
 public:
  // base_bytes: what the tables hold before this join, for the memory budget.
  Join(const Plan& plan, const GraphStore& store, detail::TermTable& terms, bool track,
       const WorkLimits& limits, size_t base_bytes, Output& out)
      : plan_(plan),
        store_(store),
        terms_(terms),
        track_(track),
        limits_(limits),
        base_bytes_(base_bytes),
        out_(out),
        vars_(plan.rule->var_names.size(), kNoMatch),
        matched_(plan.steps.size()) {}

  // Runs with the first step's scan limited to tuples [begin, end) (a delta or a chunk).
  void run(uint32_t begin, uint32_t end) {
    range_begin_ = begin;
    range_end_ = end;
    step(0);
  }

 private:
  TermId arg_value(size_t step_index, const Arg& a) const {
    if (a.is_var) return vars_[a.var];
    const Step& s = plan_.steps[step_index];
    return s.consts[static_cast<size_t>(&a - s.op->args.data())];
  }

  // Every candidate binding counts as work: now and then the limits are checked.
  void tick() {
    if (++work_ % kCheckEvery == 0)
      limits_.check(base_bytes_ + out_.tuples.capacity() * sizeof(TermId) +
                    out_.premises.capacity() * sizeof(FactRef));
  }

  void step(size_t k) {
    tick();
    if (k == plan_.steps.size()) return emit();
    const Step& s = plan_.steps[k];
    switch (s.op->kind) {
      case OpKind::Relation:
        return s.op->negated ? negation(k, s) : relation(k, s);
      case OpKind::Kind:
        return kind(k, s);
      case OpKind::Property:
        return property(k, s);
      case OpKind::Compare:
        return compare(k, s);
      case OpKind::DateAfter:
        return date(k, s);
    }
  }

  void relation(size_t k, const Step& s) {
    const Table& t = *s.table;
    if (s.membership) {
      TermId key[32];
      for (size_t i = 0; i < s.key.size(); ++i)
        key[s.key[i].first] = arg_value(k, *s.key[i].second);
      if (auto idx = t.find(key)) {
        matched_[k] = *idx;
        step(k + 1);
      }
      return;
    }
    if (s.index) {
      TermId key[32];
      for (size_t i = 0; i < s.key.size(); ++i) key[i] = arg_value(k, *s.key[i].second);
      for (uint32_t i = s.index->first(t.data, key); i != Index::kNone; i = s.index->next(i))
        visit(k, s, t.at(i), i);
      return;
    }
    uint32_t begin = 0, end = t.size();
    if (k == 0) begin = range_begin_, end = std::min(end, range_end_);
    for (uint32_t i = begin; i < end; ++i) {
      const TermId* tuple = t.at(i);
      bool ok = true;
      for (auto& [c, a] : s.key)
        if (tuple[c] != arg_value(k, *a)) ok = false;
      if (ok) visit(k, s, tuple, i);
    }
  }

  void visit(size_t k, const Step& s, const TermId* tuple, uint32_t idx) {
    for (auto& [c, v] : s.binds) vars_[v] = tuple[c];
    for (auto& [c, v] : s.checks)
      if (tuple[c] != vars_[v]) return;
    matched_[k] = idx;
    step(k + 1);
  }

  void negation(size_t k, const Step& s) {
    TermId key[32];
    if (s.key.size() < s.op->args.size()) {  // wildcards
      for (size_t i = 0; i < s.key.size(); ++i) key[i] = arg_value(k, *s.key[i].second);
      const bool none =
          s.key.empty() ? s.table->size() == 0 : s.index->first(s.table->data, key) == Index::kNone;
      if (none) step(k + 1);
      return;
    }
    for (size_t i = 0; i < s.key.size(); ++i) key[s.key[i].first] = arg_value(k, *s.key[i].second);
    if (s.key.empty()) key[0] = 0;  // a relation without columns
    if (!s.table->find(key)) step(k + 1);
  }

  bool has_label(TermId t, const Step& s) const {
    return s.label && Evaluation::is_node(t) && store_.node_live(t) &&
           store_.node_has_label(t, *s.label);
  }

  void kind(size_t k, const Step& s) {
    if (s.binds.empty()) {
      if (has_label(arg_value(k, s.op->args[0]), s) != s.op->negated) step(k + 1);
      return;
    }
    store_.for_each_node_with_label(s.op->name, [&](NodeId n) {
      vars_[s.binds[0].second] = n;
      step(k + 1);
    });
  }

  bool equals(TermId t, const Value& v) const {
    if (v.is_null()) return false;
    if (Evaluation::is_node(t)) return false;
    return terms_.value(t) == v;
  }

  void property(size_t k, const Step& s) {
    const Arg& node_arg = s.op->args[0];
    const Arg& value_arg = s.op->args[1];
    auto on_node = [&](NodeId n) {
      tick();
      Value v = property_value(store_, n, s.op->name);
      const bool value_bound =
          !value_arg.is_var ||
          std::any_of(s.key.begin(), s.key.end(), [&](auto& p) { return p.first == 1; });
      if (value_bound) {
        if (equals(arg_value(k, value_arg), v) != s.op->negated) step(k + 1);
        return;
      }
      if (v.is_null()) return;
      vars_[value_arg.var] = terms_.intern(v);
      step(k + 1);
    };
    const bool node_bound =
        std::any_of(s.key.begin(), s.key.end(), [](auto& p) { return p.first == 0; });
    if (node_bound) {
      TermId t = arg_value(k, node_arg);
      if (Evaluation::is_node(t) && store_.node_live(t)) {
        on_node(t);
      } else if (s.op->negated) {
        step(k + 1);
      }
      return;
    }
    const bool value_bound =
        std::any_of(s.key.begin(), s.key.end(), [](auto& p) { return p.first == 1; });
    if (s.op->name == "name" && value_bound && !s.op->negated) {
      // The store's name index (names and aliases, any case) narrows the candidates;
      // on_node keeps the exact names.
      const TermId v = arg_value(k, value_arg);
      if (Evaluation::is_node(v) || v == kNoMatch) return;
      const Value& text = terms_.value(v);
      if (text.type() != Value::Type::String) return;
      for (NodeId n : store_.find_by_name(text.as_string())) {
        vars_[node_arg.var] = n;
        on_node(n);
      }
      return;
    }
    store_.for_each_node([&](NodeId n) {
      vars_[node_arg.var] = n;
      on_node(n);
    });
  }

  // Nodes compare by their ids, with each other and with strings.
  int order(TermId a, TermId b, bool& comparable) const {
    comparable = true;
    auto text = [&](TermId t, std::string& buf) -> const std::string* {
      if (Evaluation::is_node(t)) {
        buf = std::string(store_.node_id(t));
        return &buf;
      }
      const Value& v = terms_.value(t);
      return v.type() == Value::Type::String ? &v.as_string() : nullptr;
    };
    if (!Evaluation::is_node(a) && !Evaluation::is_node(b)) {
      const Value &x = terms_.value(a), &y = terms_.value(b);
      if (x.type() == Value::Type::Int && y.type() == Value::Type::Int)
        return x.as_int() < y.as_int() ? -1 : x.as_int() > y.as_int();
    }
    std::string ba, bb;
    const std::string *x = text(a, ba), *y = text(b, bb);
    if (!x || !y) {
      comparable = false;
      return 0;
    }
    return x->compare(*y) < 0 ? -1 : x->compare(*y) > 0;
  }

  void compare(size_t k, const Step& s) {
    const CompareOp op = s.op->cmp;
    if (!s.binds.empty()) {  // X = bound value: binds X
      const Arg& other = s.binds[0].first == 0 ? s.op->args[1] : s.op->args[0];
      vars_[s.binds[0].second] = arg_value(k, other);
      step(k + 1);
      return;
    }
    const TermId a = arg_value(k, s.op->args[0]), b = arg_value(k, s.op->args[1]);
    if (a == kNoMatch || b == kNoMatch) return;
    bool holds;
    if (op == CompareOp::Eq || op == CompareOp::Ne) {
      bool comparable;
      holds = (a == b || (Evaluation::is_node(a) != Evaluation::is_node(b) &&
                          order(a, b, comparable) == 0 && comparable)) == (op == CompareOp::Eq);
    } else {
      bool comparable;
      const int c = order(a, b, comparable);
      if (!comparable) return;
      holds = op == CompareOp::Lt   ? c < 0
              : op == CompareOp::Le ? c <= 0
              : op == CompareOp::Gt ? c > 0
                                    : c >= 0;
    }
    if (holds != s.op->negated) step(k + 1);
  }

  void date(size_t k, const Step& s) {
    const TermId a = arg_value(k, s.op->args[0]), b = arg_value(k, s.op->args[1]);
    if (Evaluation::is_node(a) || Evaluation::is_node(b)) return;
    const Value &x = terms_.value(a), &y = terms_.value(b);
    if (x.type() != Value::Type::String || y.type() != Value::Type::String) return;
    if (date_after(x.as_string(), y.as_string()) != s.op->negated) step(k + 1);
  }

  void emit() {
    const CompiledRule& r = *plan_.rule;
    size_t before = out_.tuples.size();
    for (size_t i = 0; i < r.head_args.size(); ++i) {
      const Arg& a = r.head_args[i];
      TermId t = a.is_var ? vars_[a.var] : plan_.head_consts[i];
      if (t == kNoMatch) {
        out_.tuples.resize(before);
        return;
      }
      out_.tuples.push_back(t);
    }
    if (r.head_args.empty()) out_.tuples.push_back(0);
    if (!track_) return;
    for (size_t k = 0; k < plan_.steps.size(); ++k) {
      const Step& s = plan_.steps[k];
      if (s.op->kind == OpKind::Relation && !s.op->negated)
        out_.premises.push_back({s.op->relation, matched_[k]});
    }
  }

  static constexpr size_t kCheckEvery = 1 << 12;
  const Plan& plan_;
  const GraphStore& store_;
  detail::TermTable& terms_;
  bool track_;
  const WorkLimits& limits_;
  size_t base_bytes_;
  size_t work_ = 0;
  Output& out_;
  std::vector<TermId> vars_;
  std::vector<uint32_t> matched_;
  uint32_t range_begin_ = 0, range_end_ = UINT32_MAX;
};

}  // namespace

Evaluation::Evaluation(const CompiledProgram& program, const GraphStore& store, EvalOptions options)
    : program_(program),
      store_(store),
      options_(options),
      terms_(std::make_unique<detail::TermTable>()),
      limits_(std::make_unique<WorkLimits>(options.limits, "rule evaluation")) {
  if (store.node_slots() >= kValueBase) throw InputError("graph too large for the rule engine");
  for (const auto& r : program.relations) tables_.push_back(std::make_unique<Table>(r.arity));
  for (uint32_t i = 0; i < program.relations.size(); ++i)
    if (program.relations[i].edge_type)
      load_edges(i);
    else if (program.relations[i].evidence)
      load_evidence(i);
}

Evaluation::~Evaluation() = default;
Evaluation::Evaluation(Evaluation&&) noexcept = default;

// The graph's edges of the relation's type become its first facts. For a relation rules
// define, edges an earlier run derived are left out: the rules make them again (or not).
void Evaluation::load_edges(uint32_t rel) {
  Table& t = *tables_[rel];
  const bool skip_derived = program_.relations[rel].idb;
  const size_t edges = store_.edge_count_of_type(*program_.relations[rel].edge_type);
  t.unique.reserve(edges);
  t.data.reserve(edges * 2);
  store_.for_each_edge_of_type(*program_.relations[rel].edge_type, [&](EdgeId e) {
    if (skip_derived && store_.edge_derived(e)) return;
    const EdgeEnds ends = store_.edge_ends(e);
    const TermId tuple[2] = {ends.source, ends.target};
    if (t.insert(tuple).second) {
      t.edges.push_back(e);
      t.derivation.push_back(Index::kNone);
    }
  });
}

// evidence(Type, Source, Target, Doc, Date, Year): each asserted edge's evidence items that cite
// a dated document node. The fact rests on its edge, so a check's report shows the edge and
// its sentences.
void Evaluation::load_evidence(uint32_t rel) {
  Table& t = *tables_[rel];
  const DocumentDates dates(store_);
  for (EdgeType type = 0; type < store_.edge_type_count(); ++type) {
    const TermId type_term = terms_->intern(Value(std::string(store_.edge_type_name(type))));
    store_.for_each_edge_of_type(type, [&](EdgeId e) {
      if (store_.edge_derived(e)) return;
      const EdgeEnds ends = store_.edge_ends(e);
      store_.for_each_edge_evidence_source(e, [&](std::string_view doc, std::string_view) {
        const std::string_view date = dates.date_of(doc);
        const auto doc_node = date.empty() ? std::nullopt : store_.find_node(doc);
        if (!doc_node || date.size() < 4) return;
        const TermId tuple[6] = {
            type_term,
            ends.source,
            ends.target,
            *doc_node,
            terms_->intern(Value(std::string(date))),
            terms_->intern(Value(int64_t{std::stoi(std::string(date.substr(0, 4)))}))};
        if (t.insert(tuple).second) {
          t.edges.push_back(e);
          t.derivation.push_back(Index::kNone);
        }
      });
    });
  }
}

void Evaluation::run() {
  const auto t0 = Clock::now();
  for (const Stratum& s : program_.strata) {
    limits_->check(0);
    run_stratum(s);
  }
  stats_.ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

namespace {

// One stratum's evaluation: plans its rules, runs the rules that read only lower strata once,
// then the semi-naive rounds of the recursive ones.
class StratumRun {
 public:
  StratumRun(const CompiledProgram& program, const GraphStore& store,
             std::vector<std::unique_ptr<Table>>& tables, detail::TermTable& terms,
             const EvalOptions& options, const WorkLimits& limits, EvalStats& stats,
             const Stratum& stratum)
      : program_(program),
        store_(store),
        tables_(tables),
        terms_(terms),
        options_(options),
        limits_(limits),
        stats_(stats),
        stratum_(stratum),
        planner_(program, store, tables, terms),
        threads_(options.threads ? options.threads
                                 : std::max(1u, std::thread::hardware_concurrency())) {}

  void run() {
    std::vector<Variant> recursive = plan_and_run_base_rules();
    ++stats_.iterations;
    if (!recursive.empty()) run_rounds(recursive);
  }

 private:
  // A rule planned with one of its atoms read as the last round's new facts (or none).
  struct Variant {
    Plan plan;
    uint32_t delta_relation = 0;
  };

  bool in_stratum(uint32_t rel) const {
    return std::find(stratum_.relations.begin(), stratum_.relations.end(), rel) !=
           stratum_.relations.end();
  }

  // Rules reading no relation of this stratum run now, over complete inputs; the others
  // come back as one variant per recursive atom.
  std::vector<Variant> plan_and_run_base_rules() {
    std::vector<Variant> recursive;
    for (uint32_t ri : stratum_.rules) {
      const CompiledRule& r = program_.rules[ri];
      std::vector<int> positions;
      for (size_t k = 0; k < r.body.size(); ++k)
        if (r.body[k].kind == OpKind::Relation && !r.body[k].negated &&
            in_stratum(r.body[k].relation))
          positions.push_back(static_cast<int>(k));
      if (positions.empty()) {
        Variant v{planner_.plan(ri, -1), 0};
        Output out;
        execute(v, 0, UINT32_MAX, out);
        absorb(v, out);
        continue;
      }
      for (int p : positions) recursive.push_back({planner_.plan(ri, p), r.body[p].relation});
    }
    return recursive;
  }

  // Semi-naive rounds: every fact present so far is new to the recursive rules at first;
  // then each round reads the facts the one before added, until none are added.
  void run_rounds(const std::vector<Variant>& recursive) {
    std::map<uint32_t, std::pair<uint32_t, uint32_t>> delta;
    for (uint32_t rel : stratum_.relations) delta[rel] = {0, tables_[rel]->size()};
    for (;;) {
      std::vector<Output> outs(recursive.size());
      bool any_input = false;
      for (size_t i = 0; i < recursive.size(); ++i) {
        auto [b, e] = delta[recursive[i].delta_relation];
        if (b == e) continue;
        any_input = true;
        execute(recursive[i], b, e, outs[i]);
      }
      if (!any_input) return;
      std::map<uint32_t, uint32_t> before;
      for (uint32_t rel : stratum_.relations) before[rel] = tables_[rel]->size();
      for (size_t i = 0; i < recursive.size(); ++i) absorb(recursive[i], outs[i]);
      ++stats_.iterations;
      bool grew = false;
      for (uint32_t rel : stratum_.relations) {
        delta[rel] = {before[rel], tables_[rel]->size()};
        grew |= before[rel] != tables_[rel]->size();
      }
      if (!grew) return;
    }
  }

  // Runs a variant with its first scan limited to [begin, end); a long scan is split across
  // threads whose outputs are concatenated in order.
  void execute(const Variant& v, uint32_t begin, uint32_t end, Output& out) {
    const bool track = options_.track_derivations;
    const uint32_t n = scan_length(v.plan, begin, end);
    const size_t base = table_bytes();
    limits_.check(base);
    if (threads_ <= 1 || !v.plan.parallel_safe || n < kParallelMin) {
      Join(v.plan, store_, terms_, track, limits_, base, out).run(begin, end);
      return;
    }
    std::vector<Output> parts(threads_);
    std::vector<std::thread> pool;
    std::vector<std::exception_ptr> failures(threads_);  // a limit hit in a worker
    const uint32_t chunk = (n + threads_ - 1) / threads_;
    for (unsigned w = 0; w < threads_; ++w)
      pool.emplace_back([&, w] {
        const uint32_t b = begin + w * chunk, e = std::min(end, b + chunk);
        try {
          if (b < e) Join(v.plan, store_, terms_, track, limits_, base, parts[w]).run(b, e);
        } catch (...) {
          failures[w] = std::current_exception();
        }
      });
    for (auto& th : pool) th.join();
    for (auto& f : failures)
      if (f) std::rethrow_exception(f);
    for (auto& p : parts) {
      out.tuples.insert(out.tuples.end(), p.tuples.begin(), p.tuples.end());
      out.premises.insert(out.premises.end(), p.premises.begin(), p.premises.end());
    }
  }

  size_t table_bytes() const {
    size_t b = 0;
    for (const auto& t : tables_) b += t->bytes();
    return b;
  }

  // The number of tuples the plan's first step scans, 0 when it does not scan a relation.
  static uint32_t scan_length(const Plan& plan, uint32_t begin, uint32_t end) {
    if (plan.steps.empty()) return 0;
    const Step& first = plan.steps[0];
    if (first.op->kind != OpKind::Relation || first.op->negated || first.index || first.membership)
      return 0;
    const uint32_t size = first.table->size();
    return std::min(end, size) - std::min(begin, size);
  }

  // Adds a variant's output to its head relation, with each new fact's derivation.
  void absorb(const Variant& v, const Output& out) {
    Table& t = *tables_[v.plan.rule->head];
    const size_t width = t.arity, pc = v.plan.premise_count, n = out.tuples.size() / width;
    constexpr size_t kAhead = 8;
    limits_.check(table_bytes() + out.tuples.capacity() * sizeof(TermId));
    t.unique.reserve(t.unique.keys() + n);
    for (size_t i = 0; i < n; ++i) {
      if (i + kAhead < n) t.unique.prefetch(out.tuples.data() + (i + kAhead) * width);
      auto [idx, is_new] = t.insert(out.tuples.data() + i * width);
      if (!is_new) continue;
      ++stats_.facts;
      if (!options_.track_derivations) continue;
      t.derivation.resize(idx, Index::kNone);
      t.derivation.push_back(static_cast<uint32_t>(t.pool.size()));
      t.pool.push_back(v.plan.rule_index);
      t.pool.push_back(static_cast<uint32_t>(pc));
      for (size_t k = 0; k < pc; ++k) {
        t.pool.push_back(out.premises[i * pc + k].relation);
        t.pool.push_back(out.premises[i * pc + k].tuple);
      }
    }
  }

  const CompiledProgram& program_;
  const GraphStore& store_;
  std::vector<std::unique_ptr<Table>>& tables_;
  detail::TermTable& terms_;
  const EvalOptions& options_;
  const WorkLimits& limits_;
  EvalStats& stats_;
  const Stratum& stratum_;
  Planner planner_;
  const unsigned threads_;
};

}  // namespace

void Evaluation::run_stratum(const Stratum& stratum) {
  StratumRun(program_, store_, tables_, *terms_, options_, *limits_, stats_, stratum).run();
}

size_t Evaluation::size(uint32_t relation) const {
  const Table& t = *tables_[relation];
  return t.size();
}

std::span<const TermId> Evaluation::tuple(FactRef f) const {
  const Table& t = *tables_[f.relation];
  return {t.at(f.tuple), program_.relations[f.relation].arity};
}

std::optional<FactRef> Evaluation::find(uint32_t relation, std::span<const TermId> tuple) const {
  const Table& t = *tables_[relation];
  TermId key[32] = {0};
  std::copy(tuple.begin(), tuple.end(), key);
  if (auto i = t.find(key)) return FactRef{relation, *i};
  return std::nullopt;
}

std::optional<EdgeId> Evaluation::edge_of(FactRef f) const {
  const Table& t = *tables_[f.relation];
  if (f.tuple < t.edges.size()) return t.edges[f.tuple];
  return std::nullopt;
}

std::optional<Derivation> Evaluation::derivation(FactRef f) const {
  const Table& t = *tables_[f.relation];
  if (f.tuple >= t.derivation.size() || t.derivation[f.tuple] == Index::kNone) return std::nullopt;
  const uint32_t* p = t.pool.data() + t.derivation[f.tuple];
  Derivation d{p[0], {}};
  for (uint32_t k = 0; k < p[1]; ++k) d.premises.push_back({p[2 + 2 * k], p[3 + 2 * k]});
  return d;
}

const Value& Evaluation::value(TermId t) const {
  return terms_->value(t);
}

std::string Evaluation::show(TermId t) const {
  if (t == kNoMatch) return "?";
  if (is_node(t)) return std::string(store_.node_id(t));
  const Value& v = value(t);
  return v.type() == Value::Type::Int ? std::to_string(v.as_int()) : v.as_string();
}

void Evaluation::premise_edges(FactRef f, const std::vector<bool>& stop_at,
                               std::vector<EdgeId>& edges, std::vector<FactRef>& derived) const {
  std::vector<FactRef> todo{f};
  std::vector<FactRef> seen;
  bool first = true;
  while (!todo.empty()) {
    FactRef cur = todo.back();
    todo.pop_back();
    if (std::find(seen.begin(), seen.end(), cur) != seen.end()) continue;
    seen.push_back(cur);
    if (auto e = edge_of(cur)) {
      if (std::find(edges.begin(), edges.end(), *e) == edges.end()) edges.push_back(*e);
      first = false;
      continue;
    }
    if (!first && cur.relation < stop_at.size() && stop_at[cur.relation]) {
      derived.push_back(cur);
      continue;
    }
    first = false;
    if (auto d = derivation(cur))
      for (auto it = d->premises.rbegin(); it != d->premises.rend(); ++it)
        if (!program_.relations[it->relation].domain) todo.push_back(*it);
  }
}

}  // namespace normgraph::rules
