// From the AST to the relational program: name resolution and arities, lowering of closures
// and checks to plain rules, safety, stratification.
#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <set>
#include <sstream>

#include "normgraph/ontology/schema.hpp"
#include "normgraph/rules/parser.hpp"
#include "normgraph/rules/program.hpp"

namespace normgraph::rules {

std::optional<uint32_t> CompiledProgram::find_relation(std::string_view name) const {
  for (uint32_t i = 0; i < relations.size(); ++i)
    if (relations[i].name == name) return i;
  return std::nullopt;
}

namespace {

std::string at(const SourcePos& pos, const std::string& msg) {
  return located(pos.file, pos.line, pos.column, msg);
}

// What a predicate name in a body refers to.
enum class PredKind : uint8_t { Relation, Kind, Property, DateAfter, Unknown };

class Compiler {
 public:
  Compiler(const Program& program, const GraphStore& store, const ontology::Schema* schema)
      : prog_(program), store_(store), schema_(schema) {}

  CompiledProgram run() {
    declare_heads();
    apply_directives();
    for (const auto& rule : prog_.rules) lower_rule(rule);
    for (size_t i = 0; i < prog_.checks.size(); ++i) lower_check(prog_.checks[i], i);
    if (problems_.empty()) check_safety();
    if (problems_.empty()) stratify();
    if (!problems_.empty()) throw RuleError(problems_);
    return std::move(out_);
  }

 private:
  // ---- names

  bool is_edge_type(const std::string& name) const {
    return store_.find_edge_type(name) || (schema_ && schema_->edge_type(name));
  }
  bool is_kind(const std::string& name) const {
    return (schema_ && schema_->kind(name)) || store_.label_size_estimate(name) > 0;
  }
  // consult_graph: also the keys nodes of the graph have (a scan of every node, done once
  // and only for a body predicate that is nothing else).
  bool is_property(const std::string& name, bool consult_graph = true) {
    if (name == "name" || name == "id" || name == "kind") return true;
    if (schema_)
      for (const auto& k : schema_->kinds())
        if (k.property(name)) return true;
    return consult_graph && store_property_keys().count(name) > 0;
  }

  // The property keys nodes of the graph have, read once when a name is not known otherwise.
  const std::set<std::string>& store_property_keys() {
    if (!property_keys_) {
      property_keys_.emplace();
      store_.for_each_node([&](NodeId n) {
        for (const auto& entry : store_.node_props(n)) property_keys_->insert(entry.key);
      });
    }
    return *property_keys_;
  }

  // The built-in relation evidence(Type, Source, Target, Doc, Date, Year): one fact per
  // evidence item of an edge, with its document and date (docs/rules.md).
  static bool is_evidence_builtin(const std::string& name) { return name == "evidence"; }
  bool names_evidence(const std::string& name) const {
    return is_evidence_builtin(name) && !idb_.count(name) && !is_edge_type(name);
  }

  PredKind classify(const std::string& name) {
    if (idb_.count(name) || is_edge_type(name) || names_evidence(name)) return PredKind::Relation;
    if (name == "date_after") return PredKind::DateAfter;
    if (is_kind(name)) return PredKind::Kind;
    if (is_property(name)) return PredKind::Property;
    return PredKind::Unknown;
  }

  // "; did you mean 'X'?" for the known name closest to a misspelt one (ignoring case, at
  // most two edits away and fewer for short names), else nothing.
  std::string suggestion(const std::string& name) const {
    std::vector<std::string> known;
    for (EdgeType t = 0; t < store_.edge_type_count(); ++t)
      known.emplace_back(store_.edge_type_name(t));
    if (schema_) {
      for (const auto& e : schema_->edge_types()) known.push_back(e.name);
      for (const auto& k : schema_->kinds()) known.push_back(k.name);
    }
    for (const auto& [idb, arity] : idb_) known.push_back(idb);
    std::string best;
    size_t best_distance = std::min<size_t>(2, name.size() / 3) + 1;  // short names: exact
    for (const auto& k : known)
      if (size_t d = edit_distance(name, k); d < best_distance) best = k, best_distance = d;
    return best.empty() ? "" : "; did you mean '" + best + "'?";
  }

  static size_t edit_distance(const std::string& a, const std::string& b) {
    auto lower = [](char c) {
      return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    };
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
      size_t diagonal = row[0];
      row[0] = i;
      for (size_t j = 1; j <= b.size(); ++j) {
        const size_t up = row[j];
        row[j] = std::min(
            {row[j] + 1, row[j - 1] + 1, diagonal + (lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1)});
        diagonal = up;
      }
    }
    return row[b.size()];
  }

  uint32_t relation(const std::string& name, uint32_t arity, bool internal = false) {
    if (auto r = out_.find_relation(name)) return *r;
    RelationInfo info;
    info.name = name;
    info.arity = arity;
    info.internal = internal;
    if (store_.find_edge_type(name)) info.edge_type = store_.find_edge_type(name);
    info.evidence = names_evidence(name);
    out_.relations.push_back(info);
    return static_cast<uint32_t>(out_.relations.size() - 1);
  }

  void declare_heads() {
    for (const auto& r : prog_.rules) {
      const Literal& h = r.head;
      auto [it, fresh] = idb_.emplace(h.predicate, static_cast<uint32_t>(h.args.size()));
      if (!fresh && it->second != h.args.size()) {
        problem(h.pos, "'" + h.predicate + "' has " + std::to_string(h.args.size()) +
                           " argument(s) here but " + std::to_string(it->second) + " elsewhere");
        continue;
      }
      if (!fresh) continue;
      if (h.predicate == "date_after" ||
          (!is_edge_type(h.predicate) && (is_kind(h.predicate) || is_property(h.predicate, false))))
        problem(h.pos, "'" + h.predicate +
                           "' is a node kind, a property or a built-in; rules cannot define it");
      if (is_edge_type(h.predicate) && h.args.size() != 2)
        problem(h.pos, "'" + h.predicate + "' is an edge type and takes 2 arguments, not " +
                           std::to_string(h.args.size()));
      uint32_t rel = relation(h.predicate, static_cast<uint32_t>(h.args.size()));
      out_.relations[rel].idb = true;
    }
  }

  void apply_directives() {
    for (const auto& d : prog_.directives) {
      auto rel = out_.find_relation(d.predicate);
      if (!rel || !out_.relations[*rel].idb) {
        problem(d.pos, "'" + d.predicate + "' is not defined by any rule");
        continue;
      }
      RelationInfo& info = out_.relations[*rel];
      if (d.kind == Directive::Kind::Output) {
        info.output = true;
        continue;
      }
      if (info.arity != 2) {
        problem(d.pos, "@derive needs a relation of 2 arguments; '" + d.predicate + "' has " +
                           std::to_string(info.arity));
        continue;
      }
      if (schema_) {
        const auto* spec = schema_->edge_type(d.predicate);
        if (!spec)
          problem(d.pos, "@derive " + d.predicate +
                             ": the schema has no such edge type (add it to schema.json, "
                             "marked derived)");
        else if (!spec->derived)
          problem(d.pos, "@derive " + d.predicate +
                             ": the schema's edge type is asserted by loaders, not derived");
      }
      info.derive = true;
      info.output = true;
    }
  }

  // ---- lowering of bodies

  struct PendingClosure {
    size_t op;  // index in the body
    std::string edge;
    char kind;
  };

  struct RuleBuilder {
    CompiledRule rule;
    std::map<std::string, uint32_t> vars;
    std::vector<PendingClosure> closures;
    std::vector<SourcePos> var_pos;  // first position of each variable
  };

  Arg arg(RuleBuilder& b, const Term& t) {
    Arg a;
    if (t.kind == Term::Kind::Variable || t.kind == Term::Kind::Wildcard) {
      a.is_var = true;
      if (t.kind == Term::Kind::Wildcard) {  // a fresh variable each time
        a.wildcard = true;
        a.var = static_cast<uint32_t>(b.rule.var_names.size());
        b.rule.var_names.push_back("_");
        b.var_pos.push_back(t.pos);
        return a;
      }
      auto [it, fresh] = b.vars.emplace(t.text, static_cast<uint32_t>(b.rule.var_names.size()));
      if (fresh) {
        b.rule.var_names.push_back(t.text);
        b.var_pos.push_back(t.pos);
      }
      a.var = it->second;
    } else {
      a.constant = t;
    }
    return a;
  }

  bool lower_literal(RuleBuilder& b, const Literal& l) {
    Op op;
    op.pos = l.pos;
    op.negated = l.negated;
    if (l.kind == Literal::Kind::Comparison) {
      op.kind = OpKind::Compare;
      op.cmp = l.op;
      for (const auto& t : l.args) op.args.push_back(arg(b, t));
      b.rule.body.push_back(std::move(op));
      return true;
    }
    const PredKind pk = classify(l.predicate);
    auto want_arity = [&](size_t n, const std::string& what) {
      if (l.args.size() == n) return true;
      problem(l.pos, "'" + l.predicate + "' is " + what + " and takes " + std::to_string(n) +
                         " argument(s), not " + std::to_string(l.args.size()));
      return false;
    };
    if (l.closure) {
      if (pk != PredKind::Relation) {
        problem(l.pos, "'" + l.predicate + l.closure +
                           "': a closure needs an edge type or a rule-defined relation");
        return false;
      }
      const uint32_t arity = idb_.count(l.predicate) ? idb_.at(l.predicate) : 2;
      if (arity != 2) {
        problem(l.pos, "'" + l.predicate + l.closure + "': a closure needs a binary relation");
        return false;
      }
      if (!want_arity(2, "a closure")) return false;
      if (l.negated) {
        problem(l.pos, "a closure cannot be negated; define it with rules and negate that");
        return false;
      }
      for (const auto& t : l.args) op.args.push_back(arg(b, t));
      b.closures.push_back({b.rule.body.size(), l.predicate, l.closure});
      b.rule.body.push_back(std::move(op));
      return true;
    }
    switch (pk) {
      case PredKind::Unknown:
        problem(l.pos, "unknown predicate '" + l.predicate +
                           "': not an edge type, a node kind, a property, a built-in or a "
                           "relation defined by a rule" +
                           suggestion(l.predicate));
        return false;
      case PredKind::Relation: {
        const bool evidence = names_evidence(l.predicate);
        const uint32_t arity = idb_.count(l.predicate) ? idb_.at(l.predicate) : evidence ? 6 : 2;
        if (!want_arity(arity, idb_.count(l.predicate)
                                   ? "defined with " + std::to_string(arity) + " argument(s)"
                               : evidence ? "the built-in evidence(Type, Source, Target, Doc, "
                                            "Date, Year)"
                                          : "an edge type"))
          return false;
        op.kind = OpKind::Relation;
        op.relation = relation(l.predicate, arity);
        break;
      }
      case PredKind::Kind:
        if (!want_arity(1, "a node kind")) return false;
        op.kind = OpKind::Kind;
        op.name = l.predicate;
        break;
      case PredKind::Property:
        if (!want_arity(2, "a property")) return false;
        op.kind = OpKind::Property;
        op.name = l.predicate;
        break;
      case PredKind::DateAfter:
        if (!want_arity(2, "a built-in")) return false;
        op.kind = OpKind::DateAfter;
        break;
    }
    for (const auto& t : l.args) op.args.push_back(arg(b, t));
    b.rule.body.push_back(std::move(op));
    return true;
  }

  // Variables bound by the body's positive operations, closures left out (they bind both of
  // their ends once one is bound, which lower_closures decides).
  static std::vector<bool> bound_without_closures(const RuleBuilder& b) {
    std::vector<bool> bound(b.rule.var_names.size(), false);
    std::set<size_t> closure_ops;
    for (const auto& c : b.closures) closure_ops.insert(c.op);
    bool changed = true;
    while (changed) {
      changed = false;
      for (size_t i = 0; i < b.rule.body.size(); ++i) {
        const Op& op = b.rule.body[i];
        if (op.negated || closure_ops.count(i)) continue;
        if (op.kind == OpKind::Compare) {
          if (op.cmp != CompareOp::Eq) continue;
          const Arg &x = op.args[0], &y = op.args[1];
          auto is_bound = [&](const Arg& a) { return !a.is_var || bound[a.var]; };
          for (auto [from, to] : {std::pair{&x, &y}, std::pair{&y, &x}})
            if (is_bound(*from) && to->is_var && !bound[to->var]) bound[to->var] = changed = true;
          continue;
        }
        if (op.kind == OpKind::DateAfter) continue;
        for (const auto& a : op.args)
          if (a.is_var && !bound[a.var]) bound[a.var] = changed = true;
      }
    }
    return bound;
  }

  // E*(X, Y) with X bound elsewhere becomes star(X, Y) over
  //   seed(X) :- <an atom of the body that binds X>.
  //   star(X, X) :- seed(X).
  //   star(X, Z) :- star(X, Y), E(Y, Z).
  // (mirrored when only Y is bound), so only the part of the closure the rule can use is
  // computed. E+(X, Y) becomes the whole transitive closure, shared by every rule using it.
  void lower_closures(RuleBuilder& b) {
    const std::vector<bool> bound = bound_without_closures(b);
    for (const auto& c : b.closures) {
      Op& op = b.rule.body[c.op];
      const uint32_t edge = relation(c.edge, 2);
      if (c.kind == '+') {
        op.kind = OpKind::Relation;
        op.relation = plus_relation(c.edge, edge);
        continue;
      }
      auto is_bound = [&](const Arg& a) { return !a.is_var || bound[a.var]; };
      const bool forward = is_bound(op.args[0]);
      if (!forward && !is_bound(op.args[1])) {
        problem(op.pos, "'" + c.edge +
                            "*': one of its two ends must be bound by another atom of the "
                            "body (the reflexive closure of every node is not computed)");
        continue;
      }
      const Arg& from = op.args[forward ? 0 : 1];
      const std::string base = "_" + c.edge + "*" + std::to_string(++closure_count_);
      const uint32_t seed = relation(base + ".seed", 1, true);
      const uint32_t star = relation(base, 2, true);
      out_.relations[seed].idb = out_.relations[star].idb = true;
      out_.relations[seed].domain = true;
      add_seed_rule(b, seed, from, op.pos);
      // star(X, X) :- seed(X).
      CompiledRule refl;
      refl.name = base + ".reflexive";
      refl.head = star;
      refl.var_names = {"X"};
      refl.head_args = {var(0), var(0)};
      refl.body.push_back(relation_op(seed, {var(0)}, op.pos));
      refl.pos = op.pos;
      out_.rules.push_back(refl);
      // forward: star(X, Z) :- star(X, Y), E(Y, Z).  backward: star(X, Z) :- star(Y, Z), E(X, Y).
      CompiledRule step;
      step.name = base + ".step";
      step.head = star;
      step.var_names = {"X", "Y", "Z"};
      step.head_args = {var(0), var(2)};
      step.pos = op.pos;
      if (forward) {
        step.body.push_back(relation_op(star, {var(0), var(1)}, op.pos));
        step.body.push_back(relation_op(edge, {var(1), var(2)}, op.pos));
      } else {
        step.body.push_back(relation_op(star, {var(1), var(2)}, op.pos));
        step.body.push_back(relation_op(edge, {var(0), var(1)}, op.pos));
      }
      out_.rules.push_back(step);
      op.kind = OpKind::Relation;
      op.relation = star;
    }
  }

  void add_seed_rule(const RuleBuilder& b, uint32_t seed, const Arg& from, const SourcePos& pos) {
    CompiledRule r;
    r.name = out_.relations[seed].name;
    r.head = seed;
    r.pos = pos;
    r.var_names = b.rule.var_names;
    r.head_args = {from};
    if (from.is_var) {
      std::set<size_t> closure_ops;
      for (const auto& c : b.closures) closure_ops.insert(c.op);
      for (size_t i = 0; i < b.rule.body.size() && r.body.empty(); ++i) {
        const Op& o = b.rule.body[i];
        if (o.negated || closure_ops.count(i) || o.kind == OpKind::Compare ||
            o.kind == OpKind::DateAfter)
          continue;
        for (const auto& a : o.args)
          if (a.is_var && a.var == from.var) {
            r.body.push_back(o);
            break;
          }
      }
      if (r.body.empty()) {  // bound only through '=': the whole body (minus closures) seeds
        for (size_t i = 0; i < b.rule.body.size(); ++i)
          if (!closure_ops.count(i)) r.body.push_back(b.rule.body[i]);
      }
    }
    out_.rules.push_back(r);
  }

  uint32_t plus_relation(const std::string& edge_name, uint32_t edge) {
    const std::string name = "_" + edge_name + "+";
    if (auto r = out_.find_relation(name)) return *r;
    const uint32_t plus = relation(name, 2, true);
    out_.relations[plus].idb = true;
    CompiledRule base;
    base.name = name + ".base";
    base.head = plus;
    base.var_names = {"X", "Y", "Z"};
    base.head_args = {var(0), var(1)};
    base.body.push_back(relation_op(edge, {var(0), var(1)}, {}));
    out_.rules.push_back(base);
    CompiledRule step = base;
    step.name = name + ".step";
    step.head_args = {var(0), var(2)};
    step.body = {relation_op(plus, {var(0), var(1)}, {}), relation_op(edge, {var(1), var(2)}, {})};
    out_.rules.push_back(step);
    return plus;
  }

  static Arg var(uint32_t v) {
    Arg a;
    a.is_var = true;
    a.var = v;
    return a;
  }
  static Op relation_op(uint32_t rel, std::vector<Arg> args, const SourcePos& pos) {
    Op op;
    op.kind = OpKind::Relation;
    op.relation = rel;
    op.args = std::move(args);
    op.pos = pos;
    return op;
  }

  bool lower_body(RuleBuilder& b, const std::vector<Literal>& body) {
    bool ok = true;
    for (const auto& l : body) ok = lower_literal(b, l) && ok;
    if (ok) lower_closures(b);
    return ok;
  }

  void lower_rule(const Rule& r) {
    RuleBuilder b;
    b.rule.name = r.name;
    b.rule.pos = r.pos;
    b.rule.head = *out_.find_relation(r.head.predicate);
    for (const auto& t : r.head.args) {
      if (t.kind == Term::Kind::Wildcard) {
        problem(t.pos, "'_' cannot appear in a rule's head");
        return;
      }
      b.rule.head_args.push_back(arg(b, t));
    }
    if (lower_body(b, r.body)) add_rule(std::move(b));
  }

  void lower_check(const Check& c, size_t index) {
    RuleBuilder b;
    b.rule.name = "check " + c.name;
    b.rule.pos = c.pos;
    b.rule.check = static_cast<int>(index);
    if (!lower_body(b, c.body)) return;
    CompiledCheck cc;
    cc.name = c.name;
    cc.severity = c.severity;
    cc.message = c.message;
    cc.pos = c.pos;
    // The violation's columns: the body's named variables, in order of appearance.
    for (uint32_t v = 0; v < b.rule.var_names.size(); ++v)
      if (b.rule.var_names[v][0] != '_') {
        cc.variables.push_back(b.rule.var_names[v]);
        b.rule.head_args.push_back(var(v));
      }
    check_template(c, b);
    cc.relation = relation("check:" + c.name, static_cast<uint32_t>(cc.variables.size()), true);
    if (out_.relations[cc.relation].idb) problem(c.pos, "a second check named '" + c.name + "'");
    out_.relations[cc.relation].idb = true;
    b.rule.head = cc.relation;
    out_.checks.push_back(cc);
    add_rule(std::move(b));
  }

  void check_template(const Check& c, const RuleBuilder& b) {
    for (size_t i = c.message.find('{'); i != std::string::npos; i = c.message.find('{', i + 1)) {
      size_t end = c.message.find('}', i);
      if (end == std::string::npos) {
        problem(c.pos, "check '" + c.name + "': unclosed '{' in the message");
        return;
      }
      std::string name = c.message.substr(i + 1, end - i - 1);
      if (!b.vars.count(name) || name[0] == '_')
        problem(c.pos, "check '" + c.name + "': the message names {" + name +
                           "}, which is not a variable of the body");
    }
  }

  void add_rule(RuleBuilder&& b) {
    safety_positions_.push_back(std::move(b.var_pos));
    safety_rule_index_.push_back(out_.rules.size());
    out_.rules.push_back(std::move(b.rule));
  }

  // ---- safety: every variable of the head, of a negation and of a comparison must be bound
  // by a positive atom (or by '=' from a bound value).

  void check_safety() {
    for (size_t k = 0; k < safety_rule_index_.size(); ++k) {
      const CompiledRule& r = out_.rules[safety_rule_index_[k]];
      const auto& pos = safety_positions_[k];
      std::vector<bool> bound = bound_vars(r);
      auto require = [&](const Arg& a, const std::string& where) {
        if (a.is_var && !bound[a.var]) {
          std::string name = r.var_names[a.var];
          if (name[0] == '_') name = "_";
          problem(pos[a.var], "unsafe variable " + name + " in rule '" + r.name + "': it " + where +
                                  " but no positive atom of the body binds it");
          bound[a.var] = true;  // report each variable once
        }
      };
      for (const auto& a : r.head_args) require(a, "appears in the head");
      for (const auto& op : r.body) {
        if (op.negated) {
          for (const auto& a : op.args)
            if (!a.wildcard) require(a, "appears in a negated atom");
        } else if (op.kind == OpKind::Compare || op.kind == OpKind::DateAfter) {
          for (const auto& a : op.args) require(a, "appears in a comparison");
        }
      }
    }
  }

  static std::vector<bool> bound_vars(const CompiledRule& r) {
    std::vector<bool> bound(r.var_names.size(), false);
    bool changed = true;
    while (changed) {
      changed = false;
      for (const Op& op : r.body) {
        if (op.negated || op.kind == OpKind::DateAfter) continue;
        if (op.kind == OpKind::Compare) {
          if (op.cmp != CompareOp::Eq) continue;
          auto is_bound = [&](const Arg& a) { return !a.is_var || bound[a.var]; };
          const Arg &x = op.args[0], &y = op.args[1];
          for (auto [from, to] : {std::pair{&x, &y}, std::pair{&y, &x}})
            if (is_bound(*from) && to->is_var && !bound[to->var]) bound[to->var] = changed = true;
          continue;
        }
        for (const auto& a : op.args)
          if (a.is_var && !bound[a.var]) bound[a.var] = changed = true;
      }
    }
    return bound;
  }

  // ---- stratification (Tarjan's strongly connected components over rule dependencies)

  void stratify() {
    const size_t n = out_.relations.size();
    struct Dep {
      uint32_t to;
      bool negative;
      const Op* op;
    };
    std::vector<std::vector<Dep>> deps(n);  // body relation -> head relation
    for (const auto& r : out_.rules)
      for (const auto& op : r.body)
        if (op.kind == OpKind::Relation && out_.relations[op.relation].idb)
          deps[op.relation].push_back({r.head, op.negated, &op});
    std::vector<int> index(n, -1), low(n, 0), comp(n, -1);
    std::vector<bool> on_stack(n, false);
    std::vector<uint32_t> stack;
    std::vector<std::vector<uint32_t>> comps;
    int counter = 0;
    std::function<void(uint32_t)> visit = [&](uint32_t v) {
      index[v] = low[v] = counter++;
      stack.push_back(v);
      on_stack[v] = true;
      for (const auto& d : deps[v]) {
        if (index[d.to] < 0) {
          visit(d.to);
          low[v] = std::min(low[v], low[d.to]);
        } else if (on_stack[d.to]) {
          low[v] = std::min(low[v], index[d.to]);
        }
      }
      if (low[v] != index[v]) return;
      comps.emplace_back();
      for (;;) {
        uint32_t w = stack.back();
        stack.pop_back();
        on_stack[w] = false;
        comp[w] = static_cast<int>(comps.size() - 1);
        comps.back().push_back(w);
        if (w == v) break;
      }
    };
    for (uint32_t v = 0; v < n; ++v)
      if (out_.relations[v].idb && index[v] < 0) visit(v);
    for (const auto& r : out_.rules)  // in source order
      for (const auto& op : r.body)
        if (op.negated && op.kind == OpKind::Relation && out_.relations[op.relation].idb &&
            comp[op.relation] == comp[r.head])
          problem(op.pos, "the program is not stratifiable: '" + out_.relations[r.head].name +
                              "' depends on 'not " + out_.relations[op.relation].name +
                              "', which depends on '" + out_.relations[r.head].name +
                              "' in turn (recursion through negation)");
    // Tarjan emits a component after every component it reaches, i.e. dependents first.
    std::reverse(comps.begin(), comps.end());
    for (const auto& c : comps) {
      Stratum s;
      s.relations = c;
      for (uint32_t i = 0; i < out_.rules.size(); ++i) {
        const CompiledRule& r = out_.rules[i];
        if (std::find(c.begin(), c.end(), r.head) == c.end()) continue;
        s.rules.push_back(i);
        for (const auto& op : r.body)
          if (op.kind == OpKind::Relation && std::find(c.begin(), c.end(), op.relation) != c.end())
            s.recursive = true;
      }
      out_.strata.push_back(std::move(s));
    }
  }

  void problem(const SourcePos& pos, const std::string& msg) { problems_.push_back(at(pos, msg)); }

  const Program& prog_;
  const GraphStore& store_;
  const ontology::Schema* schema_;
  CompiledProgram out_;
  std::map<std::string, uint32_t> idb_;  // rule-defined predicate -> arity
  std::vector<std::vector<SourcePos>> safety_positions_;
  std::vector<size_t> safety_rule_index_;
  int closure_count_ = 0;
  std::optional<std::set<std::string>> property_keys_;
  std::vector<std::string> problems_;
};

std::string show(const CompiledRule& r, const Arg& a) {
  if (a.is_var) return r.var_names[a.var];
  if (a.constant.kind == Term::Kind::Integer) return std::to_string(a.constant.integer);
  return "\"" + a.constant.text + "\"";
}

}  // namespace

CompiledProgram compile(const Program& program, const GraphStore& store,
                        const ontology::Schema* schema) {
  return Compiler(program, store, schema).run();
}

std::string describe(const CompiledProgram& p) {
  std::ostringstream out;
  for (size_t s = 0; s < p.strata.size(); ++s) {
    out << "stratum " << s << (p.strata[s].recursive ? " (recursive)" : "") << ":";
    for (uint32_t r : p.strata[s].relations) out << ' ' << p.relations[r].name;
    out << '\n';
    for (uint32_t i : p.strata[s].rules) {
      const CompiledRule& r = p.rules[i];
      out << "  " << r.name << ": " << p.relations[r.head].name << '(';
      for (size_t k = 0; k < r.head_args.size(); ++k)
        out << (k ? ", " : "") << show(r, r.head_args[k]);
      out << ") :- ";
      for (size_t k = 0; k < r.body.size(); ++k) {
        const Op& op = r.body[k];
        out << (k ? ", " : "") << (op.negated ? "not " : "");
        if (op.kind == OpKind::Compare) {
          out << show(r, op.args[0]) << ' ' << to_string(op.cmp) << ' ' << show(r, op.args[1]);
          continue;
        }
        out << (op.kind == OpKind::Relation    ? p.relations[op.relation].name
                : op.kind == OpKind::DateAfter ? std::string("date_after")
                                               : op.name)
            << '(';
        for (size_t j = 0; j < op.args.size(); ++j) out << (j ? ", " : "") << show(r, op.args[j]);
        out << ')';
      }
      out << ".\n";
    }
  }
  return out.str();
}

}  // namespace normgraph::rules
