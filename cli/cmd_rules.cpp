// normgraph rules / check / explain: the rule engine from the command line (docs/rules.md).
#include <algorithm>
#include <cstdio>
#include <iostream>

#include "commands.hpp"
#include "normgraph/engine/data_dir.hpp"
#include "normgraph/ontology/schema.hpp"
#include "normgraph/rules/evaluation.hpp"
#include "normgraph/rules/graph_rules.hpp"
#include "normgraph/rules/parser.hpp"
#include "normgraph/rules/program.hpp"
#include "normgraph/rules/report.hpp"
#include "viewed_graph.hpp"

namespace normgraph::cli {

namespace {

enum class Format { Text, Json };

Format parse_format(const ParsedArgs& args) {
  const std::string f = args.get_or("format", "text");
  if (f == "text") return Format::Text;
  if (f == "json") return Format::Json;
  throw UsageError("--format takes text or json, not '" + f + "'");
}

std::string evidence_line(const Evidence& e) {
  std::string where = e.doc.empty() ? "(no document)" : e.doc;
  if (e.paragraph >= 0) where += " paragraph " + std::to_string(e.paragraph);
  if (e.sentence >= 0) where += " sentence " + std::to_string(e.sentence);
  if (!e.rule.empty()) where += " [" + e.rule + "]";
  if (!e.text.empty()) where += ": \"" + e.text + "\"";
  return where;
}

// ---- rules

int run_rules(const ParsedArgs& args) {
  std::vector<std::string> files = args.operands();
  if (files.empty()) files = rules::default_rule_files();
  const rules::Program ast = rules::parse_files(files);
  TerminalProgress progress;
  const bool save = !args.flag("dry-run");
  DataDir dir(args.get_or("data", ""), save ? DataDir::Access::Write : DataDir::Access::Read);
  OpenedGraph graph(dir, progress.sink());
  GraphStore& store = graph.store();
  const auto schema = ontology::Schema::load_default();
  const rules::CompiledProgram program = rules::compile(ast, store, &schema);
  if (args.flag("plan")) std::cout << rules::describe(program);
  rules::Evaluation eval(program, store,
                         rules::EvalOptions{.limits = limit_options(args, kWorkTimeoutDefault)});
  eval.run();
  for (uint32_t r = 0; r < program.relations.size(); ++r) {
    const auto& rel = program.relations[r];
    if (!rel.idb || rel.internal) continue;
    std::printf("%-24s %10zu%s\n", rel.name.c_str(), eval.size(r),
                rel.derive   ? "  (derived edges)"
                : rel.output ? "  (output)"
                             : "");
  }
  std::printf("evaluated in %.1f ms (%zu rounds, %zu facts made)\n", eval.stats().ms,
              eval.stats().iterations, eval.stats().facts);
  if (!save) return kExitOk;
  const auto written = rules::write_derived_edges(eval, store);
  if (written.skipped)
    std::fprintf(stderr,
                 "normgraph rules: warning: %zu fact(s) of derived types not written: an "
                 "end is a value, not a node\n",
                 written.skipped);
  graph.save(progress.sink());
  std::printf("%s: %zu derived edges written (%zu from an earlier run replaced)\n",
              dir.path().c_str(), written.edges_written, written.edges_removed);
  return kExitOk;
}

// ---- check

void print_violations_text(const std::vector<rules::Violation>& vs) {
  for (const auto& v : vs) {
    std::printf("%s %s: %s\n", v.severity.c_str(), v.check.c_str(), v.message.c_str());
    for (const auto& [var, value] : v.bindings)
      std::printf("  %s = %s\n", var.c_str(), value.c_str());
    for (const auto& f : v.facts) std::printf("  fact: %s\n", f.c_str());
    for (const auto& e : v.evidence) std::printf("  evidence: %s\n", evidence_line(e).c_str());
  }
}

int run_check(const ParsedArgs& args) {
  const Format format = parse_format(args);
  rules::CheckOptions options;
  if (!args.flag("no-default-rules")) options.rule_files = rules::default_rule_files();
  for (const auto& f : args.all("rules")) options.rule_files.push_back(f);
  options.schema_checks = !args.flag("no-schema");
  options.limits = limit_options(args, kWorkTimeoutDefault);
  ViewedGraph graph(args);
  const GraphStore& store = graph.store();
  const auto schema = ontology::Schema::load_default();
  const rules::CheckReport report = rules::run_checks(store, schema, options);
  if (format == Format::Json) {
    std::cout << rules::check_report_json(store, report, true) << '\n';
  } else {
    print_violations_text(report.violations);
    std::printf("%zu error(s), %zu warning(s), %zu info; %zu rule check(s)%s\n", report.errors,
                report.warnings, report.infos, report.rule_checks,
                options.schema_checks ? " and the schema checks" : "");
  }
  return report.errors ? kExitFindings : kExitOk;
}

// ---- explain

// Indentation shows depth up to this many levels; deeper lines start with "[depth N]" at that
// indentation instead, so a deep derivation prints in space linear in its facts.
constexpr size_t kMaxIndentDepth = 24;

void print_explanation(const rules::Explanation& x, size_t depth) {
  std::string indent(std::min(depth, kMaxIndentDepth) * 2, ' ');
  if (depth > kMaxIndentDepth) indent += "[depth " + std::to_string(depth) + "] ";
  std::string tag = x.missing       ? "[missing from the graph]"
                    : x.cycle       ? "[cycle]"
                    : x.shown_above ? "[shown above]"
                    : x.derived     ? "[derived by " + x.rule + "]"
                                    : "[asserted]";
  std::printf("%s%s  %s\n", indent.c_str(), x.fact.c_str(), tag.c_str());
  for (const auto& e : x.evidence)
    std::printf("%s  evidence: %s\n", indent.c_str(), evidence_line(e).c_str());
  for (const auto& p : x.premises) print_explanation(p, depth + 1);
}

NodeId node_of(const GraphStore& store, const std::string& id) {
  auto n = store.find_node(id);
  if (!n) throw InputError("no node with id '" + id + "'");
  return *n;
}

// The edges to explain: the one --edge names, or the derived edges leaving the --node.
std::vector<EdgeId> edges_to_explain(const ParsedArgs& args, const GraphStore& store) {
  const auto& ops = args.operands();
  if (args.flag("edge") && ops.size() == 3 && !args.get("node")) {
    return {rules::find_edge(store, ops[0], ops[1], ops[2])};
  }
  if (auto id = args.get("node"); id && !args.flag("edge") && ops.empty()) {
    std::vector<EdgeId> edges;
    store.for_each_adjacent(node_of(store, *id), Direction::Out, std::nullopt,
                            [&](const AdjEntry& a) {
                              if (store.edge_derived(a.edge)) edges.push_back(a.edge);
                            });
    return edges;
  }
  throw UsageError(
      "explain needs --edge SOURCE_ID TYPE TARGET_ID, --node ID or --fact 'relation(arg, ...)'");
}

// A fact of the rules' evaluation (--fact), which needs no derived edges in the graph.
rules::Explanation explain_rule_fact(const ParsedArgs& args, const GraphStore& store) {
  std::vector<std::string> files = rules::default_rule_files();
  for (const auto& f : args.all("rules")) files.push_back(f);
  const Limits limits = limit_options(args, kWorkTimeoutDefault);
  const rules::EvaluatedRules evaluated(store, ontology::Schema::load_default(), files, limits);
  return rules::explain_fact(evaluated.evaluation(), *args.get("fact"), limits);
}

int run_explain(const ParsedArgs& args) {
  const Format format = parse_format(args);
  TerminalProgress progress;
  DataDir dir(args.get_or("data", ""), DataDir::Access::Read);
  OpenedGraph graph(dir, progress.sink());
  const GraphStore& store = graph.store();
  std::vector<rules::Explanation> trees;
  if (args.get("fact") && !args.flag("edge") && !args.get("node") && args.operands().empty()) {
    trees.push_back(explain_rule_fact(args, store));
  } else {
    rules::EdgeExplainer explainer(store, limit_options(args, kWorkTimeoutDefault));
    for (EdgeId e : edges_to_explain(args, store)) trees.push_back(explainer.explain(e));
  }
  if (format == Format::Json) {
    std::cout << rules::explanations_json(store, trees, true) << '\n';
  } else {
    for (const auto& x : trees) print_explanation(x, 0);
    if (trees.empty()) std::printf("no derived edges leave %s\n", args.get_or("node", "").c_str());
  }
  return kExitOk;
}

OptionSpec format_option() {
  return {"format", 0, "FORMAT", "text or json", "text"};
}

}  // namespace

Command rules_command() {
  return {{"rules",
           "derive facts with rules and write them to the graph (docs/rules.md)",
           "Evaluates the rule files (by default those of ontology/rules/) over the graph,\n"
           "prints the number of facts of each relation and the time taken, and replaces the\n"
           "derived edges of every @derive type with the new ones, each carrying the rule and\n"
           "premises that made it. A program with an error changes nothing.\n"
           "Exit codes: 0 ok, 1 usage error, 2 bad rules or data, or a limit (--timeout,\n"
           "--max-memory) was reached.",
           {data_option(),
            {"dry-run", 0, "", "evaluate and report, but write nothing", ""},
            {"plan", 0, "", "print the lowered relational program first", ""},
            timeout_option("an evaluation", kWorkTimeoutDefault),
            max_memory_option()},
           "[FILE...]",
           0,
           SIZE_MAX},
          run_rules};
}

Command check_command() {
  return {{"check", "check the graph against the schema and the rules' checks",
           "Runs the schema checks of ontology/schema.json (domain and range of edges,\n"
           "required properties, unknown kinds and edge types, dangling references) and the\n"
           "checks of the default rule files plus those given with --rules. Every violation\n"
           "lists its bindings, the facts behind it and their evidence sentences.\n"
           "Exit codes: 0 no error-level violation, 1 some (or a usage error), 2 bad rules or\n"
           "data, or a limit (--timeout, --max-memory) was reached.",
           with_view_options(
               {data_option(),
                {"rules", 'r', "FILE", "a further rule file (repeatable)", "", true},
                {"no-default-rules", 0, "", "leave out the rule files of ontology/rules/", ""},
                {"no-schema", 0, "", "leave out the schema checks", ""},
                timeout_option("a check", kWorkTimeoutDefault),
                max_memory_option(),
                format_option()}),
           "", 0, 0},
          run_check};
}

Command explain_command() {
  return {{"explain",
           "show why a fact holds, down to evidence sentences",
           "With --edge SOURCE_ID TYPE TARGET_ID: the edge's derivation tree (the rule and its\n"
           "premises, recursively) down to asserted edges and the sentences they were read\n"
           "from. With --node ID: the trees of every derived edge leaving the node. With\n"
           "--fact 'relation(arg, ...)': evaluates the rules (the default files and --rules)\n"
           "and explains a fact of any relation or a check's violation (its \"fact\" in\n"
           "`check --format json`), derived edges written or not. JSON: a list of trees.\n"
           "Exit codes: 0 ok, 1 usage error, 2 no such node, edge or fact, bad data, or a\n"
           "limit (--timeout, --max-memory) was reached. A premise explained once is named\n"
           "again as [shown above].",
           {data_option(),
            {"edge", 0, "", "explain the edge given by the three operands", ""},
            {"node", 0, "ID", "explain every derived edge leaving node ID", ""},
            {"fact", 0, "FACT", "explain a fact of the rules, e.g. 'dual_stance(a, b)'", ""},
            {"rules", 'r', "FILE", "with --fact: a further rule file (repeatable)", "", true},
            timeout_option("an explanation", kWorkTimeoutDefault),
            max_memory_option(),
            format_option()},
           "[SOURCE_ID TYPE TARGET_ID]",
           0,
           3},
          run_explain};
}

}  // namespace normgraph::cli
