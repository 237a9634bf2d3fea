#pragma once
// The consistency check and explanations as single calls, and their JSON, shared by the CLI
// (`normgraph check` / `explain`) and the HTTP endpoint (`/api/check`, `/api/explain`); the
// shapes are documented in docs/rules.md.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "normgraph/core/errors.hpp"
#include "normgraph/engine/graph_store.hpp"
#include "normgraph/rules/evaluation.hpp"
#include "normgraph/rules/graph_rules.hpp"
#include "normgraph/rules/program.hpp"

namespace normgraph::rules {

// A fact or edge text that cannot be read (as opposed to one that is not in the graph).
class FactSyntaxError : public InputError {
 public:
  using InputError::InputError;
};

struct CheckOptions {
  std::vector<std::string> rule_files;  // usually default_rule_files() and the user's
  bool schema_checks = true;
  // The whole check (evaluation and collecting violations) stops with LimitExceeded beyond
  // these; the server passes its query time limit (docs/rules.md, "Limits").
  Limits limits;
};

struct CheckReport {
  std::vector<Violation> violations;  // schema violations first, then the rules' checks
  size_t errors = 0, warnings = 0, infos = 0;
  size_t rule_checks = 0;  // checks the rule files define
  double ms = 0;
  struct CheckCount {
    std::string check, severity;
    size_t count = 0;
  };
  std::vector<CheckCount> by_check;  // violations per check, in order of first appearance
};

// Rule files compiled and evaluated over a store: what checks and explanations of one version
// of the graph read. Refers to the store, which must not change while this is in use.
class EvaluatedRules {
 public:
  // Throws RuleError (bad rules) or InputError (unreadable file).
  // Throws LimitExceeded when the evaluation goes beyond `limits`.
  EvaluatedRules(const GraphStore& store, const ontology::Schema& schema,
                 const std::vector<std::string>& rule_files, const Limits& limits = {});
  const Evaluation& evaluation() const { return eval_; }
  double ms() const { return ms_; }  // compiling and evaluating

 private:
  CompiledProgram program_;
  Evaluation eval_;  // refers to program_: the object does not move
  double ms_ = 0;
};

// Every violation: the schema checks (when asked) and the rules' checks.
CheckReport run_checks(const EvaluatedRules& rules, const ontology::Schema& schema,
                       bool schema_checks, const Limits& limits = {});
// Parses, compiles and evaluates the rule files over the store and collects every violation.
CheckReport run_checks(const GraphStore& store, const ontology::Schema& schema,
                       const CheckOptions& options);

// A fact of an evaluated program, written `relation(arg, ...)`: a relation defined by rules or
// read from the graph, or a check's name (its violations). Arguments are node ids or values,
// double-quoted when they hold a comma or parenthesis. Edge facts read from the graph are
// explained as explain_edge() does. Throws FactSyntaxError for unreadable text, InputError for
// an unknown relation, a wrong number of arguments or a fact that does not hold.
Explanation explain_fact(const Evaluation& eval, std::string_view fact, const Limits& limits = {});
// The text explain_fact() reads: `relation(arg, ...)`, quoting arguments where needed.
std::string format_fact(std::string_view relation, const std::vector<std::string>& args);

// The edge written "SOURCE-[TYPE]->TARGET" or "SOURCE TYPE TARGET" (the form a violation's
// facts use). Throws FactSyntaxError when it is malformed, InputError when not in the graph.
EdgeId find_edge_by_text(const GraphStore& store, std::string_view text);
// The edge SOURCE -[TYPE]-> TARGET (node ids); InputError when it is not in the graph.
EdgeId find_edge(const GraphStore& store, const std::string& source, const std::string& type,
                 const std::string& target);

// Which violations a JSON report lists: those of a severity and/or a check (empty: any), from
// `offset`, at most `limit`. The summary always counts them all.
struct ReportPage {
  std::string severity, check;
  size_t offset = 0;
  size_t limit = SIZE_MAX;
};

// {"violations": [...], "summary": {"errors", "warnings", "info", "checks", "ms", "by_check":
// {NAME: {"severity", "count"}}}, "page": {"offset", "listed", "total"}}; "page" only when the
// page is not everything (total: the violations matching the filters).
std::string check_report_json(const GraphStore& store, const CheckReport& report, bool pretty,
                              const ReportPage& page = {});
std::string explanations_json(const GraphStore& store, const std::vector<Explanation>& xs,
                              bool pretty);
std::string explanation_json(const GraphStore& store, const Explanation& x, bool pretty);

}  // namespace normgraph::rules
