// Cytoscape.js JSON: what cy.json() reads, {"elements": {"nodes", "edges"}, "style"}, with the
// style built from the same styles file as the DOT drawing.
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "file_sink.hpp"
#include "normgraph/viz/export.hpp"
#include "text_escape.hpp"

namespace normgraph::viz {
namespace {

// Graphviz shape names in styles.json mapped to Cytoscape.js node shapes.
std::string cytoscape_shape(const KindStyle& style) {
  const std::string& s = style.shape;
  if (s == "box" || s == "rect" || s == "rectangle" || s == "note" || s == "folder")
    return style.rounded ? "round-rectangle" : "rectangle";
  if (s == "diamond" || s == "hexagon" || s == "octagon" || s == "triangle" || s == "pentagon" ||
      s == "star")
    return s;
  if (s == "cds") return "tag";
  return "ellipse";
}

class CytoscapeWriter {
 public:
  CytoscapeWriter(const GraphStore& store, const Selection& selection, const Styles& styles,
                  detail::FileSink& sink)
      : store_(store), selection_(selection), styles_(styles), sink_(sink) {}

  void write() {
    sink_.write("{\"format\":\"cytoscape\",\"elements\":{\"nodes\":[");
    bool first = true;
    selection_.for_each_node(store_, [&](NodeId n) {
      sink_.write(first ? "\n" : ",\n");
      first = false;
      node(n);
    });
    sink_.write("\n],\"edges\":[");
    first = true;
    selection_.for_each_edge(store_, [&](EdgeId e) {
      sink_.write(first ? "\n" : ",\n");
      first = false;
      edge(e);
    });
    sink_.write("\n]},\"style\":");
    style();
    sink_.write("}\n");
  }

 private:
  void node(NodeId n) {
    std::string_view kind = store_.node_kind(n);
    sink_.write("{\"group\":\"nodes\",\"data\":{\"id\":");
    detail::put_json_string(sink_, store_.node_id(n));
    sink_.write(",\"label\":");
    detail::put_json_string(sink_, store_.node_name(n));
    sink_.write(",\"kind\":");
    detail::put_json_string(sink_, kind);
    sink_.write(",\"props\":");
    detail::put_json_value(sink_, store_.node_props(n));
    sink_.write("},\"classes\":");
    detail::put_json_string(sink_, kind);
    sink_.Put('}');
  }

  // Edge ids are prefixed so they cannot equal a node id written by a normal loader.
  void edge(EdgeId e) {
    EdgeEnds ends = store_.edge_ends(e);
    std::vector<Evidence> evidence = store_.edge_evidence(e);
    sink_.write("{\"group\":\"edges\",\"data\":{\"id\":\"normgraph-edge-" + std::to_string(e) +
                "\",\"source\":");
    detail::put_json_string(sink_, store_.node_id(ends.source));
    sink_.write(",\"target\":");
    detail::put_json_string(sink_, store_.node_id(ends.target));
    sink_.write(",\"type\":");
    detail::put_json_string(sink_, store_.edge_type_name(ends.type));
    sink_.write(std::string(",\"derived\":") + (store_.edge_derived(e) ? "true" : "false") +
                ",\"sentences\":" + std::to_string(evidence.size()));
    if (!evidence.empty() && !evidence.front().text.empty()) {
      sink_.write(",\"evidence\":");
      detail::put_json_string(sink_, evidence.front().text);
    }
    sink_.write("}}");
  }

  void style() {
    sink_.write(
        "[\n{\"selector\":\"node\",\"style\":{\"label\":\"data(label)\",\"font-size\":10,"
        "\"text-valign\":\"center\",\"text-wrap\":\"ellipsis\",\"text-max-width\":160}},\n"
        "{\"selector\":\"edge\",\"style\":{\"curve-style\":\"bezier\",\"target-arrow-shape\":"
        "\"triangle\",\"label\":\"data(type)\",\"font-size\":7}},\n"
        "{\"selector\":\"edge[?derived]\",\"style\":{\"line-style\":\"" +
        styles_.derived_edge_style() + "\"}}");
    std::set<std::string> kinds, types;
    selection_.for_each_node(store_, [&](NodeId n) { kinds.emplace(store_.node_kind(n)); });
    selection_.for_each_edge(
        store_, [&](EdgeId e) { types.emplace(store_.edge_type_name(store_.edge_ends(e).type)); });
    for (const std::string& kind : kinds) {
      const KindStyle& k = styles_.kind(kind);
      sink_.write(",\n{\"selector\":");
      detail::put_json_string(sink_, "node[kind = " + detail::json_text(Value(kind)) + "]");
      sink_.write(",\"style\":{\"background-color\":\"" + k.fill + "\",\"border-color\":\"" +
                  k.border + "\",\"border-width\":1,\"shape\":\"" + cytoscape_shape(k) + "\"}}");
    }
    for (const std::string& type : types) {
      const EdgeStyle& s = styles_.edge(type);
      std::string selector = "edge[type = " + detail::json_text(Value(type)) + "]";
      sink_.write(",\n{\"selector\":");
      detail::put_json_string(sink_, selector);
      sink_.write(",\"style\":{\"line-color\":\"" + s.color + "\",\"target-arrow-color\":\"" +
                  s.color + "\",\"width\":" + detail::format_double(s.width) + "}}");
    }
    sink_.write("\n]");
  }

  const GraphStore& store_;
  const Selection& selection_;
  const Styles& styles_;
  detail::FileSink& sink_;
};

}  // namespace

void write_cytoscape_file(const GraphStore& store, const Selection& selection, const Styles& styles,
                          const std::string& path) {
  detail::write_output(path, [&](detail::FileSink& sink) {
    CytoscapeWriter(store, selection, styles, sink).write();
  });
}

}  // namespace normgraph::viz
