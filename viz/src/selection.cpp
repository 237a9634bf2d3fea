#include "normgraph/viz/selection.hpp"

#include <algorithm>
#include <string>

#include "normgraph/core/errors.hpp"

namespace normgraph::viz {
namespace {

std::vector<uint64_t> bit_set(size_t size) {
  return std::vector<uint64_t>((size + 63) / 64, 0);
}

// Symbols of the kinds listed; an unknown kind is a mistake worth reporting, not an empty export.
std::vector<Symbol> kind_symbols(const GraphStore& store, const std::vector<std::string>& kinds) {
  std::vector<Symbol> symbols;
  for (const std::string& kind : kinds) {
    auto symbol = store.strings().find(kind);
    if (!symbol) throw InputError("--kinds: no node of kind \"" + kind + "\" in the graph");
    symbols.push_back(*symbol);
  }
  return symbols;
}

std::vector<bool> type_mask(const GraphStore& store, const std::vector<std::string>& types) {
  std::vector<bool> mask(store.edge_type_count(), types.empty());
  for (const std::string& type : types) {
    auto t = store.find_edge_type(type);
    if (!t) throw InputError("--types: no edge of type \"" + type + "\" in the graph");
    mask[*t] = true;
  }
  return mask;
}

}  // namespace

NodeId resolve_focus(const GraphStore& store, const std::string& id_or_name) {
  if (auto n = store.find_node(id_or_name)) return *n;
  std::vector<NodeId> matches = store.find_by_name(id_or_name);
  if (matches.size() == 1) return matches.front();
  if (matches.empty())
    throw InputError("--focus: no node has the id or name \"" + id_or_name + "\"");
  std::string ids;
  for (size_t i = 0; i < matches.size() && i < 5; ++i)
    ids += (i ? ", " : "") + std::string(store.node_id(matches[i]));
  throw InputError("--focus: \"" + id_or_name + "\" names " + std::to_string(matches.size()) +
                   " nodes (" + ids + (matches.size() > 5 ? ", ..." : "") + "); give an id");
}

// Fills a Selection: nodes by kind or by a walk from the focus, then the edges between them.
class SelectionBuilder {
 public:
  SelectionBuilder(const GraphStore& store, const SelectionSpec& spec)
      : store_(store),
        spec_(spec),
        kinds_(kind_symbols(store, spec.kinds)),
        types_(type_mask(store, spec.types)),
        cap_(spec.max_nodes == 0 ? SIZE_MAX : spec.max_nodes) {
    out_.nodes_ = bit_set(store.node_slots());
    out_.edges_ = bit_set(store.edge_slots());
  }

  Selection build() {
    if (spec_.focus.empty())
      select_by_kind();
    else
      select_neighborhood(resolve_focus(store_, spec_.focus));
    select_edges();
    return std::move(out_);
  }

 private:
  void select_by_kind() {
    size_t skipped = 0;
    store_.for_each_node([&](NodeId n) {
      if (kind_kept(n) && !add(n)) ++skipped;
    });
    if (skipped) note(std::to_string(skipped) + " more nodes (the last in store order) left out");
  }

  // Breadth-first over kept edges in both directions, nearest nodes first. `reached` also marks
  // the nodes the cap turned away, so that each is counted once in the note.
  void select_neighborhood(NodeId focus) {
    out_.focus_ = focus;
    Selection::set(out_.nodes_, focus);
    out_.node_count_ = 1;
    std::vector<uint64_t> reached = bit_set(store_.node_slots());
    Selection::set(reached, focus);
    std::vector<NodeId> frontier{focus}, next;
    size_t cut = 0, cut_depth = 0;
    for (size_t level = 1; level <= spec_.depth && !frontier.empty(); ++level) {
      next.clear();
      for (NodeId n : frontier)
        store_.for_each_adjacent(n, Direction::Both, std::nullopt, [&](const AdjEntry& a) {
          if (!types_[a.type] || Selection::test(reached, a.node) || !kind_kept(a.node)) return;
          Selection::set(reached, a.node);
          if (add(a.node))
            next.push_back(a.node);
          else if (cut++ == 0)
            cut_depth = level;
        });
      std::swap(frontier, next);
    }
    if (cut)
      note(std::to_string(cut) + " more nodes within depth " + std::to_string(spec_.depth) +
           " of " + std::string(store_.node_id(focus)) + " left out (from depth " +
           std::to_string(cut_depth) + " on)");
  }

  // An edge goes with its type and both its ends.
  void select_edges() {
    const GraphStore::HiddenEdges* hidden = store_.hidden_edges();  // an as-of view
    for (EdgeId e = 0; e < store_.edge_slots(); ++e) {
      if (!store_.edge_live(e) || (hidden && hidden->hides(e))) continue;
      EdgeEnds ends = store_.edge_ends(e);
      if (types_[ends.type] && out_.has_node(ends.source) && out_.has_node(ends.target)) {
        Selection::set(out_.edges_, e);
        ++out_.edge_count_;
      }
    }
  }

  // Adds a node unless the cap is reached.
  bool add(NodeId n) {
    if (out_.node_count_ == cap_) return false;
    Selection::set(out_.nodes_, n);
    ++out_.node_count_;
    return true;
  }

  bool kind_kept(NodeId n) const {
    return kinds_.empty() ||
           std::find(kinds_.begin(), kinds_.end(), store_.node_kind_symbol(n)) != kinds_.end();
  }

  void note(const std::string& what) {
    out_.notes_.push_back("--max-nodes " + std::to_string(spec_.max_nodes) + ": " + what);
  }

  const GraphStore& store_;
  const SelectionSpec& spec_;
  std::vector<Symbol> kinds_;
  std::vector<bool> types_;
  size_t cap_;
  Selection out_;
};

Selection Selection::all(const GraphStore& store) {
  return select(store, SelectionSpec{});
}

Selection select(const GraphStore& store, const SelectionSpec& spec) {
  return SelectionBuilder(store, spec).build();
}

}  // namespace normgraph::viz
