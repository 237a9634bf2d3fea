#pragma once
// Evidence as JSON through a RapidJSON-style writer (values: normgraph/core/json_value.hpp).
#include <optional>
#include <vector>

#include "normgraph/core/json_value.hpp"
#include "normgraph/engine/graph_store.hpp"

namespace normgraph::json {

// {"doc", "doc_name" (when the document is a node), "paragraph", "sentence", "span", "rule",
// "text", "extra"}: unknown positions (-1) and an empty `extra` are left out.
template <class Writer>
void write_evidence(Writer& w, const GraphStore& store, const Evidence& e) {
  w.StartObject();
  write_key(w, "doc");
  write_string(w, e.doc);
  if (auto d = e.doc.empty() ? std::nullopt : store.find_node(e.doc)) {
    write_key(w, "doc_name");
    write_string(w, store.node_name(*d));
  }
  if (e.paragraph >= 0) write_key(w, "paragraph"), w.Int64(e.paragraph);
  if (e.sentence >= 0) write_key(w, "sentence"), w.Int64(e.sentence);
  if (e.span_begin >= 0) {
    write_key(w, "span");
    w.StartArray();
    w.Int64(e.span_begin);
    w.Int64(e.span_end);
    w.EndArray();
  }
  write_key(w, "rule");
  write_string(w, e.rule);
  write_key(w, "text");
  write_string(w, e.text);
  if (!e.extra.empty()) {
    write_key(w, "extra");
    write_map(w, e.extra);
  }
  w.EndObject();
}

template <class Writer>
void write_evidence_list(Writer& w, const GraphStore& store, const std::vector<Evidence>& list) {
  w.StartArray();
  for (const Evidence& e : list) write_evidence(w, store, e);
  w.EndArray();
}

}  // namespace normgraph::json
