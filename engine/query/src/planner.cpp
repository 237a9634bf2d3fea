// The planner: orders a pattern's elements into steps from the store's counts (matcher.hpp).
#include "matcher.hpp"

#include <algorithm>
#include <map>

#include "pattern_plan.hpp"

namespace normgraph::query {

namespace {

size_t current_count(const GraphStore& store, PlannedCount::Kind kind, const std::string& name) {
  switch (kind) {
    case PlannedCount::Kind::Nodes:
      return store.node_count();
    case PlannedCount::Kind::Label:
      return store.label_size_estimate(name);
    case PlannedCount::Kind::RelType:
      if (auto t = store.find_edge_type(name)) return store.edge_type_size_estimate(*t);
      return 0;
  }
  return 0;
}

// The slots an expression reads from outside itself.
void outer_slots(const Expr& e, std::set<int>& out) {
  std::set<int> inner;
  std::function<void(const Expr&)> visit = [&](const Expr& x) {
    if (x.kind == ExprKind::ListComprehension || x.kind == ExprKind::Quantifier)
      inner.insert(x.slot);
    if (x.kind == ExprKind::Reduce) {
      inner.insert(x.slot);
      inner.insert(x.slot2);
    }
    if (x.kind == ExprKind::Variable || x.kind == ExprKind::MapProjection) out.insert(x.slot);
    if (x.pattern) {
      for (int s : x.pattern->outer_slots) out.insert(s);
      for (const auto& n : x.pattern->nodes) {
        if (n.props) visit(*n.props);
      }
      for (const auto& r : x.pattern->rels)
        if (r.props) visit(*r.props);
    }
    for (const auto& a : x.args)
      if (a) visit(*a);
  };
  visit(e);
  for (int s : inner) out.erase(s);
}

void split_conjuncts(const Expr* e, std::vector<const Expr*>& out) {
  if (!e) return;
  if (e->kind == ExprKind::Binary && e->op == Op::And) {  // AND has two or more operands
    for (const auto& a : e->args) split_conjuncts(a.get(), out);
  } else {
    out.push_back(e);
  }
}

struct PendingRel {
  const PatternPart* part;
  size_t index;
  bool done = false;
};

class Planner {
 public:
  Planner(const std::vector<const PatternPart*>& parts, const Expr* where,
          const std::set<int>& bound, const GraphStore& store, MatchOptions options)
      : parts_(parts), bound_(bound), initially_bound_(bound), store_(store), options_(options) {
    std::vector<const Expr*> conj;
    split_conjuncts(where, conj);
    for (const Expr* c : conj) {
      std::set<int> slots;
      outer_slots(*c, slots);
      conjuncts_.push_back({c, std::move(slots), false});
    }
    for (const auto* part : parts_) {
      for (const auto& n : part->nodes) node_patterns_[n.slot].push_back(&n);
      for (size_t i = 0; i < part->rels.size(); ++i) rels_.push_back({part, i});
    }
  }

  std::shared_ptr<const PatternPlan> plan() {
    auto out = std::make_shared<PatternPlan>();
    plan_ = out.get();
    for (const auto& [slot, patterns] : node_patterns_)
      if (bound_.count(slot)) check_bound(slot);
    flush_filters();
    for (const auto& [slot, patterns] : node_patterns_)
      if (!bound_.count(slot)) try_seek(slot);
    while (expand_next()) {
    }
    for (const auto& [slot, patterns] : node_patterns_)
      if (!bound_.count(slot)) scan(slot);
    for (const auto* part : parts_)
      if (!part->path_var.empty()) {
        Step s{StepKind::BindPath};
        s.part = part;
        s.slot = part->path_slot;
        plan_->steps.push_back(s);
        bound_.insert(part->path_slot);
      }
    flush_filters();
    for (auto& c : conjuncts_)
      if (!c.done) {  // reads a slot nothing binds (a bug elsewhere); keep it as a filter
        Step s{StepKind::Filter};
        s.expr = c.expr;
        plan_->steps.push_back(s);
      }
    return out;
  }

 private:
  struct Conjunct {
    const Expr* expr;
    std::set<int> slots;
    bool done;
  };

  // The store's counts, each noted in the plan with the value read (plan_is_current).
  size_t node_count() { return note(PlannedCount::Kind::Nodes, ""); }
  size_t label_size(const std::string& label) { return note(PlannedCount::Kind::Label, label); }
  size_t rel_type_size(const std::string& type) { return note(PlannedCount::Kind::RelType, type); }
  size_t note(PlannedCount::Kind kind, const std::string& name) {
    for (const PlannedCount& c : plan_->counts)
      if (c.kind == kind && c.name == name) return c.value;
    const size_t value = current_count(store_, kind, name);
    plan_->counts.push_back({kind, name, value});
    return value;
  }

  void tick() {
    if (options_.limits) options_.limits->tick();
  }

  void flush_filters() {
    for (auto& c : conjuncts_) {
      tick();
      if (c.done) continue;
      if (!std::all_of(c.slots.begin(), c.slots.end(), [&](int s) { return bound_.count(s); }))
        continue;
      Step s{StepKind::Filter};
      s.expr = c.expr;
      plan_->steps.push_back(s);
      c.done = true;
    }
  }

  void node_checks(int slot) {
    for (const NodePattern* n : node_patterns_[slot])
      if (!n->labels.empty() || n->props) {
        Step s{StepKind::CheckNode};
        s.slot = slot;
        s.node = n;
        plan_->steps.push_back(s);
      }
  }

  void bind_node(int slot) {
    bound_.insert(slot);
    node_checks(slot);
    flush_filters();
  }

  void check_bound(int slot) {
    Step s{StepKind::CheckBound};
    s.slot = slot;
    plan_->steps.push_back(s);
    node_checks(slot);
  }

  bool independent(const Expr& e) const {
    std::set<int> slots;
    outer_slots(e, slots);
    return std::all_of(slots.begin(), slots.end(),
                       [&](int s) { return initially_bound_.count(s) > 0; });
  }

  // An index seek for the node: `{id: ..}` / `{name: ..}` or WHERE n.id = .. / n.name = ...
  void try_seek(int slot) {
    for (const NodePattern* n : node_patterns_[slot]) {
      if (!n->props || n->props->kind != ExprKind::Map) continue;
      for (const char* key : {"id", "name"})
        for (size_t i = 0; i < n->props->keys.size(); ++i)
          if (n->props->keys[i] == key && independent(*n->props->args[i]))
            return seek(slot, key, n->props->args[i].get());
    }
    for (const auto& c : conjuncts_) {
      const Expr& e = *c.expr;
      if (e.kind != ExprKind::Binary || e.op != Op::Eq) continue;
      for (int side = 0; side < 2; ++side) {
        const Expr& prop = *e.args[side];
        const Expr& value = *e.args[1 - side];
        if (prop.kind == ExprKind::Property && prop.args[0]->kind == ExprKind::Variable &&
            prop.args[0]->slot == slot && (prop.name == "id" || prop.name == "name") &&
            independent(value))
          return seek(slot, prop.name.c_str(), &value);
      }
    }
  }

  void seek(int slot, const char* key, const Expr* value) {
    Step s{std::string_view(key) == "id" ? StepKind::SeekId : StepKind::SeekName};
    s.slot = slot;
    s.expr = value;
    plan_->steps.push_back(s);
    bind_node(slot);
  }

  size_t estimate(int slot) {
    size_t best = node_count();
    auto it = node_patterns_.find(slot);
    if (it != node_patterns_.end())
      for (const NodePattern* n : it->second)
        for (const auto& l : n->labels) best = std::min(best, label_size(l));
    return best;
  }

  void scan(int slot) {
    std::string label;
    size_t best = node_count();
    for (const NodePattern* n : node_patterns_[slot])
      for (const auto& l : n->labels)
        if (size_t k = label_size(l); label.empty() || k < best) {
          best = k;
          label = l;
        }
    Step s{label.empty() ? StepKind::ScanAll : StepKind::ScanLabel};
    s.slot = slot;
    s.label = label;
    plan_->steps.push_back(s);
    bind_node(slot);
  }

  // Starts a component at the relationships of a type when there are fewer of them than nodes
  // at either end (a pattern whose nodes have no selective label). True when it did.
  bool scan_relationships(PendingRel& r) {
    const PatternPart& part = *r.part;
    const RelPattern& rel = part.rels[r.index];
    if (rel.var_length || rel.types.empty() || bound_.count(rel.slot)) return false;
    size_t edges = 0;
    for (const auto& name : rel.types) edges += rel_type_size(name);
    if (rel.dir == Direction::Both) edges *= 2;
    const int left = part.nodes[r.index].slot, right = part.nodes[r.index + 1].slot;
    if (edges >= std::min(estimate(left), estimate(right))) return false;
    r.done = true;
    Step s{StepKind::ScanRelType};
    s.rel_pattern = &rel;
    s.rel = rel.slot;
    s.from = left;
    s.to = right;
    s.dir = rel.dir;
    s.part = &part;
    plan_->steps.push_back(s);
    bound_.insert(rel.slot);
    if (rel.props) {
      Step c{StepKind::CheckRel};
      c.rel = rel.slot;
      c.rel_pattern = &rel;
      plan_->steps.push_back(c);
    }
    bind_node(left);
    if (right != left) bind_node(right);
    return true;
  }

  // Plans one more relationship; false when none is left.
  bool expand_next() {
    PendingRel* pick = nullptr;
    int score = -1;
    for (auto& r : rels_) {
      tick();
      if (r.done) continue;
      const auto& part = *r.part;
      bool a = bound_.count(part.nodes[r.index].slot);
      bool b = bound_.count(part.nodes[r.index + 1].slot);
      int sc = (a && b) ? 2 : (a || b) ? 1 : 0;
      if (part.kind != PathKind::Plain && sc < 2) sc = 0;
      if (sc > score) {
        score = sc;
        pick = &r;
      }
    }
    if (!pick) return false;
    const PatternPart& part = *pick->part;
    int left = part.nodes[pick->index].slot, right = part.nodes[pick->index + 1].slot;
    if (score == 0 && part.kind == PathKind::Plain && scan_relationships(*pick)) return true;
    if (score == 0) {  // start a new component at its cheapest end
      if (!bound_.count(left) && (bound_.count(right) || estimate(left) <= estimate(right)))
        scan(left);
      else if (!bound_.count(right))
        scan(right);
      if (part.kind != PathKind::Plain && !bound_.count(left)) scan(left);
      if (part.kind != PathKind::Plain && !bound_.count(right)) scan(right);
      return true;
    }
    pick->done = true;
    const RelPattern& rel = part.rels[pick->index];
    Step s{part.kind != PathKind::Plain ? StepKind::Shortest
           : rel.var_length             ? StepKind::VarExpand
                                        : StepKind::Expand};
    s.rel_pattern = &rel;
    s.rel = rel.slot;
    s.part = &part;
    if (bound_.count(left)) {
      s.from = left;
      s.to = right;
      s.dir = rel.dir;
    } else {
      s.from = right;
      s.to = left;
      s.dir = reverse(rel.dir);
    }
    s.into = bound_.count(s.to) > 0;
    s.rel_bound = s.kind == StepKind::Expand && bound_.count(rel.slot) > 0;
    s.distinct_ends = options_.distinct_ends && s.kind == StepKind::VarExpand && !s.into &&
                      rels_.size() == 1 && rel.var.empty() && part.path_var.empty() &&
                      rel.min_hops <= 1 && !rel.props;
    plan_->steps.push_back(s);
    bound_.insert(rel.slot);
    if (rel.props && !rel.var_length) {
      Step c{StepKind::CheckRel};
      c.rel = rel.slot;
      c.rel_pattern = &rel;
      plan_->steps.push_back(c);
    }
    if (!s.into)
      bind_node(s.to);
    else
      flush_filters();
    return true;
  }

  std::vector<const PatternPart*> parts_;
  std::set<int> bound_;
  const std::set<int> initially_bound_;
  const GraphStore& store_;
  MatchOptions options_;
  std::vector<Conjunct> conjuncts_;
  std::map<int, std::vector<const NodePattern*>> node_patterns_;
  std::vector<PendingRel> rels_;
  PatternPlan* plan_ = nullptr;
};

const char* step_name(StepKind k) {
  switch (k) {
    case StepKind::CheckBound:
      return "Argument";
    case StepKind::ScanAll:
      return "AllNodesScan";
    case StepKind::ScanLabel:
      return "NodeByLabelScan";
    case StepKind::ScanRelType:
      return "RelationshipTypeScan";
    case StepKind::SeekId:
      return "NodeByIdSeek";
    case StepKind::SeekName:
      return "NodeByNameSeek";
    case StepKind::CheckNode:
      return "NodeFilter";
    case StepKind::Expand:
      return "Expand";
    case StepKind::VarExpand:
      return "VarLengthExpand";
    case StepKind::Shortest:
      return "ShortestPath";
    case StepKind::CheckRel:
      return "RelationshipFilter";
    case StepKind::Filter:
      return "Filter";
    case StepKind::BindPath:
      return "ProjectPath";
  }
  return "?";
}

}  // namespace

std::shared_ptr<const PatternPlan> plan_pattern(const std::vector<const PatternPart*>& parts,
                                                const Expr* where, const std::set<int>& bound,
                                                const GraphStore& store, MatchOptions options) {
  return Planner(parts, where, bound, store, options).plan();
}

bool plan_is_current(const PatternPlan& plan, const GraphStore& store) {
  for (const PlannedCount& c : plan.counts) {
    const size_t now = current_count(store, c.kind, c.name);
    if (now > 2 * c.value || 2 * now < c.value) return false;
  }
  return true;
}

std::string describe(const PatternPlan& plan) {
  std::string out;
  for (const Step& s : plan.steps) {
    out += step_name(s.kind);
    if (s.kind == StepKind::ScanLabel) out += " :" + s.label;
    if (s.kind == StepKind::ScanRelType)
      for (const auto& t : s.rel_pattern->types) out += " :" + t;
    if (s.kind == StepKind::Expand || s.kind == StepKind::VarExpand) {
      out += s.into ? " (into)" : "";
      out += s.dir == Direction::Out ? " ->" : s.dir == Direction::In ? " <-" : " --";
      if (s.rel_pattern)
        for (const auto& t : s.rel_pattern->types) out += " :" + t;
      if (s.distinct_ends) out += " (breadth-first, distinct ends)";
    }
    if (s.kind == StepKind::Filter && s.expr) out += " " + s.expr->text;
    out += "\n";
  }
  return out;
}

std::vector<int> pattern_slots(const std::vector<const PatternPart*>& parts) {
  std::vector<int> out;
  for (const auto* part : parts) {
    for (const auto& n : part->nodes) out.push_back(n.slot);
    for (const auto& r : part->rels) out.push_back(r.slot);
    if (part->path_slot >= 0) out.push_back(part->path_slot);
  }
  return out;
}

}  // namespace normgraph::query
