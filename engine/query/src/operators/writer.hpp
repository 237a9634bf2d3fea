#pragma once
// What the write operators share (create.cpp, set_merge.cpp, delete.cpp): the Writer, which
// changes the store, counts the change in the query's statistics and logs its undo.
#include <set>
#include <string>
#include <vector>

#include "ast.hpp"
#include "exec_context.hpp"

namespace normgraph::query {

[[noreturn]] void write_error(const std::string& code, const std::string& msg);

class Writer {
 public:
  explicit Writer(ExecContext& ctx);

  void set_node_prop(NodeId n, const std::string& key, Value v);
  void set_edge_prop(EdgeId e, const std::string& key, Value v);
  // On a node or a relationship; nothing on null; an error on anything else.
  void set_prop(const Value& target, const std::string& key, Value v);
  ValueMap props_of(const Value& target);
  void add_label(NodeId n, const std::string& label);
  void remove_label(NodeId n, const std::string& label);
  Evidence manual_evidence() const;
  NodeId create_node(const std::vector<std::string>& labels, const ValueMap& props);
  EdgeId create_edge(NodeId src, const std::string& type, NodeId dst, const ValueMap& props);
  void delete_edge(EdgeId e);
  void delete_node(NodeId n, bool detach);

 private:
  void count(const Value& old, const Value& v);

  ExecContext& ctx_;
  GraphStore& store_;
};

// The properties map of a pattern element (`props` may be null: none).
ValueMap evaluate_props(const Expr* props, Row& row, ExecContext& ctx);

// Creates the nodes of a pattern that are not bound yet, then its relationships (an
// undirected one left to right), and binds its path variable.
void create_pattern(const PatternPart& part, const std::set<int>& bound, std::set<int>& made,
                    Row& row, Writer& writer, ExecContext& ctx);

}  // namespace normgraph::query
