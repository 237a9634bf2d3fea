// run_checks, explain_fact and the JSON of checks and explanations (docs/rules.md). RapidJSON
// is included here only.
#include "normgraph/rules/report.hpp"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <chrono>
#include <unordered_set>

#include "normgraph/core/errors.hpp"
#include "normgraph/core/strings.hpp"
#include "normgraph/engine/json_evidence.hpp"
#include "normgraph/ontology/schema.hpp"
#include "normgraph/rules/parser.hpp"
#include "normgraph/rules/program.hpp"

namespace normgraph::rules {

using json::write_evidence_list;
using json::write_key;
using json::write_string;

namespace {
double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}
}  // namespace

EvaluatedRules::EvaluatedRules(const GraphStore& store, const ontology::Schema& schema,
                               const std::vector<std::string>& rule_files, const Limits& limits)
    : program_(compile(parse_files(rule_files), store, &schema)),
      eval_(program_, store, EvalOptions{.limits = limits}) {
  const auto t0 = std::chrono::steady_clock::now();
  eval_.run();
  ms_ = ms_since(t0);
}

CheckReport run_checks(const EvaluatedRules& rules, const ontology::Schema& schema,
                       bool schema_checks, const Limits& limits) {
  const auto t0 = std::chrono::steady_clock::now();
  const Evaluation& eval = rules.evaluation();
  CheckReport report;
  if (schema_checks) report.violations = schema_violations(eval.store(), schema, limits);
  for (auto& v : rule_violations(eval, limits)) report.violations.push_back(std::move(v));
  for (const auto& v : report.violations) {
    ++(v.severity == "error"     ? report.errors
       : v.severity == "warning" ? report.warnings
                                 : report.infos);
    auto it = std::find_if(report.by_check.begin(), report.by_check.end(),
                           [&](const auto& c) { return c.check == v.check; });
    if (it == report.by_check.end())
      report.by_check.push_back({v.check, v.severity, 1});
    else
      ++it->count;
  }
  report.rule_checks = eval.program().checks.size();
  report.ms = rules.ms() + ms_since(t0);
  return report;
}

CheckReport run_checks(const GraphStore& store, const ontology::Schema& schema,
                       const CheckOptions& options) {
  // One deadline for the whole check: what the evaluation used is not given again.
  const auto t0 = std::chrono::steady_clock::now();
  const EvaluatedRules rules(store, schema, options.rule_files, options.limits);
  Limits rest = options.limits;
  if (rest.time_limit_seconds > 0)
    rest.time_limit_seconds = std::max(1e-3, rest.time_limit_seconds - ms_since(t0) / 1000.0);
  return run_checks(rules, schema, options.schema_checks, rest);
}

// ---- facts written as relation(arg, ...)

namespace {

bool needs_quotes(std::string_view arg) {
  return arg.empty() || arg.find_first_of(",()\"\\") != std::string_view::npos ||
         arg.front() == ' ' || arg.back() == ' ';
}

std::string quoted(std::string_view arg) {
  std::string out = "\"";
  for (char c : arg) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + '"';
}

struct ParsedFact {
  std::string relation;
  std::vector<std::string> args;
};

[[noreturn]] void bad_fact(std::string_view fact, const std::string& why) {
  throw FactSyntaxError("fact '" + std::string(fact) + "': " + why +
                        " (write it as relation(arg, ...))");
}

ParsedFact parse_fact(std::string_view fact) {
  const size_t open = fact.find('(');
  const std::string_view body = trim(fact, " ");
  if (open == std::string_view::npos || body.empty() || body.back() != ')')
    bad_fact(fact, "no argument list");
  ParsedFact out{std::string(trim(fact.substr(0, open), " ")), {}};
  if (out.relation.empty()) bad_fact(fact, "no relation name");
  std::string_view rest = fact.substr(open + 1);
  rest = trim(rest, " ");
  rest.remove_suffix(1);  // the ')'
  if (trim(rest, " ").empty()) return out;
  for (size_t i = 0;;) {
    while (i < rest.size() && rest[i] == ' ') ++i;
    std::string arg;
    if (i < rest.size() && rest[i] == '"') {
      for (++i; i < rest.size() && rest[i] != '"'; ++i) {
        if (rest[i] == '\\' && i + 1 < rest.size()) ++i;
        arg += rest[i];
      }
      if (i == rest.size()) bad_fact(fact, "an unterminated quoted argument");
      ++i;
      while (i < rest.size() && rest[i] == ' ') ++i;
    } else {
      const size_t comma = std::min(rest.find(',', i), rest.size());
      arg = std::string(trim(rest.substr(i, comma - i), " "));
      i = comma;
    }
    out.args.push_back(std::move(arg));
    if (i == rest.size()) return out;
    if (rest[i] != ',') bad_fact(fact, "expected ',' between arguments");
    ++i;
  }
}

// The relation a fact names: one of the program's, or a check's by the check's name.
uint32_t fact_relation(const CompiledProgram& p, const ParsedFact& f, std::string_view text) {
  for (const CompiledCheck& c : p.checks)
    if (c.name == f.relation) return c.relation;
  auto r = p.find_relation(f.relation);
  if (!r)
    throw InputError("fact '" + std::string(text) + "': no relation or check named '" + f.relation +
                     "'");
  return *r;
}

std::string fact_text(const Evaluation& eval, FactRef f) {
  const CompiledProgram& p = eval.program();
  const auto tuple = eval.tuple(f);
  const RelationInfo& rel = p.relations[f.relation];
  if ((rel.edge_type || rel.derive) && tuple.size() == 2)
    return eval.show(tuple[0]) + " " + rel.name + " " + eval.show(tuple[1]);
  std::string name = rel.name;
  for (const CompiledCheck& c : p.checks)
    if (c.relation == f.relation) name = c.name;
  std::vector<std::string> args;
  for (TermId t : tuple) args.push_back(eval.show(t));
  return format_fact(name, args);
}

// Explains facts of an evaluation; a fact explained once is named only afterwards
// (Explanation::shown_above), as EdgeExplainer does for edges.
class FactExplainer {
 public:
  FactExplainer(const Evaluation& eval, const Limits& limits)
      : eval_(eval), edges_(eval.store(), limits) {}

  Explanation explain(FactRef f) {
    edges_.limits().poll(0);
    if (auto e = eval_.edge_of(f)) return edges_.explain(*e);
    Explanation x;
    x.fact = fact_text(eval_, f);
    const auto d = eval_.derivation(f);
    if (!d) return x;
    x.derived = true;
    x.rule = eval_.program().rules[d->rule].name;
    if (explained_.count(key(f))) {
      x.shown_above = true;
      return x;
    }
    if (!on_path_.insert(key(f)).second) {
      x.cycle = true;
      return x;
    }
    for (FactRef premise : d->premises) add_premise(premise, x.premises);
    on_path_.erase(key(f));
    explained_.insert(key(f));
    return x;
  }

 private:
  static uint64_t key(FactRef f) { return (uint64_t{f.relation} << 32) | f.tuple; }

  // Adds the explanation of premise `p` to `out`. The relations lowering made (closures) mean
  // nothing to a reader: their facts are replaced by their own premises.
  void add_premise(FactRef p, std::vector<Explanation>& out) {
    const RelationInfo& rel = eval_.program().relations[p.relation];
    if (rel.domain) return;  // a closure's start value: no evidence of anything
    if (rel.internal && !eval_.edge_of(p)) {
      const auto d = eval_.derivation(p);
      if (!d || !expanding_.insert(key(p)).second) return;  // a cycle
      for (FactRef q : d->premises) add_premise(q, out);
      expanding_.erase(key(p));
      return;
    }
    Explanation x = explain(p);
    for (const auto& have : out)
      if (have.fact == x.fact) return;
    out.push_back(std::move(x));
  }

  const Evaluation& eval_;
  EdgeExplainer edges_;
  std::unordered_set<uint64_t> on_path_, explained_, expanding_;
};

}  // namespace

std::string format_fact(std::string_view relation, const std::vector<std::string>& args) {
  std::string out = std::string(relation) + "(";
  for (size_t k = 0; k < args.size(); ++k)
    out += (k ? ", " : "") + (needs_quotes(args[k]) ? quoted(args[k]) : args[k]);
  return out + ")";
}

Explanation explain_fact(const Evaluation& eval, std::string_view text, const Limits& limits) {
  const ParsedFact fact = parse_fact(text);
  const uint32_t relation = fact_relation(eval.program(), fact, text);
  const uint32_t arity = eval.program().relations[relation].arity;
  if (fact.args.size() != arity)
    bad_fact(text, "'" + fact.relation + "' takes " + std::to_string(arity) + " argument(s), not " +
                       std::to_string(fact.args.size()));
  for (uint32_t i = 0; i < eval.size(relation); ++i) {
    const FactRef f{relation, i};
    const auto tuple = eval.tuple(f);
    bool same = true;
    for (size_t k = 0; k < tuple.size() && same; ++k) same = eval.show(tuple[k]) == fact.args[k];
    if (!same) continue;
    return FactExplainer(eval, limits).explain(f);
  }
  throw InputError("fact '" + std::string(text) + "' does not hold");
}

EdgeId find_edge_by_text(const GraphStore& store, std::string_view text) {
  std::string source, type, target;
  const size_t open = text.find("-["), close = text.find("]->");
  if (open != std::string_view::npos && close != std::string_view::npos && open < close) {
    source = trim(text.substr(0, open), " ");
    type = trim(text.substr(open + 2, close - open - 2), " ");
    target = trim(text.substr(close + 3), " ");
  } else {
    std::vector<std::string> words;
    for (size_t i = 0; i < text.size();) {
      const size_t end = std::min(text.find(' ', i), text.size());
      if (end > i) words.emplace_back(text.substr(i, end - i));
      i = end + 1;
    }
    if (words.size() != 3)
      throw FactSyntaxError("edge '" + std::string(text) +
                            "': write it as SOURCE-[TYPE]->TARGET or SOURCE TYPE TARGET");
    source = words[0], type = words[1], target = words[2];
  }
  return find_edge(store, source, type, target);
}

EdgeId find_edge(const GraphStore& store, const std::string& source, const std::string& type,
                 const std::string& target) {
  auto s = store.find_node(source), t = store.find_node(target);
  auto ty = store.find_edge_type(type);
  std::optional<EdgeId> edge;
  if (s && t && ty) edge = store.find_edge(*s, *ty, *t);
  if (!edge)
    throw InputError("no edge " + source + " -[" + type + "]-> " + target + " in the graph");
  return *edge;
}

// ---- JSON

namespace {

template <class Writer>
void write_violation(Writer& w, const GraphStore& store, const Violation& v) {
  w.StartObject();
  write_key(w, "check");
  write_string(w, v.check);
  write_key(w, "severity");
  write_string(w, v.severity);
  write_key(w, "message");
  write_string(w, v.message);
  if (!v.fact.empty()) {
    write_key(w, "fact");
    write_string(w, v.fact);
  }
  write_key(w, "bindings");
  w.StartObject();
  for (const auto& [var, value] : v.bindings) {
    write_key(w, var);
    write_string(w, value);
  }
  w.EndObject();
  write_key(w, "facts");
  w.StartArray();
  for (const auto& f : v.facts) write_string(w, f);
  w.EndArray();
  write_key(w, "evidence");
  write_evidence_list(w, store, v.evidence);
  w.EndObject();
}

template <class Writer>
void write_summary(Writer& w, const CheckReport& r) {
  write_key(w, "summary");
  w.StartObject();
  write_key(w, "errors"), w.Uint64(r.errors);
  write_key(w, "warnings"), w.Uint64(r.warnings);
  write_key(w, "info"), w.Uint64(r.infos);
  write_key(w, "checks"), w.Uint64(r.rule_checks);
  write_key(w, "ms"), w.Double(r.ms);
  write_key(w, "by_check");
  w.StartObject();
  for (const auto& c : r.by_check) {
    write_key(w, c.check);
    w.StartObject();
    write_key(w, "severity");
    write_string(w, c.severity);
    write_key(w, "count");
    w.Uint64(c.count);
    w.EndObject();
  }
  w.EndObject();
  w.EndObject();
}

template <class Writer>
void write_report(Writer& w, const GraphStore& store, const CheckReport& r,
                  const ReportPage& page) {
  w.StartObject();
  write_key(w, "violations");
  w.StartArray();
  size_t total = 0;
  for (const auto& v : r.violations) {
    if ((!page.severity.empty() && v.severity != page.severity) ||
        (!page.check.empty() && v.check != page.check))
      continue;
    if (total >= page.offset && total - page.offset < page.limit) write_violation(w, store, v);
    ++total;
  }
  w.EndArray();
  write_summary(w, r);
  if (page.offset > 0 || page.limit < total || !page.severity.empty() || !page.check.empty()) {
    write_key(w, "page");
    w.StartObject();
    write_key(w, "offset"), w.Uint64(page.offset);
    write_key(w, "listed"),
        w.Uint64(total > page.offset ? std::min(page.limit, total - page.offset) : 0);
    write_key(w, "total"), w.Uint64(total);
    w.EndObject();
  }
  w.EndObject();
}

template <class Writer>
void write_explanation(Writer& w, const GraphStore& store, const Explanation& x) {
  w.StartObject();
  write_key(w, "fact");
  write_string(w, x.fact);
  write_key(w, "derived");
  w.Bool(x.derived);
  if (x.derived) write_key(w, "rule"), write_string(w, x.rule);
  if (x.missing) write_key(w, "missing"), w.Bool(true);
  if (x.cycle) write_key(w, "cycle"), w.Bool(true);
  if (x.shown_above) write_key(w, "shown_above"), w.Bool(true);
  write_key(w, "evidence");
  write_evidence_list(w, store, x.evidence);
  write_key(w, "premises");
  w.StartArray();
  for (const auto& p : x.premises) write_explanation(w, store, p);
  w.EndArray();
  w.EndObject();
}

// Runs `write` with a compact or an indented writer and returns the text. `indent` false:
// one value per line without indentation, which for deep trees stays linear in size.
template <class Write>
std::string to_json(bool pretty, Write&& write, bool indent = true) {
  rapidjson::StringBuffer buffer;
  if (pretty) {
    rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buffer);
    if (!indent) w.SetIndent(' ', 0);
    write(w);
  } else {
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    write(w);
  }
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace

std::string check_report_json(const GraphStore& store, const CheckReport& report, bool pretty,
                              const ReportPage& page) {
  return to_json(pretty, [&](auto& w) { write_report(w, store, report, page); });
}

namespace {
// Pretty JSON of explanations deeper than this is not indented: the indentation of a deep
// derivation would grow with the square of its depth.
constexpr size_t kMaxIndentedDepth = 24;

size_t depth_of(const Explanation& x) {
  size_t deepest = 0;
  for (const auto& p : x.premises) deepest = std::max(deepest, depth_of(p));
  return deepest + 1;
}
}  // namespace

std::string explanations_json(const GraphStore& store, const std::vector<Explanation>& xs,
                              bool pretty) {
  size_t depth = 0;
  for (const auto& x : xs) depth = std::max(depth, depth_of(x));
  return to_json(
      pretty,
      [&](auto& w) {
        w.StartArray();
        for (const auto& x : xs) write_explanation(w, store, x);
        w.EndArray();
      },
      depth <= kMaxIndentedDepth);
}

std::string explanation_json(const GraphStore& store, const Explanation& x, bool pretty) {
  return to_json(
      pretty, [&](auto& w) { write_explanation(w, store, x); }, depth_of(x) <= kMaxIndentedDepth);
}

}  // namespace normgraph::rules
