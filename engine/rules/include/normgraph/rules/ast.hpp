#pragma once
// The syntax tree of a rule program (docs/rules.md), with the source position of every part
// so that later stages can point at what they reject.
#include <cstdint>
#include <string>
#include <vector>

namespace normgraph::rules {

struct SourcePos {
  std::string file;
  uint32_t line = 0;
  uint32_t column = 0;
};

struct Term {
  enum class Kind : uint8_t { Variable, Wildcard, String, Integer };
  Kind kind = Kind::Wildcard;
  std::string text;  // the variable's name or the string's value
  int64_t integer = 0;
  SourcePos pos;
  bool is_variable() const { return kind == Kind::Variable; }
  bool is_constant() const { return kind == Kind::String || kind == Kind::Integer; }
};

enum class CompareOp : uint8_t { Eq, Ne, Lt, Le, Gt, Ge };
const char* to_string(CompareOp op);

// A body literal: `P(args)`, `not P(args)`, a closure `E*(X, Y)` / `E+(X, Y)`, or a
// comparison `X op Y`.
struct Literal {
  enum class Kind : uint8_t { Atom, Comparison };
  Kind kind = Kind::Atom;
  std::string predicate;
  std::vector<Term> args;  // for a comparison: the two operands
  bool negated = false;
  char closure = 0;  // '*' reflexive-transitive, '+' transitive, 0 none
  CompareOp op = CompareOp::Eq;
  SourcePos pos;
};

struct Rule {
  std::string name;  // given as `name: head :- body.` or made from the head and a number
  Literal head;
  std::vector<Literal> body;  // empty for a fact
  SourcePos pos;
};

enum class Severity : uint8_t { Error, Warning, Info };
const char* to_string(Severity s);

// `check NAME SEVERITY "message {VAR}" :- body.`: each solution of the body is a violation.
struct Check {
  std::string name;
  Severity severity = Severity::Error;
  std::string message;
  std::vector<Literal> body;
  SourcePos pos;
};

// `@output pred.` reports a relation; `@derive TYPE.` writes it to the graph as derived edges.
struct Directive {
  enum class Kind : uint8_t { Output, Derive };
  Kind kind = Kind::Output;
  std::string predicate;
  SourcePos pos;
};

struct Program {
  std::vector<Rule> rules;
  std::vector<Check> checks;
  std::vector<Directive> directives;
  void append(Program&& other);
};

}  // namespace normgraph::rules
