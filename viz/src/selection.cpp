#include "normgraph/viz/selection.hpp"

#include <algorithm>
#include <string>

#include "normgraph/engine/errors.hpp"

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

class Selector {
 public:
  Selector(const GraphStore& store, const SelectionSpec& spec)
      : store_(store),
        kinds_(kind_symbols(store, spec.kinds)),
        types_(type_mask(store, spec.types)) {}

  bool kind_kept(NodeId n) const {
    return kinds_.empty() ||
           std::find(kinds_.begin(), kinds_.end(), store_.node_kind_symbol(n)) != kinds_.end();
  }
  bool type_kept(EdgeType t) const { return types_[t]; }

  const GraphStore& store_;
  std::vector<Symbol> kinds_;
  std::vector<bool> types_;
};

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

Selection Selection::all(const GraphStore& store) {
  return select(store, SelectionSpec{});
}

Selection select(const GraphStore& store, const SelectionSpec& spec) {
  Selector selector(store, spec);
  Selection out;
  out.nodes_ = bit_set(store.node_slots());
  out.edges_ = bit_set(store.edge_slots());
  const size_t cap = spec.max_nodes == 0 ? SIZE_MAX : spec.max_nodes;

  if (spec.focus.empty()) {
    size_t skipped = 0;
    store.for_each_node([&](NodeId n) {
      if (!selector.kind_kept(n)) return;
      if (out.node_count_ == cap) {
        ++skipped;
        return;
      }
      Selection::set(out.nodes_, n);
      ++out.node_count_;
    });
    if (skipped)
      out.notes_.push_back("--max-nodes " + std::to_string(spec.max_nodes) + ": " +
                           std::to_string(skipped) +
                           " more nodes (the last in store order) left out");
  } else {
    NodeId focus = resolve_focus(store, spec.focus);
    out.focus_ = focus;
    Selection::set(out.nodes_, focus);
    out.node_count_ = 1;
    // Breadth-first over kept edges in both directions; `reached` also marks nodes the cap
    // turned away, so each is counted once in the note.
    std::vector<uint64_t> reached = bit_set(store.node_slots());
    Selection::set(reached, focus);
    std::vector<NodeId> frontier{focus}, next;
    size_t cut = 0, cut_depth = 0;
    for (size_t level = 1; level <= spec.depth && !frontier.empty(); ++level) {
      next.clear();
      for (NodeId n : frontier) {
        store.for_each_adjacent(n, Direction::Both, std::nullopt, [&](const AdjEntry& a) {
          if (!selector.type_kept(a.type) || Selection::test(reached, a.node)) return;
          if (!selector.kind_kept(a.node)) return;
          Selection::set(reached, a.node);
          if (out.node_count_ == cap) {
            if (cut++ == 0) cut_depth = level;
            return;
          }
          Selection::set(out.nodes_, a.node);
          ++out.node_count_;
          next.push_back(a.node);
        });
      }
      std::swap(frontier, next);
    }
    if (cut)
      out.notes_.push_back("--max-nodes " + std::to_string(spec.max_nodes) + ": " +
                           std::to_string(cut) + " more nodes within depth " +
                           std::to_string(spec.depth) + " of " + std::string(store.node_id(focus)) +
                           " left out (from depth " + std::to_string(cut_depth) + " on)");
  }

  for (EdgeId e = 0; e < store.edge_slots(); ++e) {
    if (!store.edge_live(e)) continue;
    EdgeEnds ends = store.edge_ends(e);
    if (selector.type_kept(ends.type) && out.has_node(ends.source) && out.has_node(ends.target)) {
      Selection::set(out.edges_, e);
      ++out.edge_count_;
    }
  }
  return out;
}

}  // namespace normgraph::viz
