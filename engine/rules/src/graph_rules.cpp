#include "normgraph/rules/graph_rules.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "normgraph/core/errors.hpp"
#include "normgraph/core/ontology_dir.hpp"
#include "normgraph/ontology/schema.hpp"
#include "normgraph/rules/report.hpp"

namespace normgraph::rules {

namespace {

Value premise_map(std::string_view source, std::string_view type, std::string_view target) {
  return Value(
      ValueMap{{"source", Value(source)}, {"type", Value(type)}, {"target", Value(target)}});
}

void add_evidence(std::vector<Evidence>& into, const std::vector<Evidence>& more) {
  for (const auto& e : more)
    if (std::find(into.begin(), into.end(), e) == into.end()) into.push_back(e);
}

// The evidence sentences under an explanation: its own, or its premises' recursively.
void leaf_evidence(const Explanation& x, std::vector<Evidence>& into) {
  add_evidence(into, x.evidence);
  for (const auto& p : x.premises) leaf_evidence(p, into);
}

}  // namespace

std::vector<std::string> default_rule_files() {
  const std::string dir = ontology_path("rules");
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
    if (entry.path().extension() == ".rules") files.push_back(entry.path().string());
  if (ec) throw InputError("cannot read the default rules folder '" + dir + "': " + ec.message());
  std::sort(files.begin(), files.end());
  return files;
}

std::string edge_text(const GraphStore& store, EdgeId e) {
  const EdgeEnds ends = store.edge_ends(e);
  return std::string(store.node_id(ends.source)) + " " +
         std::string(store.edge_type_name(ends.type)) + " " +
         std::string(store.node_id(ends.target));
}

namespace {

uint64_t fact_key(FactRef f) {
  return (uint64_t{f.relation} << 32) | f.tuple;
}

// The premises written with derived edges: the graph edges and the facts of written (@derive)
// relations a derivation rests on. Facts of relations that are not written are expanded into
// their own premises, except a closure over an edge type (`E*`, `E+`): its fact is written as
// one premise of type "E+" (a path of E edges), which explain and the schema checks find
// again in the graph. So a derived edge over a long chain names the chain's ends, not each
// of its steps, and the premises written grow with the derived edges, not with the length of
// the chains times their number.
class PremiseWriter {
 public:
  explicit PremiseWriter(const Evaluation& eval, const std::vector<bool>& derive)
      : eval_(eval), store_(eval.store()), derive_(derive) {}

  ValueList premises(FactRef f) const {
    ValueList out, derived;  // graph edges first, then written derived facts
    std::unordered_set<uint64_t> seen{fact_key(f)};
    std::set<std::tuple<std::string, std::string, std::string>> listed;
    auto add = [&](const std::string& source, const std::string& type, const std::string& target,
                   ValueList& into) {
      if (listed.emplace(source, type, target).second)
        into.push_back(premise_map(source, type, target));
    };
    std::vector<FactRef> todo;
    push_premises(f, todo);
    while (!todo.empty()) {
      const FactRef cur = todo.back();
      todo.pop_back();
      if (!seen.insert(fact_key(cur)).second) continue;
      if (auto e = eval_.edge_of(cur)) {
        const EdgeEnds ends = store_.edge_ends(*e);
        add(std::string(store_.node_id(ends.source)), std::string(store_.edge_type_name(ends.type)),
            std::string(store_.node_id(ends.target)), out);
      } else if (derive_[cur.relation]) {
        const auto t = eval_.tuple(cur);
        add(eval_.show(t[0]), eval_.program().relations[cur.relation].name, eval_.show(t[1]),
            derived);
      } else if (auto type = closure_edge_type(cur.relation)) {
        const auto t = eval_.tuple(cur);
        if (t[0] != t[1]) add(eval_.show(t[0]), *type + "+", eval_.show(t[1]), out);
      } else {
        push_premises(cur, todo);
      }
    }
    for (auto& d : derived) out.push_back(std::move(d));
    return out;
  }

 private:
  // For a closure the lowering made over an edge type read only from the graph ("_E*3",
  // "_E+"), the type's name.
  std::optional<std::string> closure_edge_type(uint32_t relation) const {
    const RelationInfo& rel = eval_.program().relations[relation];
    if (!rel.internal || rel.name.size() < 3 || rel.name[0] != '_') return std::nullopt;
    const size_t mark = rel.name.find_first_of("*+", 1);
    if (mark == std::string::npos) return std::nullopt;
    const std::string base = rel.name.substr(1, mark - 1);
    const auto r = eval_.program().find_relation(base);
    if (!r || eval_.program().relations[*r].idb || !eval_.program().relations[*r].edge_type)
      return std::nullopt;
    return base;
  }

  void push_premises(FactRef f, std::vector<FactRef>& todo) const {
    if (auto d = eval_.derivation(f))
      for (auto it = d->premises.rbegin(); it != d->premises.rend(); ++it)
        if (!eval_.program().relations[it->relation].domain) todo.push_back(*it);
  }

  const Evaluation& eval_;
  const GraphStore& store_;
  const std::vector<bool>& derive_;
};

}  // namespace

MaterializeResult write_derived_edges(const Evaluation& eval, GraphStore& store) {
  const CompiledProgram& p = eval.program();
  std::vector<bool> derive(p.relations.size(), false);
  for (size_t r = 0; r < p.relations.size(); ++r) derive[r] = p.relations[r].derive;
  struct NewEdge {
    NodeId source, target;
    std::string type;
    Evidence evidence;
  };
  MaterializeResult result;
  std::vector<NewEdge> edges;
  PremiseWriter writer(eval, derive);
  // Everything is read before the store changes.
  for (uint32_t r = 0; r < p.relations.size(); ++r) {
    if (!derive[r]) continue;
    for (uint32_t i = 0; i < eval.size(r); ++i) {
      const FactRef f{r, i};
      if (eval.edge_of(f)) continue;  // asserted in the graph already
      auto t = eval.tuple(f);
      if (!Evaluation::is_node(t[0]) || !Evaluation::is_node(t[1])) {
        ++result.skipped;
        continue;
      }
      Evidence ev;
      ValueList premises;
      if (auto d = eval.derivation(f)) {
        ev.rule = p.rules[d->rule].name;
        premises = writer.premises(f);
      }
      ev.extra.push_back({"premises", Value(std::move(premises))});
      edges.push_back({t[0], t[1], p.relations[r].name, std::move(ev)});
    }
  }
  for (uint32_t r = 0; r < p.relations.size(); ++r) {
    if (!derive[r]) continue;
    auto type = store.find_edge_type(p.relations[r].name);
    if (!type) continue;
    std::vector<EdgeId> old;
    store.for_each_edge_of_type(*type, [&](EdgeId e) {
      if (store.edge_derived(e)) old.push_back(e);
    });
    for (EdgeId e : old) store.remove_edge(e);
    result.edges_removed += old.size();
  }
  for (auto& e : edges) {
    store.upsert_edge(e.source, store.intern_edge_type(e.type), e.target, true, {},
                      {std::move(e.evidence)});
    ++result.edges_written;
  }
  return result;
}

namespace {

std::string fill_template(const std::string& message, const Evaluation& eval,
                          const CompiledCheck& check, std::span<const TermId> tuple) {
  std::string out;
  for (size_t i = 0; i < message.size(); ++i) {
    size_t end = message[i] == '{' ? message.find('}', i) : std::string::npos;
    if (end == std::string::npos) {
      out += message[i];
      continue;
    }
    const std::string var = message.substr(i + 1, end - i - 1);
    auto it = std::find(check.variables.begin(), check.variables.end(), var);
    if (it == check.variables.end()) {
      out += message.substr(i, end - i + 1);
    } else {
      const TermId t = tuple[static_cast<size_t>(it - check.variables.begin())];
      const GraphStore& store = eval.store();
      out += Evaluation::is_node(t) && !store.node_name(t).empty() ? std::string(store.node_name(t))
                                                                   : eval.show(t);
    }
    i = end;
  }
  return out;
}

}  // namespace

std::vector<Violation> rule_violations(const Evaluation& eval, const Limits& limits) {
  const CompiledProgram& p = eval.program();
  const GraphStore& store = eval.store();
  const WorkLimits work(limits, "collecting the checks' violations");
  std::vector<Violation> out;
  const std::vector<bool> expand_all(p.relations.size(), false);
  for (const CompiledCheck& c : p.checks) {
    for (uint32_t i = 0; i < eval.size(c.relation); ++i) {
      const FactRef f{c.relation, i};
      auto t = eval.tuple(f);
      Violation v;
      v.check = c.name;
      v.severity = to_string(c.severity);
      v.message = fill_template(c.message, eval, c, t);
      std::vector<std::string> args;
      for (size_t k = 0; k < c.variables.size(); ++k) {
        args.push_back(eval.show(t[k]));
        v.bindings.push_back({c.variables[k], args.back()});
      }
      v.fact = format_fact(c.name, args);
      std::vector<EdgeId> edges;
      std::vector<FactRef> unused;
      eval.premise_edges(f, expand_all, edges, unused);
      for (EdgeId e : edges) {
        work.check_time();
        v.facts.push_back(edge_text(store, e));
        std::vector<Evidence> ev;
        leaf_evidence(explain_edge(store, e, limits), ev);
        add_evidence(v.evidence, ev);
      }
      out.push_back(std::move(v));
    }
  }
  return out;
}

namespace {

std::string premise_field(const Value& premise, const char* key) {
  if (premise.type() != Value::Type::Map) return "";
  const Value* v = find_entry(premise.as_map(), key);
  return v && v->type() == Value::Type::String ? v->as_string() : "";
}

// A shortest path of `type` edges from `from` to `to` (breadth first), empty when none.
std::vector<EdgeId> edge_path(const GraphStore& store, NodeId from, EdgeType type, NodeId to) {
  std::unordered_map<NodeId, std::pair<NodeId, EdgeId>> parent{{from, {from, 0}}};
  std::vector<NodeId> level{from};
  while (!level.empty() && !parent.count(to)) {
    std::vector<NodeId> next;
    for (NodeId n : level)
      store.for_each_adjacent(n, Direction::Out, type, [&](const AdjEntry& a) {
        if (parent.emplace(a.node, std::make_pair(n, a.edge)).second) next.push_back(a.node);
      });
    level = std::move(next);
  }
  std::vector<EdgeId> path;
  if (!parent.count(to) || from == to) return path;
  for (NodeId n = to; n != from; n = parent[n].first) path.push_back(parent[n].second);
  std::reverse(path.begin(), path.end());
  return path;
}

// The edges a written premise names: the edge SOURCE TYPE TARGET, or for a TYPE "E+" a path
// of E edges from SOURCE to TARGET. Empty when the graph no longer holds it.
std::vector<EdgeId> premise_in_graph(const GraphStore& store, const Value& premise) {
  const std::string s = premise_field(premise, "source"), t = premise_field(premise, "type"),
                    d = premise_field(premise, "target");
  auto sn = store.find_node(s), dn = store.find_node(d);
  if (!sn || !dn || t.empty()) return {};
  if (t.back() == '+') {
    auto ty = store.find_edge_type(t.substr(0, t.size() - 1));
    return ty ? edge_path(store, *sn, *ty, *dn) : std::vector<EdgeId>{};
  }
  auto ty = store.find_edge_type(t);
  std::optional<EdgeId> e;
  if (ty) e = store.find_edge(*sn, *ty, *dn);
  return e ? std::vector<EdgeId>{*e} : std::vector<EdgeId>{};
}

Violation element_violation(const std::string& check, const std::string& severity,
                            std::string message,
                            std::vector<std::pair<std::string, std::string>> bindings,
                            std::vector<Evidence> evidence) {
  Violation v;
  v.check = check;
  v.severity = severity;
  v.message = std::move(message);
  v.bindings = std::move(bindings);
  v.evidence = std::move(evidence);
  return v;
}

std::string list(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : " or ") + s;
  return out;
}

bool has_type(const Value& v, const std::string& type) {
  switch (v.type()) {
    case Value::Type::String:
      return type == "string";
    case Value::Type::Int:
      return type == "integer" || type == "number";
    case Value::Type::Double:
      return type == "number";
    case Value::Type::Bool:
      return type == "boolean";
    case Value::Type::List:
      return type == "list";
    case Value::Type::Map:
      return type == "map";
    default:
      return false;
  }
}

// The schema's type and allowed values of each declared property; undeclared ones are free.
void property_checks(const GraphStore& store, NodeId n, const ontology::KindSpec& spec,
                     std::vector<Violation>& out) {
  const std::string id(store.node_id(n));
  for (const MapEntry& e : store.node_props(n)) {
    const ontology::PropertySpec* p = spec.property(e.key);
    if (!p || e.value.type() == Value::Type::Null) continue;
    if (!p->type.empty() && !has_type(e.value, p->type)) {
      out.push_back(
          element_violation("schema.property_type", "warning",
                            id + " (" + spec.name + "): '" + e.key + "' should be a " + p->type,
                            {{"node", id}}, store.node_evidence(n)));
      continue;
    }
    if (!p->values.empty() && e.value.type() == Value::Type::String &&
        std::find(p->values.begin(), p->values.end(), e.value.as_string()) == p->values.end())
      out.push_back(element_violation("schema.property_value", "error",
                                      id + " (" + spec.name + "): '" + e.key + "' is '" +
                                          e.value.as_string() + "', not " + list(p->values),
                                      {{"node", id}}, store.node_evidence(n)));
  }
}

void node_checks(const GraphStore& store, const ontology::Schema& schema, const WorkLimits& work,
                 std::vector<Violation>& out) {
  store.for_each_node([&](NodeId n) {
    work.poll(0);
    const std::string id(store.node_id(n)), kind(store.node_kind(n));
    const auto* spec = schema.kind(kind);
    if (!spec) {
      out.push_back(
          element_violation("schema.unknown_kind", "error",
                            id + " has kind '" + kind + "', which the schema does not define",
                            {{"node", id}}, store.node_evidence(n)));
      return;
    }
    property_checks(store, n, *spec, out);
    const ValueMap& props = store.node_props(n);
    for (const auto& req : spec->required_props)
      if (!find_entry(props, req))
        out.push_back(
            element_violation("schema.required_property", "error",
                              id + " (" + kind + ") lacks the required property '" + req + "'",
                              {{"node", id}}, store.node_evidence(n)));
    for (const auto& ev : store.node_evidence(n))
      if (!ev.doc.empty() && !store.find_node(ev.doc))
        out.push_back(element_violation(
            "schema.dangling_reference", "error",
            id + ": its evidence names the document " + ev.doc + ", which is not in the graph",
            {{"node", id}}, {ev}));
  });
}

void edge_checks(const GraphStore& store, const ontology::Schema& schema, const WorkLimits& work,
                 std::vector<Violation>& out) {
  for (EdgeId e = 0; e < store.edge_slots(); ++e) {
    work.poll(0);
    if (!store.edge_live(e)) continue;
    const EdgeEnds ends = store.edge_ends(e);
    const std::string type(store.edge_type_name(ends.type));
    const std::string src(store.node_id(ends.source)), dst(store.node_id(ends.target));
    const std::string sk(store.node_kind(ends.source)), dk(store.node_kind(ends.target));
    std::vector<std::pair<std::string, std::string>> bindings = {{"source", src}, {"target", dst}};
    const auto* spec = schema.edge_type(type);
    const auto evidence = store.edge_evidence(e);
    if (!spec) {
      out.push_back(element_violation(
          "schema.unknown_edge_type", "error",
          src + " -[" + type + "]-> " + dst + ": the schema has no edge type " + type, bindings,
          evidence));
      continue;
    }
    auto allowed = [](const std::vector<std::string>& kinds, const std::string& k) {
      return kinds.empty() || std::find(kinds.begin(), kinds.end(), k) != kinds.end();
    };
    if (schema.kind(sk) && !allowed(spec->domain, sk))
      out.push_back(element_violation(
          "schema.domain", "error",
          type + " goes from " + list(spec->domain) + ", but " + src + " is a " + sk, bindings,
          evidence));
    if (schema.kind(dk) && !allowed(spec->range, dk))
      out.push_back(
          element_violation("schema.range", "error",
                            type + " goes to " + list(spec->range) + ", but " + dst + " is a " + dk,
                            bindings, evidence));
    for (const auto& ev : evidence) {
      if (!ev.doc.empty() && !store.find_node(ev.doc))
        out.push_back(element_violation("schema.dangling_reference", "error",
                                        edge_text(store, e) + ": its evidence names the document " +
                                            ev.doc + ", which is not in the graph",
                                        bindings, {ev}));
      const Value* premises = find_entry(ev.extra, "premises");
      if (!premises || premises->type() != Value::Type::List) continue;
      for (const auto& pm : premises->as_list()) {
        if (premise_in_graph(store, pm).empty())
          out.push_back(element_violation("schema.dangling_reference", "error",
                                          edge_text(store, e) + " (rule " + ev.rule +
                                              ") rests on a premise that is not in the graph",
                                          bindings, {}));
      }
    }
  }
}

}  // namespace

std::vector<Violation> schema_violations(const GraphStore& store, const ontology::Schema& schema,
                                         const Limits& limits) {
  const WorkLimits work(limits, "the schema checks");
  std::vector<Violation> out;
  node_checks(store, schema, work, out);
  edge_checks(store, schema, work, out);
  return out;
}

EdgeExplainer::EdgeExplainer(const GraphStore& store, const Limits& limits)
    : store_(store),
      limits_(limits, "the explanation"),
      on_path_(store.edge_slots(), false),
      explained_(store.edge_slots(), false) {}

EdgeExplainer::~EdgeExplainer() = default;

Explanation EdgeExplainer::explain(EdgeId e) {
  limits_.poll(0);
  Explanation x;
  x.fact = edge_text(store_, e);
  x.derived = store_.edge_derived(e);
  if (explained_[e]) {
    x.shown_above = true;
    return x;
  }
  const auto evidence = store_.edge_evidence(e);
  if (!x.derived) {
    explained_[e] = true;
    x.evidence = evidence;
    return x;
  }
  if (on_path_[e]) {
    x.cycle = true;
    return x;
  }
  on_path_[e] = true;
  for (const auto& ev : evidence) {
    const Value* premises = find_entry(ev.extra, "premises");
    if (!premises || premises->type() != Value::Type::List) {
      x.evidence.push_back(ev);
      continue;
    }
    if (x.rule.empty()) x.rule = ev.rule;
    if (ev.rule != x.rule) continue;  // one derivation is enough to show why
    for (const auto& pm : premises->as_list()) {
      const std::vector<EdgeId> found = premise_in_graph(store_, pm);
      if (found.empty()) {
        Explanation m;
        m.fact = premise_field(pm, "source") + " " + premise_field(pm, "type") + " " +
                 premise_field(pm, "target");
        m.missing = true;
        x.premises.push_back(m);
        continue;
      }
      for (EdgeId pe : found) x.premises.push_back(explain(pe));
    }
  }
  on_path_[e] = false;
  explained_[e] = true;
  return x;
}

Explanation explain_edge(const GraphStore& store, EdgeId edge, const Limits& limits) {
  return EdgeExplainer(store, limits).explain(edge);
}

}  // namespace normgraph::rules
