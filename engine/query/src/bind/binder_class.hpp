#pragma once
// The Binder class, whose parts are bound in the files beside this one, one per kind of clause
// (as Kùzu's binder/bind/): bind_query.cpp (the query and its clauses in order), bind_pattern.cpp
// (MATCH and patterns), bind_write.cpp (CREATE, MERGE), bind_projection.cpp (WITH, RETURN),
// bind_expression.cpp (expressions), ontology_warnings.cpp.
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "binder.hpp"
#include "normgraph/query/query.hpp"

namespace normgraph::query::bind {

struct VarInfo {
  int slot;
  VarType type;
};
using Scope = std::map<std::string, VarInfo, std::less<>>;

// Throws the SyntaxError `code` at `p`.
[[noreturn]] void fail(const std::string& code, const std::string& msg, Pos p);
const char* type_word(VarType t);  // "a node", "a relationship", ...

class Binder {
 public:
  Binder(BoundQuery& out, const ontology::Schema* schema) : out_(out), schema_(schema) {}
  void run();  // bind_query.cpp

 private:
  int new_slot() { return next_slot_++; }

  // bind_query.cpp
  BoundQueryPart bind_part(SingleQuery& q);
  static void check_clause_patterns(const Clause& c);

  // bind_pattern.cpp
  void declare_new(Scope& scope, const std::string& name, VarType type, Pos p, int& slot);
  int pattern_var(Scope& scope, std::string& name, VarType type, Pos p);
  void bind_pattern(std::vector<PatternPart>& parts, Scope& scope, bool creating);
  void bind_props(Expr& props, const Scope& scope);
  void bind_match(Clause& c, Scope& scope);

  // bind_write.cpp
  void check_creatable(const RelPattern& r);
  void bind_merge(Clause& c, Scope& scope);
  void bind_create(Clause& c, Scope& scope);

  // bind_projection.cpp
  BoundProjection bind_projection(Projection& p, Scope& scope, bool is_with);
  static VarType static_type(const Expr& e);
  void replace_projected(ExprPtr& e, const Projection& p, const std::vector<ExprPtr>& originals);
  static bool same_syntax(const Expr& a, const Expr& b);
  bool grouped(const Expr& e, const Projection& p, const BoundProjection& bp);
  static bool same_expr(const Expr& a, const Expr& b);
  void extract_aggregates(ExprPtr& e, std::vector<AggregateSpec>& out);
  static bool is_aggregate(const Expr& e);
  void check_no_aggregate(const Expr& e, const char* code = "InvalidAggregation");
  void bind_constant(Expr& e);

  // bind_expression.cpp
  const VarInfo* lookup(const Scope& scope, const std::string& name) const;
  void bind_expr(Expr& e, const Scope& scope, bool allow_aggregates = false);
  static void check_pattern_predicates(const Expr& e, bool predicate);
  static void check_boolean_operand(const Expr& a);
  void bind_call(Expr& e, const Scope& scope, bool allow_aggregates);
  void bind_subpattern(Expr& e, const Scope& scope);

  // ontology_warnings.cpp
  void check_label(const std::string& label);
  void check_property(const std::string& key);
  void check_type(const std::string& type);

  BoundQuery& out_;
  const ontology::Schema* schema_;
  int next_slot_ = 0;
  std::vector<std::pair<std::string, VarInfo>> locals_;
  std::set<std::string> warned_;
};

}  // namespace normgraph::query::bind
