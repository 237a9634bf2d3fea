#pragma once
// A rule program lowered to a relational program: relations, rules as unordered lists of
// relational operations over numbered variables, and strata in evaluation order. Built by
// compile() from the AST after every check (names, arities, safety, stratification).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "normgraph/engine/graph_store.hpp"
#include "normgraph/rules/ast.hpp"

namespace normgraph::ontology {
class Schema;
}

namespace normgraph::rules {

// A value in a tuple: a node (its NodeId) or, from Evaluation::kValueBase on, a constant of
// the evaluation's value table (a string or an integer).
using TermId = uint32_t;

struct RelationInfo {
  std::string name;
  uint32_t arity = 0;
  std::optional<EdgeType> edge_type;  // the store's edges of this type are facts of it
  // The built-in evidence(Type, Source, Target, Doc, Date, Year): a fact per dated evidence
  // item of the graph's edges.
  bool evidence = false;
  bool idb = false;       // defined by rules
  bool derive = false;    // @derive: written to the graph as derived edges
  bool output = false;    // @output: reported
  bool internal = false;  // made by lowering (closures, checks)
  // A closure's start values (`_E*1.seed`): their facts say only that a value occurs, so they
  // are no evidence and explanations leave them out.
  bool domain = false;
};

// An argument of an operation: a variable slot or a constant.
struct Arg {
  bool is_var = false;
  bool wildcard = false;  // `_`: in a negated atom, "any value"
  uint32_t var = 0;
  Term constant;  // when !is_var
};

enum class OpKind : uint8_t {
  Relation,  // a stored relation (edges of a type, or rule-defined)
  Kind,      // a node label: Principle(X)
  Property,  // a node property: name(X, V); also the pseudo-properties id and kind
  Compare,   // X op Y
  DateAfter  // date_after(X, Y): ISO date prefixes, X later at their common precision
};

struct Op {
  OpKind kind = OpKind::Relation;
  uint32_t relation = 0;  // Relation
  std::string name;       // Kind: the label; Property: the key
  std::vector<Arg> args;
  bool negated = false;
  CompareOp cmp = CompareOp::Eq;
  SourcePos pos;
};

struct CompiledRule {
  std::string name;
  uint32_t head = 0;  // relation
  std::vector<Arg> head_args;
  std::vector<Op> body;
  std::vector<std::string> var_names;  // by slot; names starting with '_' are internal
  int check = -1;                      // index into CompiledProgram::checks, or -1
  SourcePos pos;
};

struct CompiledCheck {
  std::string name;
  Severity severity = Severity::Error;
  std::string message;
  uint32_t relation = 0;               // holds one tuple per violation
  std::vector<std::string> variables;  // the tuple's columns, named
  SourcePos pos;
};

struct Stratum {
  std::vector<uint32_t> relations;  // defined here
  std::vector<uint32_t> rules;
  bool recursive = false;  // some rule reads a relation of this stratum
};

struct CompiledProgram {
  std::vector<RelationInfo> relations;
  std::vector<CompiledRule> rules;
  std::vector<CompiledCheck> checks;
  std::vector<Stratum> strata;  // in evaluation order
  std::vector<std::string> warnings;
  std::optional<uint32_t> find_relation(std::string_view name) const;
};

// Checks the program against the graph (edge types and labels present in the store) and the
// schema (when given: its kinds, edge types and properties), lowers it and stratifies it.
// Throws RuleError listing every problem with its position.
CompiledProgram compile(const Program& program, const GraphStore& store,
                        const ontology::Schema* schema);

// A readable listing of the relational program (strata, rules, operations).
std::string describe(const CompiledProgram& program);

}  // namespace normgraph::rules
