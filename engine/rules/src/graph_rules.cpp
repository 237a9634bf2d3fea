#include "normgraph/rules/graph_rules.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

#include "normgraph/engine/errors.hpp"
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
  std::string dir;
  if (const char* env = std::getenv("NORMGRAPH_ONTOLOGY_DIR"); env && *env)
    dir = std::string(env) + "/rules";
  else
    dir = std::string(NORMGRAPH_ONTOLOGY_SOURCE_DIR) + "/rules";
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
        std::vector<EdgeId> graph_edges;
        std::vector<FactRef> derived;
        eval.premise_edges(f, derive, graph_edges, derived);
        for (EdgeId e : graph_edges) {
          const EdgeEnds ends = store.edge_ends(e);
          premises.push_back(premise_map(store.node_id(ends.source),
                                         store.edge_type_name(ends.type),
                                         store.node_id(ends.target)));
        }
        for (FactRef df : derived) {
          auto dt = eval.tuple(df);
          premises.push_back(
              premise_map(eval.show(dt[0]), p.relations[df.relation].name, eval.show(dt[1])));
        }
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

std::vector<Violation> rule_violations(const Evaluation& eval) {
  const CompiledProgram& p = eval.program();
  const GraphStore& store = eval.store();
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
        v.facts.push_back(edge_text(store, e));
        std::vector<Evidence> ev;
        leaf_evidence(explain_edge(store, e), ev);
        add_evidence(v.evidence, ev);
      }
      out.push_back(std::move(v));
    }
  }
  return out;
}

namespace {

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

void node_checks(const GraphStore& store, const ontology::Schema& schema,
                 std::vector<Violation>& out) {
  store.for_each_node([&](NodeId n) {
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

void edge_checks(const GraphStore& store, const ontology::Schema& schema,
                 std::vector<Violation>& out) {
  for (EdgeId e = 0; e < store.edge_slots(); ++e) {
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
        Explanation x;
        bool found = false;
        if (pm.type() == Value::Type::Map) {
          const Value *s = find_entry(pm.as_map(), "source"), *t = find_entry(pm.as_map(), "type"),
                      *d = find_entry(pm.as_map(), "target");
          if (s && t && d && s->type() == Value::Type::String && t->type() == Value::Type::String &&
              d->type() == Value::Type::String) {
            auto sn = store.find_node(s->as_string()), dn = store.find_node(d->as_string());
            auto ty = store.find_edge_type(t->as_string());
            found = sn && dn && ty && store.find_edge(*sn, *ty, *dn);
          }
        }
        if (!found)
          out.push_back(element_violation("schema.dangling_reference", "error",
                                          edge_text(store, e) + " (rule " + ev.rule +
                                              ") rests on a premise that is not in the graph",
                                          bindings, {}));
      }
    }
  }
}

std::string premise_field(const Value& premise, const char* key) {
  if (premise.type() != Value::Type::Map) return "";
  const Value* v = find_entry(premise.as_map(), key);
  return v && v->type() == Value::Type::String ? v->as_string() : "";
}

Explanation explain(const GraphStore& store, EdgeId e, std::vector<EdgeId>& path) {
  Explanation x;
  x.fact = edge_text(store, e);
  x.derived = store.edge_derived(e);
  const auto evidence = store.edge_evidence(e);
  if (!x.derived) {
    x.evidence = evidence;
    return x;
  }
  if (std::find(path.begin(), path.end(), e) != path.end()) {
    x.cycle = true;
    return x;
  }
  path.push_back(e);
  for (const auto& ev : evidence) {
    const Value* premises = find_entry(ev.extra, "premises");
    if (!premises || premises->type() != Value::Type::List) {
      x.evidence.push_back(ev);
      continue;
    }
    if (x.rule.empty()) x.rule = ev.rule;
    if (ev.rule != x.rule) continue;  // one derivation is enough to show why
    for (const auto& pm : premises->as_list()) {
      const std::string s = premise_field(pm, "source"), t = premise_field(pm, "type"),
                        d = premise_field(pm, "target");
      auto sn = store.find_node(s), dn = store.find_node(d);
      auto ty = store.find_edge_type(t);
      std::optional<EdgeId> pe;
      if (sn && dn && ty) pe = store.find_edge(*sn, *ty, *dn);
      if (!pe) {
        Explanation m;
        m.fact = s + " " + t + " " + d;
        m.missing = true;
        x.premises.push_back(m);
        continue;
      }
      x.premises.push_back(explain(store, *pe, path));
    }
  }
  path.pop_back();
  return x;
}

}  // namespace

std::vector<Violation> schema_violations(const GraphStore& store, const ontology::Schema& schema) {
  std::vector<Violation> out;
  node_checks(store, schema, out);
  edge_checks(store, schema, out);
  return out;
}

Explanation explain_edge(const GraphStore& store, EdgeId edge) {
  std::vector<EdgeId> path;
  return explain(store, edge, path);
}

}  // namespace normgraph::rules
