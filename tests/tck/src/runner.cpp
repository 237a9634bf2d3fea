// The step definitions of the TCK (README.adoc "Format of a TCK scenario").
#include "runner.hpp"

#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <set>

#include "normgraph/query/query.hpp"

namespace normgraph::tck {

namespace {

// Ends a scenario: the step did not hold. The message is the outcome's reason.
struct StepFailure {
  std::string reason;
};

// What a side effect is measured on: the graph as a later query would see it.
struct GraphState {
  std::set<NodeId> nodes;
  std::set<EdgeId> relationships;
  std::set<std::string> labels;      // label names in use
  std::set<std::string> properties;  // element, key and value, one string each

  static GraphState of(const GraphStore& store) {
    GraphState state;
    for (NodeId n = 0; n < store.node_slots(); ++n) {
      if (!store.node_live(n)) continue;
      state.nodes.insert(n);
      for (std::string_view label : store.node_labels(n)) state.labels.emplace(label);
      state.add_properties("n" + std::to_string(n), store, query::node_properties(store, n));
    }
    for (EdgeId e = 0; e < store.edge_slots(); ++e) {
      if (!store.edge_live(e)) continue;
      state.relationships.insert(e);
      state.add_properties("e" + std::to_string(e), store, query::edge_properties(store, e));
    }
    return state;
  }

  void add_properties(const std::string& element, const GraphStore& store, const ValueMap& map) {
    for (const MapEntry& entry : map) {
      properties.insert(element + "\x1f" + entry.key + "\x1f" +
                        canonical(to_tck(store, entry.value)));
    }
  }
};

template <class T>
int64_t count_missing(const std::set<T>& from, const std::set<T>& other) {
  int64_t count = 0;
  for (const T& item : from) count += !other.contains(item);
  return count;
}

using SideEffects = std::map<std::string, int64_t>;

SideEffects side_effects(const GraphState& before, const GraphState& after) {
  SideEffects effects;
  auto measure = [&](const std::string& name, const auto& b, const auto& a) {
    effects["+" + name] = count_missing(a, b);
    effects["-" + name] = count_missing(b, a);
  };
  measure("nodes", before.nodes, after.nodes);
  measure("relationships", before.relationships, after.relationships);
  measure("labels", before.labels, after.labels);
  measure("properties", before.properties, after.properties);
  return effects;
}

std::string describe(const SideEffects& effects) {
  std::string out;
  for (const auto& [name, count] : effects) {
    if (count) out += (out.empty() ? "" : ", ") + name + " " + std::to_string(count);
  }
  return out.empty() ? "none" : out;
}

// The error a query raised: a QueryError, or any other exception (category "Internal").
struct RaisedError {
  std::string category, code, message;
  std::optional<query::ErrorPhase> phase;

  std::string name() const { return category + "/" + code; }
};

const char* phase_name(query::ErrorPhase phase) {
  return phase == query::ErrorPhase::Compile ? "compile time" : "runtime";
}

class ScenarioRun {
 public:
  explicit ScenarioRun(const RunOptions& options) : options_(options) { reset_graph(); }

  void step(const Step& step) {
    std::string text = step.text;
    // "And no side effects#" occurs in the TCK: a stray comment mark.
    while (!text.empty() && (text.back() == '#' || text.back() == ' ')) text.pop_back();
    if (text == "an empty graph" || text == "any graph") return reset_graph();
    static const std::regex named_graph("the (.+) graph");
    static const std::regex error_step(
        "an? (\\w+) should be raised at (compile time|runtime|any time): (\\S+)");
    std::smatch m;
    if (std::regex_match(text, m, named_graph)) {
      throw StepFailure{"named graph not available\n  " + m[1].str()};
    }
    if (text == "having executed:" || text == "after having executed:") return setup(step);
    if (text == "parameters are:" || text == "parameter values are:") return parameters(step);
    if (text == "executing query:" || text == "executing control query:") return execute(step);
    if (text.starts_with("the result should be")) return check_result(step, text);
    if (text == "the side effects should be:") return check_side_effects(expected_effects(step));
    if (text == "no side effects") return check_side_effects({});
    if (std::regex_match(text, m, error_step)) return check_error(m[1], m[2], m[3]);
    if (text.starts_with("there exists a procedure")) {
      throw StepFailure{"procedures are not supported"};
    }
    throw StepFailure{"unknown step\n  " + step.keyword + " " + text};
  }

  // An expected error is checked by its own step; an unexpected one must not pass unseen.
  void finish() {
    if (error_ && !error_checked_) {
      throw StepFailure{"query failed: " + error_->name() + "\n  " + error_->message};
    }
  }

  std::string phase_mismatch() const { return phase_mismatch_; }

 private:
  void reset_graph() {
    engine_.reset();
    store_ = std::make_unique<GraphStore>();
    engine_ = std::make_unique<query::QueryEngine>(*store_);
  }

  static const std::string& query_text(const Step& step) {
    if (!step.doc_string)
      throw StepFailure{"the step has no query\n  line " + std::to_string(step.line)};
    return *step.doc_string;
  }

  query::QueryOptions query_options() const {
    query::QueryOptions options;
    options.time_limit_seconds = options_.query_time_limit_seconds;
    return options;
  }

  void setup(const Step& step) {
    try {
      engine_->run(query_text(step), {}, query_options());
    } catch (const query::QueryError& e) {
      throw StepFailure{"setup query failed: " + e.category() + "/" + e.code() + "\n  " + e.what()};
    } catch (const std::exception& e) {
      throw StepFailure{"setup query failed: exception\n  " + std::string(e.what())};
    }
  }

  void parameters(const Step& step) {
    for (const auto& row : step.table) {
      if (row.size() != 2) throw StepFailure{"a parameter row needs two cells"};
      params_.push_back({row[0], to_value(expected_value(row[1]))});
    }
  }

  static TckValue expected_value(const std::string& cell) {
    try {
      return parse_tck_value(cell);
    } catch (const ValueSyntaxError& e) {
      throw StepFailure{"runner: unreadable value in the feature file\n  " + std::string(e.what())};
    }
  }

  void execute(const Step& step) {
    const std::string& text = query_text(step);
    finish();  // an unexpected error of the previous query fails the scenario
    result_.reset();
    error_.reset();
    error_checked_ = false;
    before_ = GraphState::of(*store_);
    try {
      result_ = engine_->run(text, params_, query_options());
    } catch (const query::QueryError& e) {
      error_ = RaisedError{e.category(), e.code(), e.what(), e.phase()};
    } catch (const std::exception& e) {
      error_ = RaisedError{"Internal", "Exception", e.what(), std::nullopt};
    }
    after_ = GraphState::of(*store_);
  }

  const query::QueryResult& result_or_fail() {
    if (error_) {
      error_checked_ = true;
      throw StepFailure{"query failed: " + error_->name() + "\n  " + error_->message};
    }
    if (!result_) throw StepFailure{"no query was executed before the result step"};
    return *result_;
  }

  void check_result(const Step& step, const std::string& text) {
    const query::QueryResult& result = result_or_fail();
    if (text == "the result should be empty") {
      if (result.rows.empty()) return;
      throw StepFailure{"result differs: expected no rows\n" +
                        compare_tables({result.columns, {}}, actual_table(), RowOrder::Any)};
    }
    bool in_order = text.starts_with("the result should be, in order");
    CanonicalOptions options;
    options.unordered_lists = text.find("ignoring element order for lists") != std::string::npos;
    if (step.table.empty()) throw StepFailure{"the result step has no table"};
    TckTable expected;
    expected.columns = step.table.front();
    for (size_t r = 1; r < step.table.size(); ++r) {
      std::vector<TckValue> row;
      for (const std::string& cell : step.table[r]) row.push_back(expected_value(cell));
      expected.rows.push_back(std::move(row));
    }
    std::string difference = compare_tables(expected, actual_table(),
                                            in_order ? RowOrder::Exact : RowOrder::Any, options);
    if (difference.empty()) return;
    bool columns_differ = expected.columns != result.columns;
    throw StepFailure{std::string(columns_differ ? "columns differ" : "result differs") + "\n" +
                      difference};
  }

  TckTable actual_table() const {
    TckTable table;
    table.columns = result_->columns;
    for (const auto& row : result_->rows) {
      std::vector<TckValue> cells;
      for (const Value& v : row) cells.push_back(to_tck(*store_, v));
      table.rows.push_back(std::move(cells));
    }
    return table;
  }

  static SideEffects expected_effects(const Step& step) {
    SideEffects effects;
    for (const auto& row : step.table) {
      if (row.size() != 2) throw StepFailure{"a side-effect row needs two cells"};
      effects[row[0]] = std::stoll(row[1]);
    }
    return effects;
  }

  void check_side_effects(const SideEffects& expected) {
    if (error_ && !error_checked_) result_or_fail();
    SideEffects actual = side_effects(before_, after_);
    for (const auto& [name, count] : expected) {
      if (!actual.contains(name)) throw StepFailure{"runner: unknown side effect " + name};
    }
    SideEffects wanted;
    for (const auto& [name, count] : actual)
      wanted[name] = expected.contains(name) ? expected.at(name) : 0;
    if (wanted == actual) return;
    throw StepFailure{"side effects differ\n  expected: " + describe(wanted) +
                      "\n  actual:   " + describe(actual)};
  }

  void check_error(const std::string& category, const std::string& phase, const std::string& code) {
    std::string wanted = category + "/" + code;
    if (!error_) {
      size_t rows = result_ ? result_->rows.size() : 0;
      throw StepFailure{"no error, expected " + wanted + "\n  expected at " + phase +
                        "; the query returned " + std::to_string(rows) + " rows"};
    }
    error_checked_ = true;
    if (error_->category != category || (code != "*" && error_->code != code)) {
      throw StepFailure{"wrong error: expected " + wanted + ", got " + error_->name() + "\n  " +
                        error_->message};
    }
    // The README implies that a failed query has no side effects.
    SideEffects effects = side_effects(before_, after_);
    if (describe(effects) != "none") {
      throw StepFailure{"side effects after an error\n  " + describe(effects)};
    }
    if (phase != "any time" && error_->phase && phase != phase_name(*error_->phase)) {
      phase_mismatch_ =
          wanted + " expected at " + phase + ", raised at " + phase_name(*error_->phase);
    }
  }

  const RunOptions& options_;
  std::unique_ptr<GraphStore> store_;
  std::unique_ptr<query::QueryEngine> engine_;
  ValueMap params_;
  std::optional<query::QueryResult> result_;
  std::optional<RaisedError> error_;
  bool error_checked_ = false;
  GraphState before_, after_;
  std::string phase_mismatch_;
};

}  // namespace

Outcome run_scenario(const Scenario& scenario, const RunOptions& options) {
  Outcome outcome;
  try {
    ScenarioRun run(options);
    for (const Step& step : scenario.steps) run.step(step);
    run.finish();
    outcome.passed = true;
    outcome.phase_mismatch = run.phase_mismatch();
  } catch (const StepFailure& failure) {
    outcome.reason = failure.reason;
  } catch (const std::exception& e) {
    outcome.reason = "exception in the runner\n  " + std::string(e.what());
  }
  return outcome;
}

}  // namespace normgraph::tck
