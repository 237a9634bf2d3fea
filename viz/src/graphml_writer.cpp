// GraphML (http://graphml.graphdrawing.org/): keys typed from the values found in a first pass
// over the selection, then nodes and edges streamed. "label" carries the name (nodes) or the
// type (edges), which yEd and Gephi show.
#include <string>
#include <string_view>
#include <vector>

#include "file_sink.hpp"
#include "normgraph/viz/export.hpp"
#include "property_columns.hpp"
#include "text_escape.hpp"

namespace normgraph::viz {
namespace {

const char* graphml_type(detail::ColumnType type) {
  switch (type) {
    case detail::ColumnType::Boolean:
      return "boolean";
    case detail::ColumnType::Integer:
      return "long";
    case detail::ColumnType::Double:
      return "double";
    case detail::ColumnType::String:
      return "string";
  }
  return "string";
}

// Fixed attributes are written under their own names; a property with the same name is
// renamed "prop:NAME" so tools that key by attr.name do not merge the two.
constexpr std::string_view kNodeFixed[] = {"label", "kind", "labels", "aliases", "evidence"};
constexpr std::string_view kEdgeFixed[] = {"label", "derived", "sentences", "evidence"};

template <size_t N>
std::string attribute_name(const std::string& key, const std::string_view (&fixed)[N]) {
  for (std::string_view f : fixed)
    if (key == f) return "prop:" + key;
  return key;
}

Value evidence_value(const std::vector<Evidence>& evidence) {
  ValueList list;
  for (const Evidence& ev : evidence) {
    ValueMap m;
    if (!ev.doc.empty()) m.push_back({"doc", ev.doc});
    if (ev.paragraph != -1) m.push_back({"paragraph", ev.paragraph});
    if (ev.sentence != -1) m.push_back({"sentence", ev.sentence});
    if (ev.span_begin != -1 || ev.span_end != -1)
      m.push_back({"span", ValueList{ev.span_begin, ev.span_end}});
    if (!ev.rule.empty()) m.push_back({"rule", ev.rule});
    if (!ev.text.empty()) m.push_back({"text", ev.text});
    for (const MapEntry& extra : ev.extra) m.push_back(extra);
    list.push_back(std::move(m));
  }
  return list;
}

class GraphmlWriter {
 public:
  GraphmlWriter(const GraphStore& store, const Selection& selection, detail::FileSink& sink)
      : store_(store),
        selection_(selection),
        sink_(sink),
        node_columns_(detail::node_property_columns(store, selection)),
        edge_columns_(detail::edge_property_columns(store, selection)) {}

  void write() {
    sink_.write(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
        "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
        "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
    keys();
    sink_.write("  <graph id=\"normgraph\" edgedefault=\"directed\">\n");
    selection_.for_each_node(store_, [&](NodeId n) { node(n); });
    selection_.for_each_edge(store_, [&](EdgeId e) { edge(e); });
    sink_.write("  </graph>\n</graphml>\n");
  }

 private:
  void keys() {
    key("label", "node", "label", "string");
    key("kind", "node", "kind", "string");
    key("labels", "node", "labels", "string");
    key("aliases", "node", "aliases", "string");
    key("node_evidence", "node", "evidence", "string");
    for (size_t i = 0; i < node_columns_.size(); ++i)
      key("n" + std::to_string(i), "node", attribute_name(node_columns_[i].key, kNodeFixed),
          graphml_type(node_columns_[i].type));
    key("type", "edge", "label", "string");
    key("derived", "edge", "derived", "boolean");
    key("sentences", "edge", "sentences", "int");
    key("edge_evidence", "edge", "evidence", "string");
    for (size_t i = 0; i < edge_columns_.size(); ++i)
      key("e" + std::to_string(i), "edge", attribute_name(edge_columns_[i].key, kEdgeFixed),
          graphml_type(edge_columns_[i].type));
  }

  void key(const std::string& id, const char* domain, const std::string& name, const char* type) {
    sink_.write("  <key id=\"" + id + "\" for=\"" + domain + "\" attr.name=\"");
    detail::put_xml_text(sink_, name);
    sink_.write(std::string("\" attr.type=\"") + type + "\"/>\n");
  }

  void node(NodeId n) {
    sink_.write("    <node id=\"");
    detail::put_xml_text(sink_, store_.node_id(n));
    sink_.write("\">");
    data("label", store_.node_name(n));
    data("kind", store_.node_kind(n));
    std::vector<std::string_view> labels = store_.node_labels(n);
    if (labels.size() > 1) {
      ValueList extra(labels.begin() + 1, labels.end());
      data("labels", detail::json_text(extra));
    }
    auto aliases = store_.node_aliases(n);
    if (!aliases.empty())
      data("aliases", detail::json_text(ValueList(aliases.begin(), aliases.end())));
    std::vector<Evidence> evidence = store_.node_evidence(n);
    if (!evidence.empty()) data("node_evidence", detail::json_text(evidence_value(evidence)));
    properties(store_.node_props(n), node_columns_, 'n');
    sink_.write("</node>\n");
  }

  void edge(EdgeId e) {
    EdgeEnds ends = store_.edge_ends(e);
    sink_.write("    <edge id=\"e" + std::to_string(e) + "\" source=\"");
    detail::put_xml_text(sink_, store_.node_id(ends.source));
    sink_.write("\" target=\"");
    detail::put_xml_text(sink_, store_.node_id(ends.target));
    sink_.write("\">");
    data("type", store_.edge_type_name(ends.type));
    data("derived", store_.edge_derived(e) ? "true" : "false");
    std::vector<Evidence> evidence = store_.edge_evidence(e);
    data("sentences", std::to_string(evidence.size()));
    if (!evidence.empty()) data("edge_evidence", detail::json_text(evidence_value(evidence)));
    properties(store_.edge_props(e), edge_columns_, 'e');
    sink_.write("</edge>\n");
  }

  void properties(const ValueMap& props, const std::vector<detail::PropertyColumn>& columns,
                  char prefix) {
    for (size_t i = 0; i < columns.size(); ++i) {
      const Value* value = find_entry(props, columns[i].key);
      if (!value || value->is_null()) continue;
      std::string text = detail::cell_text(value, columns[i].type);
      if (text.empty() && columns[i].type != detail::ColumnType::String) continue;
      data(prefix + std::to_string(i), text);
    }
  }

  void data(const std::string& key, std::string_view text) {
    sink_.write("<data key=\"" + key + "\">");
    detail::put_xml_text(sink_, text);
    sink_.write("</data>");
  }

  const GraphStore& store_;
  const Selection& selection_;
  detail::FileSink& sink_;
  std::vector<detail::PropertyColumn> node_columns_, edge_columns_;
};

}  // namespace

void write_graphml_file(const GraphStore& store, const Selection& selection,
                        const std::string& path) {
  detail::write_output(
      path, [&](detail::FileSink& sink) { GraphmlWriter(store, selection, sink).write(); });
}

}  // namespace normgraph::viz
