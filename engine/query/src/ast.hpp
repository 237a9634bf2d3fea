#pragma once
// The syntax tree of a query, as the parser builds it and the binder annotates it (slots,
// functions). One Expr struct for every expression kind keeps evaluation a single switch.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "normgraph/core/value.hpp"
#include "normgraph/engine/graph_store.hpp"

namespace normgraph::query {

struct FunctionDef;
struct PatternPart;
struct PatternPlan;

struct Pos {
  uint32_t line = 0, column = 0;
};

enum class ExprKind : uint8_t {
  Literal,
  Parameter,             // name
  Variable,              // name; slot after binding
  Property,              // args[0].name
  Index,                 // args[0][args[1]]
  Slice,                 // args[0][args[1]..args[2]], a missing bound is null Literal with flag
  List,                  // args
  Map,                   // keys[i]: args[i]
  Call,                  // name(args), distinct; fn after binding, or an aggregate
  CountStar,             // count(*)
  Unary,                 // op args[0]
  Binary,                // args[0] op args[1]
  Case,                  // [subject] (when then)* [else]
  ListComprehension,     // [name IN args[0] WHERE args[1] | args[2]]
  Quantifier,            // op(name IN args[0] WHERE args[1])
  Reduce,                // reduce(name = args[0], name2 IN args[1] | args[2])
  PatternPredicate,      // pattern
  PatternComprehension,  // [pattern WHERE args[0] | args[1]]
  Exists,                // EXISTS { pattern WHERE args[0] }
  HasLabels,             // args[0]:keys...
  MapProjection,         // name{...}: keys[i] with projections[i]
  Slot,                  // bound: the value in slot (aggregates, projected expressions)
};

enum class Op : uint8_t {
  Or,
  Xor,
  And,
  Not,
  Eq,
  Ne,
  Lt,
  Le,
  Gt,
  Ge,
  Add,
  Sub,
  Mul,
  Div,
  Mod,
  Pow,
  Neg,
  Plus,
  In,
  StartsWith,
  EndsWith,
  Contains,
  RegexMatch,
  IsNull,
  IsNotNull,
  All,
  Any,
  None,
  Single,
};

// One entry of a map projection n{.a, b: expr, .*, v}.
enum class MapItem : uint8_t { Property, AllProperties, Literal, Variable };

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

struct Expr {
  ExprKind kind;
  Op op = Op::Eq;
  Pos pos;
  Value literal;
  std::string name, name2;
  std::vector<ExprPtr> args;  // missing optional parts are nullptr
  std::vector<std::string> keys;
  std::vector<MapItem> map_items;
  bool distinct = false;
  bool has_subject = false, has_else = false;  // Case
  std::shared_ptr<PatternPart> pattern;
  // Filled by the binder.
  int slot = -1, slot2 = -1;
  const FunctionDef* fn = nullptr;
  std::string text;  // the source text, for column names and aggregate matching
  mutable std::shared_ptr<const PatternPlan> plan;  // a pattern's plan, made on first use
  uint32_t height = 0;      // levels of args below and including this one; 0: not measured yet
  bool open_chain = false;  // parser: an AND/OR/XOR/+ chain that may still take operands

  Expr(ExprKind k, Pos p) : kind(k), pos(p) {}
  Expr(const Expr&) = delete;
  Expr& operator=(const Expr&) = delete;
  // Frees the tree below without recursion: a tree deeper than the parser allows (rejected
  // input, or one built by hand) must not exhaust the stack on its way out.
  ~Expr();
};

ExprPtr clone(const Expr& e);
// The height of the tree (1 for a leaf), measured without recursion and kept in Expr::height.
uint32_t expression_height(Expr& e);

struct NodePattern {
  std::string var;  // empty: anonymous (the binder names it)
  std::vector<std::string> labels;
  ExprPtr props;  // a Map or Parameter expression, or null
  Pos pos;
  int slot = -1;
};

struct RelPattern {
  std::string var;
  std::vector<std::string> types;   // alternatives
  Direction dir = Direction::Both;  // Out: (a)-->(b); In: (a)<--(b)
  bool var_length = false;
  int64_t min_hops = 1, max_hops = -1;  // -1: the configured cap
  ExprPtr props;
  Pos pos;
  int slot = -1;
};

enum class PathKind : uint8_t { Plain, Shortest, AllShortest };

struct PatternPart {
  std::string path_var;
  int path_slot = -1;
  PathKind kind = PathKind::Plain;
  std::vector<NodePattern> nodes;  // nodes.size() == rels.size() + 1
  std::vector<RelPattern> rels;
  Pos pos;
  std::vector<int> outer_slots;  // in an expression: the slots bound outside the pattern
};

struct ProjectionItem {
  ExprPtr expr;
  std::string alias;  // the column name: the alias or the expression's text
  bool explicit_alias = false;
  int slot = -1;
};

struct SortItem {
  ExprPtr expr;
  bool descending = false;
};

struct Projection {
  bool distinct = false;
  bool star = false;
  std::vector<ProjectionItem> items;
  std::vector<SortItem> order_by;
  ExprPtr skip, limit;
  ExprPtr where;  // WITH ... WHERE
  Pos pos;
};

enum class ClauseKind : uint8_t { Match, Unwind, With, Return, Create, Merge, Set, Remove, Delete };

enum class SetKind : uint8_t { Property, Labels, Replace, Merge };  // n.k = v, n:L, n = m, n += m

struct SetItem {
  SetKind kind;
  ExprPtr target;  // Property: the Property expression; else the Variable
  ExprPtr value;
  std::vector<std::string> labels;
};

struct Clause {
  ClauseKind kind;
  Pos pos;
  bool optional = false;  // OPTIONAL MATCH
  bool detach = false;    // DETACH DELETE
  std::vector<PatternPart> pattern;
  ExprPtr where;
  ExprPtr expr;  // UNWIND
  std::string var;
  int slot = -1;
  Projection projection;           // WITH / RETURN
  std::vector<SetItem> set_items;  // SET / REMOVE; MERGE: ON CREATE SET
  std::vector<SetItem> on_match;   // MERGE: ON MATCH SET
  std::vector<ExprPtr> exprs;      // DELETE

  Clause(ClauseKind k, Pos p) : kind(k), pos(p) {}
};

struct SingleQuery {
  std::vector<Clause> clauses;
};

struct QueryAst {
  std::vector<SingleQuery> parts;  // joined by UNION
  std::vector<bool> union_all;     // parts.size() - 1 entries
};

}  // namespace normgraph::query
