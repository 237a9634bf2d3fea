#pragma once
// Semi-naive evaluation of a compiled rule program over a graph store (docs/rules.md,
// "Evaluation"). Facts are tuples of TermIds in per-relation tables with hash indexes chosen
// per rule body; each rule-made fact can keep one derivation (the rule and its premises).
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "normgraph/core/value.hpp"
#include "normgraph/engine/graph_store.hpp"
#include "normgraph/engine/limits.hpp"
#include "normgraph/rules/program.hpp"

namespace normgraph::rules {

struct EvalOptions {
  bool track_derivations = true;  // needed by explain, checks' evidence and materialization
  unsigned threads = 0;           // 0: the hardware's; 1: no parallel joins
  // Checked while joining and between rounds: run() throws LimitExceeded past the time limit
  // or when the relations' tables and join outputs exceed the memory budget.
  Limits limits;
};

// One fact: a tuple of a relation.
struct FactRef {
  uint32_t relation;
  uint32_t tuple;
  bool operator==(const FactRef&) const = default;
};

struct Derivation {
  uint32_t rule;  // index into CompiledProgram::rules
  std::vector<FactRef> premises;
};

struct EvalStats {
  double ms = 0;
  size_t iterations = 0;  // semi-naive rounds, summed over strata
  size_t facts = 0;       // rule-made facts
};

namespace detail {
struct Table;
class TermTable;
}  // namespace detail

class Evaluation {
 public:
  static constexpr TermId kValueBase = 0x80000000u;  // TermIds below are NodeIds

  Evaluation(const CompiledProgram& program, const GraphStore& store, EvalOptions options = {});
  ~Evaluation();
  Evaluation(Evaluation&&) noexcept;
  Evaluation& operator=(Evaluation&&) = delete;

  void run();  // evaluates every stratum; call once

  const CompiledProgram& program() const { return program_; }
  const GraphStore& store() const { return store_; }
  const EvalStats& stats() const { return stats_; }

  size_t size(uint32_t relation) const;
  std::span<const TermId> tuple(FactRef f) const;
  std::optional<FactRef> find(uint32_t relation, std::span<const TermId> tuple) const;
  // The store edge behind a fact read from the graph; nullopt for a rule-made fact.
  std::optional<EdgeId> edge_of(FactRef f) const;
  std::optional<Derivation> derivation(FactRef f) const;

  static bool is_node(TermId t) { return t < kValueBase; }
  const Value& value(TermId t) const;  // for !is_node(t)
  // A node's id or a value's text (strings bare, integers in decimal).
  std::string show(TermId t) const;
  // The graph edges a fact rests on: itself when it is read from the graph, else the premises
  // of its derivation, expanded until graph edges are reached. `stop_at` relations (e.g. ones
  // about to be written as edges) count as graph edges and are not expanded; they are
  // returned as FactRefs in `derived`.
  void premise_edges(FactRef f, const std::vector<bool>& stop_at, std::vector<EdgeId>& edges,
                     std::vector<FactRef>& derived) const;

 private:
  void run_stratum(const Stratum& s);
  void load_edges(uint32_t relation);
  void load_evidence(uint32_t relation);

  const CompiledProgram& program_;
  const GraphStore& store_;
  EvalOptions options_;
  std::vector<std::unique_ptr<detail::Table>> tables_;
  std::unique_ptr<detail::TermTable> terms_;
  std::unique_ptr<WorkLimits> limits_;
  EvalStats stats_;
};

}  // namespace normgraph::rules
