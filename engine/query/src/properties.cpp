#include "exec_context.hpp"
#include "normgraph/engine/edge_view.hpp"
#include "normgraph/query/query.hpp"

namespace normgraph::query {

namespace {
// A generated id ("_:" + number, see GraphStore::fresh_node_id) is not the user's data.
bool shown_id(std::string_view id) {
  return !id.starts_with("_:");
}

ValueList evidence_list(const std::vector<Evidence>& evidence) {
  ValueList out;
  for (const Evidence& ev : evidence) {
    ValueMap m;
    if (!ev.doc.empty()) m.push_back({"doc", ev.doc});
    if (ev.paragraph >= 0) m.push_back({"paragraph", ev.paragraph});
    if (ev.sentence >= 0) m.push_back({"sentence", ev.sentence});
    if (ev.span_begin >= 0) m.push_back({"span", ValueList{ev.span_begin, ev.span_end}});
    if (!ev.rule.empty()) m.push_back({"rule", ev.rule});
    if (!ev.text.empty()) m.push_back({"text", ev.text});
    for (const auto& e : ev.extra) m.push_back(e);
    out.push_back(std::move(m));
  }
  return out;
}
}  // namespace

// Stored properties come first; the id and name columns fill in keys the properties lack (a
// stored `name` exists only when a query set it to a non-string).
ValueMap node_properties(const GraphStore& store, NodeId n) {
  ValueMap out = store.node_props(n);
  auto put = [&out](std::string_view key, std::string_view text) {
    if (!find_entry(out, key)) out.push_back({std::string(key), Value(text)});
  };
  if (shown_id(store.node_id(n))) put("id", store.node_id(n));
  if (!store.node_name(n).empty()) put("name", store.node_name(n));
  return out;
}

// When an edge was stated, from its evidence's document dates (docs/query.md): computed, so
// it follows documents added or redated later; a stored property of the same name wins.
ValueMap edge_properties(const GraphStore& store, EdgeId e) {
  ValueMap out = store.edge_props(e);
  const StatedDates dates = stated_dates(store, e);
  if (!dates.first.empty() && !find_entry(out, "first_stated")) {
    out.push_back({"first_stated", dates.first});
    out.push_back({"last_stated", dates.last});
  }
  return out;
}

Value node_property(const GraphStore& store, NodeId n, std::string_view key) {
  if (const Value* v = find_entry(store.node_props(n), key)) return *v;
  if (key == "name" && !store.node_name(n).empty()) return store.node_name(n);
  if (key == "id" && shown_id(store.node_id(n))) return store.node_id(n);
  if (key == "evidence") {
    auto evidence = store.node_evidence(n);
    if (!evidence.empty()) return evidence_list(evidence);
  }
  if (key == "aliases") {  // the other names search and linking know it by; `name` stays exact
    ValueList aliases;
    for (const std::string& a : store.node_aliases(n)) aliases.emplace_back(a);
    if (!aliases.empty()) return aliases;
  }
  return Value();
}

Value edge_property(const GraphStore& store, EdgeId e, std::string_view key) {
  if (const Value* v = find_entry(store.edge_props(e), key)) return *v;
  if (key == "derived") return store.edge_derived(e);
  if (key == "evidence") {
    auto evidence = store.edge_evidence(e);
    if (!evidence.empty()) return evidence_list(evidence);
  }
  if (key == "first_stated" || key == "last_stated") {
    const StatedDates dates = stated_dates(store, e);
    const std::string& date = key == "first_stated" ? dates.first : dates.last;
    if (!date.empty()) return date;
  }
  return Value();
}

}  // namespace normgraph::query
