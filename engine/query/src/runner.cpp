// The runner: executes a pattern's plan depth-first over a row (matcher.hpp).
#include "matcher.hpp"

#include <algorithm>
#include <unordered_map>

#include "eval.hpp"
#include "pattern_plan.hpp"
#include "values.hpp"

namespace normgraph::query {

namespace {

class Runner {
 public:
  Runner(const PatternPlan& plan, ExecContext& ctx, const std::function<bool(Row&)>& emit)
      : plan_(plan), ctx_(ctx), store_(ctx.store), emit_(emit) {
    types_.resize(plan.steps.size());
    for (size_t i = 0; i < plan.steps.size(); ++i) {
      const RelPattern* r = plan.steps[i].rel_pattern;
      if (!r || plan.steps[i].kind == StepKind::CheckRel) continue;
      for (const auto& name : r->types)
        if (auto t = store_.find_edge_type(name)) types_[i].push_back(*t);
      // Named types none of which exist: nothing can match.
      if (!r->types.empty() && types_[i].empty()) impossible_ = true;
    }
  }

  bool run(Row& row) { return impossible_ || step(0, row); }

 private:
  bool step(size_t i, Row& row) {
    if (i == plan_.steps.size()) return emit_(row);
    const Step& s = plan_.steps[i];
    switch (s.kind) {
      case StepKind::CheckBound:
        if (row[s.slot].type() != Value::Type::Node) return true;
        return step(i + 1, row);
      case StepKind::ScanAll:
        return scan_all(i, s, row);
      case StepKind::ScanLabel: {
        bool go = true;
        store_.for_each_node_with_label(s.label, [&](NodeId n) {
          ctx_.tick();
          row[s.slot] = NodeRef{n};
          return go = step(i + 1, row);
        });
        return go;
      }
      case StepKind::ScanRelType:
        return scan_relationships(i, s, row);
      case StepKind::SeekId:
      case StepKind::SeekName:
        return seek(i, s, row);
      case StepKind::CheckNode:
        if (!node_matches(row[s.slot].as_node(), *s.node, row)) return true;
        return step(i + 1, row);
      case StepKind::CheckRel:
        if (!props_match(row[s.rel], s.rel_pattern->props.get(), row)) return true;
        return step(i + 1, row);
      case StepKind::Expand:
        return expand(i, s, row);
      case StepKind::VarExpand:
        return s.distinct_ends ? reachable_ends(i, s, row) : var_expand(i, s, row);
      case StepKind::Shortest:
        return shortest(i, s, row);
      case StepKind::Filter: {
        // Consecutive filters (the conjuncts of a long WHERE ... AND ...) run in one frame: a
        // step per conjunct recursed 20,000 deep.
        size_t next = i;
        for (; next < plan_.steps.size() && plan_.steps[next].kind == StepKind::Filter; ++next)
          if (!passes(*plan_.steps[next].expr, row, ctx_)) return true;
        return step(next, row);
      }
      case StepKind::BindPath:
        row[s.slot] = build_path(*s.part, row);
        return step(i + 1, row);
    }
    return true;
  }

  // Every relationship of the step's types, with its ends bound to `from` (the pattern's left
  // node) and `to`; an undirected pattern takes each relationship both ways.
  bool scan_relationships(size_t i, const Step& s, Row& row) {
    for (EdgeType t : types_[i]) {
      bool go = true;
      store_.for_each_edge_of_type(t, [&](EdgeId e) {
        ctx_.tick();
        const EdgeEnds ends = store_.edge_ends(e);
        auto bind = [&](NodeId left, NodeId right) {
          if (s.from == s.to && left != right) return true;
          row[s.from] = NodeRef{left};
          row[s.to] = NodeRef{right};
          return bind_edge(i, s, e, right, row);
        };
        if (s.dir == Direction::In)
          go = bind(ends.target, ends.source);
        else
          go = bind(ends.source, ends.target);
        if (go && s.dir == Direction::Both && ends.source != ends.target)
          go = bind(ends.target, ends.source);
        return go;
      });
      if (!go) return false;
    }
    return true;
  }

  // Every node in the step's slot, one after another.
  bool scan_all(size_t i, const Step& s, Row& row) {
    bool go = true;
    store_.for_each_node([&](NodeId n) {
      ctx_.tick();
      row[s.slot] = NodeRef{n};
      return go = step(i + 1, row);
    });
    return go;
  }

  bool seek(size_t i, const Step& s, Row& row) {
    Value key = evaluate(*s.expr, row, ctx_);
    if (key.type() != Value::Type::String) {
      if (key.is_null() || s.kind == StepKind::SeekName) return true;
      // An id given as a number: property ids are compared by the checks after a scan.
      return scan_all(i, s, row);
    }
    if (s.kind == StepKind::SeekId) {
      auto n = store_.find_node(key.as_string());
      if (n) {
        row[s.slot] = NodeRef{*n};
        if (!step(i + 1, row)) return false;
      }
      // A node whose `id` property (not its store id) has this value.
      return true;
    }
    for (NodeId n : store_.find_by_name(key.as_string())) {
      row[s.slot] = NodeRef{n};
      if (!step(i + 1, row)) return false;
    }
    return true;
  }

  bool props_match(const Value& element, const Expr* props, Row& row) {
    if (!props) return true;
    Value map = evaluate(*props, row, ctx_);
    if (map.is_null()) return true;
    if (map.type() != Value::Type::Map)
      throw QueryError("TypeError", "InvalidArgumentType", ErrorPhase::Runtime,
                       "a pattern's properties must be a map");
    for (const auto& entry : map.as_map()) {
      Value v = element.type() == Value::Type::Node
                    ? node_property(store_, element.as_node(), entry.key)
                    : edge_property(store_, element.as_edge(), entry.key);
      if (equals(v, entry.value) != Tri::True) return false;
    }
    return true;
  }

  bool node_matches(NodeId n, const NodePattern& p, Row& row) {
    for (const auto& label : p.labels) {
      auto sym = store_.strings().find(label);
      if (!sym || !store_.node_has_label(n, *sym)) return false;
    }
    return props_match(Value(NodeRef{n}), p.props.get(), row);
  }

  bool used(EdgeId e) const { return std::find(used_.begin(), used_.end(), e) != used_.end(); }

  // Calls f(AdjEntry) for the edges at n in direction d of the step's types; a self-loop
  // once when the direction is Both. Returns false when f stopped.
  template <class F>
  bool adjacent(size_t i, NodeId n, Direction d, F&& f) {
    bool go = true;
    auto visit_dir = [&](Direction one) {
      auto cb = [&](const AdjEntry& a) {
        if (d == Direction::Both && one == Direction::In && a.node == n) return true;
        return go = f(a);
      };
      if (types_[i].empty()) {
        store_.for_each_adjacent(n, one, std::nullopt, cb);
      } else {
        for (EdgeType t : types_[i]) {
          store_.for_each_adjacent(n, one, t, cb);
          if (!go) break;
        }
      }
    };
    if (d != Direction::In) visit_dir(Direction::Out);
    if (go && d != Direction::Out) visit_dir(Direction::In);
    return go;
  }

  size_t degree(size_t i, NodeId n, Direction d) const {
    if (types_[i].empty()) return store_.degree(n, d);
    size_t k = 0;
    for (EdgeType t : types_[i]) k += store_.degree(n, d, t);
    return k;
  }

  bool expand(size_t i, const Step& s, Row& row) {
    if (row[s.from].type() != Value::Type::Node) return true;
    NodeId from = row[s.from].as_node();
    if (s.into) {
      if (row[s.to].type() != Value::Type::Node) return true;
      NodeId to = row[s.to].as_node();
      // Walk the side with fewer edges.
      if (s.dir != Direction::Both && degree(i, to, reverse(s.dir)) < degree(i, from, s.dir))
        return adjacent(i, to, reverse(s.dir), [&](const AdjEntry& a) {
          return a.node != from || bind_edge(i, s, a.edge, to, row);
        });
      return adjacent(i, from, s.dir, [&](const AdjEntry& a) {
        return a.node != to || bind_edge(i, s, a.edge, to, row);
      });
    }
    return adjacent(i, from, s.dir, [&](const AdjEntry& a) {
      row[s.to] = NodeRef{a.node};
      return bind_edge(i, s, a.edge, a.node, row);
    });
  }

  bool bind_edge(size_t i, const Step& s, EdgeId e, NodeId, Row& row) {
    ctx_.tick();
    if (used(e)) return true;
    if (s.rel_bound && (row[s.rel].type() != Value::Type::Edge || row[s.rel].as_edge() != e))
      return true;
    row[s.rel] = EdgeRef{e};
    used_.push_back(e);
    bool go = step(i + 1, row);
    used_.pop_back();
    return go;
  }

  int64_t max_hops(const RelPattern& r) const {
    return r.max_hops >= 0 ? r.max_hops : ctx_.options.max_path_length;
  }

  // Every path of min..max relationships (each used once) from `from`, depth first.
  bool var_expand(size_t i, const Step& s, Row& row) {
    if (row[s.from].type() != Value::Type::Node) return true;
    const RelPattern& r = *s.rel_pattern;
    const int64_t lo = r.min_hops, hi = max_hops(r);
    std::optional<NodeId> target;
    if (s.into) {
      if (row[s.to].type() != Value::Type::Node) return true;
      target = row[s.to].as_node();
    }
    std::vector<EdgeId> path;
    std::function<bool(NodeId, int64_t)> dfs = [&](NodeId n, int64_t depth) -> bool {
      ctx_.tick();
      if (depth >= lo && (!target || n == *target)) {
        ValueList edges;
        edges.reserve(path.size());
        // A path walked from the pattern's right end is reported left to right.
        if (s.dir != r.dir ||
            (r.dir == Direction::Both && s.from != s.part->nodes[0].slot && is_reversed(s)))
          for (auto it = path.rbegin(); it != path.rend(); ++it) edges.push_back(EdgeRef{*it});
        else
          for (EdgeId e : path) edges.push_back(EdgeRef{e});
        row[s.rel] = std::move(edges);
        if (!s.into) row[s.to] = NodeRef{n};
        if (!step(i + 1, row)) return false;
      }
      if (depth == hi) return true;
      return adjacent(i, n, s.dir, [&](const AdjEntry& a) {
        if (used(a.edge)) return true;
        if (r.props && !props_match(Value(EdgeRef{a.edge}), r.props.get(), row)) return true;
        used_.push_back(a.edge);
        path.push_back(a.edge);
        bool go = dfs(a.node, depth + 1);
        path.pop_back();
        used_.pop_back();
        return go;
      });
    };
    return dfs(row[s.from].as_node(), 0);
  }

  // Whether the step walks its relationship from the pattern's right node to its left one.
  static bool is_reversed(const Step& s) {
    const PatternPart& part = *s.part;
    for (size_t k = 0; k < part.rels.size(); ++k)
      if (&part.rels[k] == s.rel_pattern) return part.nodes[k].slot != s.from;
    return false;
  }

  // Each node reachable within min..max (min <= 1) relationships, once: breadth first.
  bool reachable_ends(size_t i, const Step& s, Row& row) {
    if (row[s.from].type() != Value::Type::Node) return true;
    const NodeId start = row[s.from].as_node();
    const int64_t hi = max_hops(*s.rel_pattern);
    const bool undirected = s.dir == Direction::Both;
    const size_t slots = store_.node_slots();
    std::vector<uint64_t> seen((slots + 63) / 64, 0);
    auto test_set = [&](NodeId n) {
      uint64_t& w = seen[n >> 6];
      uint64_t bit = uint64_t{1} << (n & 63);
      bool was = w & bit;
      w |= bit;
      return was;
    };
    // For the start node itself (min 1): a closed walk back to it with distinct edges. In an
    // undirected search that is an edge joining two different first-step branches.
    const bool need_cycle = s.rel_pattern->min_hops == 1;
    bool start_on_cycle = false;
    std::vector<NodeId> branch;
    std::vector<uint8_t> level;
    if (need_cycle && undirected) {
      branch.assign(slots, kNoNode);
      level.assign(slots, 0);
    }
    test_set(start);
    if (s.rel_pattern->min_hops == 0) {
      row[s.to] = NodeRef{start};
      if (!step(i + 1, row)) return false;
    }
    std::vector<NodeId> frontier{start}, next;
    for (int64_t depth = 0; depth < hi && !frontier.empty(); ++depth) {
      next.clear();
      for (NodeId u : frontier) {
        bool go = adjacent(i, u, s.dir, [&](const AdjEntry& a) {
          ctx_.tick();
          const NodeId w = a.node;
          if (need_cycle && !start_on_cycle && w == start) {
            // Directed: any edge back closes a cycle. Undirected: not u's own tree edge.
            if (!undirected || depth == 0 || depth >= 2) start_on_cycle = true;
          }
          if (!test_set(w)) {
            next.push_back(w);
            if (!start_on_cycle && !branch.empty()) {
              branch[w] = depth == 0 ? w : branch[u];
              level[w] = static_cast<uint8_t>(std::min<int64_t>(depth + 1, 255));
            }
            row[s.to] = NodeRef{w};
            return step(i + 1, row);
          }
          if (!branch.empty() && !start_on_cycle && w != start) {
            if (depth == 0) {
              start_on_cycle = hi >= 2;  // a second edge to the same first-step node
            } else if (branch[w] != branch[u] && branch[w] != kNoNode &&
                       depth + 1 + level[w] <= hi) {
              start_on_cycle = true;
            }
          }
          return true;
        });
        if (!go) return false;
      }
      std::swap(frontier, next);
    }
    if (need_cycle && start_on_cycle) {
      row[s.to] = NodeRef{start};
      if (!step(i + 1, row)) return false;
    }
    return true;
  }

  // shortestPath / allShortestPaths between two bound nodes, breadth first.
  bool shortest(size_t i, const Step& s, Row& row) {
    if (row[s.from].type() != Value::Type::Node || row[s.to].type() != Value::Type::Node)
      return true;
    const NodeId from = row[s.from].as_node(), to = row[s.to].as_node();
    const RelPattern& r = *s.rel_pattern;
    const int64_t hi = max_hops(r);
    const bool all = s.part->kind == PathKind::AllShortest;
    if (from == to) {
      if (r.min_hops > 0) return true;
      row[s.rel] = ValueList{};
      return step(i + 1, row);
    }
    if (!all && !r.props) return bidirectional_shortest(i, s, from, to, hi, row);
    // Parents per reached node (all of them at the previous level, for allShortestPaths).
    std::unordered_map<NodeId, std::vector<std::pair<NodeId, EdgeId>>> parents;
    parents[from];
    std::vector<NodeId> frontier{from}, next;
    bool found = false;
    for (int64_t depth = 0; depth < hi && !frontier.empty() && !found; ++depth) {
      next.clear();
      std::unordered_map<NodeId, std::vector<std::pair<NodeId, EdgeId>>> level;
      for (NodeId u : frontier) {
        adjacent(i, u, s.dir, [&](const AdjEntry& a) {
          ctx_.tick();
          if (parents.count(a.node)) return true;
          if (r.props && !props_match(Value(EdgeRef{a.edge}), r.props.get(), row)) return true;
          auto [it, fresh] = level.try_emplace(a.node);
          if (fresh) next.push_back(a.node);
          if (fresh || all) it->second.push_back({u, a.edge});
          if (a.node == to) found = true;
          return !(found && !all);
        });
        if (found && !all) break;
      }
      for (auto& [n, ps] : level) parents[n] = std::move(ps);
      std::swap(frontier, next);
    }
    if (!found) return true;
    if (depth_of(parents, to) < r.min_hops) return true;
    std::vector<EdgeId> path;
    std::function<bool(NodeId)> unwind = [&](NodeId n) -> bool {
      if (n == from) {
        ValueList edges;
        for (auto it = path.rbegin(); it != path.rend(); ++it) edges.push_back(EdgeRef{*it});
        if (is_reversed(s)) std::reverse(edges.begin(), edges.end());
        row[s.rel] = std::move(edges);
        return step(i + 1, row);
      }
      for (const auto& [p, e] : parents[n]) {
        path.push_back(e);
        bool go = unwind(p);
        path.pop_back();
        if (!go) return false;
        if (!all) break;
      }
      return true;
    };
    return unwind(to);
  }

  // One shortest path, searching from both ends and always growing the smaller frontier.
  bool bidirectional_shortest(size_t i, const Step& s, NodeId from, NodeId to, int64_t hi,
                              Row& row) {
    using Parents = std::unordered_map<NodeId, std::pair<NodeId, EdgeId>>;
    Parents side[2];  // 0: reached from `from`; 1: reached from `to` (edges walked backwards)
    side[0][from] = {kNoNode, kNoEdge};
    side[1][to] = {kNoNode, kNoEdge};
    std::vector<NodeId> frontier[2] = {{from}, {to}};
    int64_t depth[2] = {0, 0};
    std::optional<NodeId> meet;
    int64_t best = INT64_MAX;
    while (!meet && depth[0] + depth[1] < hi && !frontier[0].empty() && !frontier[1].empty()) {
      const int x = frontier[0].size() <= frontier[1].size() ? 0 : 1;
      const Direction dir = x == 0 ? s.dir : reverse(s.dir);
      std::vector<NodeId> next;
      for (NodeId u : frontier[x])
        adjacent(i, u, dir, [&](const AdjEntry& a) {
          ctx_.tick();
          if (!side[x].try_emplace(a.node, u, a.edge).second) return true;
          next.push_back(a.node);
          if (side[1 - x].count(a.node)) {
            int64_t len = depth[x] + 1 + distance(side[1 - x], a.node);
            if (len < best) {
              best = len;
              meet = a.node;
            }
          }
          return true;
        });
      frontier[x] = std::move(next);
      ++depth[x];
    }
    if (!meet || best > hi || best < s.rel_pattern->min_hops) return true;
    std::vector<EdgeId> path;
    for (NodeId n = *meet; side[0][n].second != kNoEdge; n = side[0][n].first)
      path.push_back(side[0][n].second);
    std::reverse(path.begin(), path.end());
    for (NodeId n = *meet; side[1][n].second != kNoEdge; n = side[1][n].first)
      path.push_back(side[1][n].second);
    ValueList edges;
    for (EdgeId e : path) edges.push_back(EdgeRef{e});
    if (is_reversed(s)) std::reverse(edges.begin(), edges.end());
    row[s.rel] = std::move(edges);
    return step(i + 1, row);
  }

  static int64_t distance(const std::unordered_map<NodeId, std::pair<NodeId, EdgeId>>& parents,
                          NodeId n) {
    int64_t d = 0;
    for (auto it = parents.find(n); it->second.second != kNoEdge; it = parents.find(n)) {
      n = it->second.first;
      ++d;
    }
    return d;
  }

  static int64_t depth_of(
      const std::unordered_map<NodeId, std::vector<std::pair<NodeId, EdgeId>>>& parents, NodeId n) {
    int64_t d = 0;
    for (;;) {
      auto it = parents.find(n);
      if (it == parents.end() || it->second.empty()) return d;
      n = it->second.front().first;
      ++d;
    }
  }

  Value build_path(const PatternPart& part, const Row& row) const {
    PathValue p;
    if (row[part.nodes[0].slot].type() != Value::Type::Node) return Value();
    NodeId at = row[part.nodes[0].slot].as_node();
    p.nodes.push_back(at);
    for (size_t k = 0; k < part.rels.size(); ++k) {
      const Value& rv = row[part.rels[k].slot];
      auto step_over = [&](EdgeId e) {
        EdgeEnds ends = store_.edge_ends(e);
        at = ends.source == at ? ends.target : ends.source;
        p.edges.push_back(e);
        p.nodes.push_back(at);
      };
      if (rv.type() == Value::Type::Edge) {
        step_over(rv.as_edge());
      } else if (rv.type() == Value::Type::List) {
        for (const Value& e : rv.as_list()) step_over(e.as_edge());
      } else {
        return Value();
      }
    }
    return p;
  }

  const PatternPlan& plan_;
  ExecContext& ctx_;
  const GraphStore& store_;
  const std::function<bool(Row&)>& emit_;
  std::vector<std::vector<EdgeType>> types_;
  std::vector<EdgeId> used_;
  bool impossible_ = false;
};

}  // namespace

bool run_pattern(const PatternPlan& plan, Row& row, ExecContext& ctx,
                 const std::function<bool(Row&)>& emit) {
  return Runner(plan, ctx, emit).run(row);
}

}  // namespace normgraph::query
