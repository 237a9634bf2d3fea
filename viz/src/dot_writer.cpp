// Graphviz DOT. Node names in the file are the node ids (so the SVG's <title>s are the ids);
// every string goes through put_dot_string, the only escaping DOT's quoted strings need.
#include <algorithm>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "file_sink.hpp"
#include "normgraph/viz/export.hpp"
#include "text_escape.hpp"

namespace normgraph::viz {
namespace {

constexpr size_t kLabelChars = 40;  // longer names are cut in the picture, whole in tooltips
constexpr size_t kTooltipChars = 300;

class DotWriter {
 public:
  DotWriter(const GraphStore& store, const Selection& selection, const Styles& styles,
            const DotOptions& options, detail::FileSink& sink)
      : store_(store), selection_(selection), styles_(styles), options_(options), sink_(sink) {}

  void write() {
    header();
    if (options_.cluster_documents)
      clustered_nodes();
    else
      selection_.for_each_node(store_, [&](NodeId n) { node(n, "  "); });
    selection_.for_each_edge(store_, [&](EdgeId e) { edge(e); });
    legend();
    sink_.write("}\n");
  }

 private:
  void header() {
    sink_.write("// normgraph export: ");
    sink_.write(std::to_string(selection_.node_count()) + " nodes, " +
                std::to_string(selection_.edge_count()) + " edges\n");
    for (const std::string& note : selection_.notes()) {
      sink_.write("// ");
      std::string line = note;
      std::replace(line.begin(), line.end(), '\n', ' ');
      sink_.write(line);
      sink_.Put('\n');
    }
    sink_.write(
        "digraph normgraph {\n"
        "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=11, overlap=false, "
        "outputorder=edgesfirst, tooltip=\"normgraph\"");
    if (!selection_.notes().empty()) {
      sink_.write(", labelloc=b, label=\"");
      put_dot_string(selection_.notes().front());
      sink_.Put('"');
    }
    sink_.write(
        "];\n"
        "  node [fontname=\"Helvetica\", fontsize=10, style=filled, penwidth=1.2];\n"
        "  edge [fontname=\"Helvetica\", fontsize=8, arrowsize=0.7];\n");
  }

  void node(NodeId n, std::string_view indent) {
    std::string_view kind = store_.node_kind(n);
    const KindStyle& style = styles_.kind(kind);
    kinds_seen_.insert(store_.node_kind_symbol(n));
    std::string_view name = store_.node_name(n);
    sink_.write(indent);
    quoted(store_.node_id(n));
    sink_.write(" [label=");
    quoted(detail::shorten(name.empty() ? store_.node_id(n) : name, kLabelChars));
    sink_.write(", shape=" + style.shape + ", fillcolor=\"" + style.fill + "\", color=\"" +
                style.border + "\"");
    if (style.rounded) sink_.write(", style=\"filled,rounded\"");
    sink_.write(", tooltip=\"");
    put_dot_string(store_.node_id(n));
    sink_.write(" (");
    put_dot_string(kind);
    sink_.write(")");
    if (name.size() > kLabelChars) {
      sink_.write("\\n");
      put_dot_string(detail::shorten(name, kTooltipChars));
    }
    sink_.write("\", URL=\"");
    sink_.write(kIdNamespace);
    detail::put_percent_encoded(sink_, store_.node_id(n));
    sink_.write("\"];\n");
  }

  void edge(EdgeId e) {
    EdgeEnds ends = store_.edge_ends(e);
    std::string_view type = store_.edge_type_name(ends.type);
    const EdgeStyle& style = styles_.edge(type);
    bool derived = store_.edge_derived(e);
    if (ends.type >= types_seen_.size()) types_seen_.resize(ends.type + 1u, false);
    types_seen_[ends.type] = true;
    any_derived_ = any_derived_ || derived;
    sink_.write("  ");
    quoted(store_.node_id(ends.source));
    sink_.write(" -> ");
    quoted(store_.node_id(ends.target));
    sink_.write(" [label=");
    quoted(type);
    sink_.write(", color=\"" + style.color + "\", fontcolor=\"" + style.color +
                "\", style=" + (derived ? styles_.derived_edge_style() : style.style) +
                ", penwidth=" + detail::format_double(style.width) + ", tooltip=\"");
    edge_tooltip(e, ends, type, derived);
    sink_.write("\"];\n");
  }

  // "source -[TYPE]-> target, derived, 2 sentences: first sentence" so a reader of the
  // picture sees why the edge is there.
  void edge_tooltip(EdgeId e, const EdgeEnds& ends, std::string_view type, bool derived) {
    put_dot_string(store_.node_id(ends.source));
    sink_.write(" -[");
    put_dot_string(type);
    sink_.write("]-> ");
    put_dot_string(store_.node_id(ends.target));
    if (derived) sink_.write(", derived");
    std::vector<Evidence> evidence = store_.edge_evidence(e);
    if (evidence.empty()) return;
    sink_.write(", " + std::to_string(evidence.size()) +
                (evidence.size() == 1 ? " sentence" : " sentences"));
    if (!evidence.front().text.empty()) {
      sink_.write(":\\n");
      put_dot_string(detail::shorten(evidence.front().text, kTooltipChars));
    }
  }

  // A Document's cluster holds the document, the commitments STATED_IN it and the norms it
  // CONTAINS; a node that belongs to several documents is drawn in the first one found.
  void clustered_nodes() {
    std::unordered_map<NodeId, NodeId> cluster_of;
    selection_.for_each_node(store_, [&](NodeId n) {
      if (store_.node_kind(n) == "Document") cluster_of.emplace(n, n);
    });
    auto stated_in = store_.find_edge_type("STATED_IN");
    auto contains = store_.find_edge_type("CONTAINS");
    selection_.for_each_edge(store_, [&](EdgeId e) {
      EdgeEnds ends = store_.edge_ends(e);
      if (stated_in && ends.type == *stated_in && cluster_of.count(ends.target) &&
          cluster_of[ends.target] == ends.target)
        cluster_of.emplace(ends.source, ends.target);
      if (contains && ends.type == *contains && cluster_of.count(ends.source) &&
          cluster_of[ends.source] == ends.source)
        cluster_of.emplace(ends.target, ends.source);
    });
    std::vector<std::pair<NodeId, NodeId>> members(cluster_of.begin(), cluster_of.end());
    std::sort(members.begin(), members.end(), [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second < b.second : a.first < b.first;
    });
    size_t index = 0;
    for (size_t i = 0; i < members.size();) {
      NodeId document = members[i].second;
      sink_.write("  subgraph cluster_" + std::to_string(index++) + " {\n    label=");
      quoted(detail::shorten(store_.node_name(document), kLabelChars));
      sink_.write("; style=\"rounded,dashed\"; color=\"" + styles_.kind("Document").border +
                  "\"; fontsize=9;\n");
      for (; i < members.size() && members[i].second == document; ++i)
        node(members[i].first, "    ");
      sink_.write("  }\n");
    }
    selection_.for_each_node(store_, [&](NodeId n) {
      if (!cluster_of.count(n)) node(n, "  ");
    });
  }

  // One plain node holding an HTML table: a swatch per kind and a line per edge type drawn.
  void legend() {
    if (kinds_seen_.empty()) return;
    std::string name = "normgraph:legend";
    while (store_.find_node(name)) name += "_";
    sink_.write("  ");
    quoted(name);
    sink_.write(
        " [shape=plaintext, style=\"\", tooltip=\"legend\", label=<<TABLE BORDER=\"0\" "
        "CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"3\"><TR><TD COLSPAN=\"2\"><B>legend</B>"
        "</TD></TR>");
    std::set<std::string_view> kinds;  // by name, so the legend's order does not vary
    for (Symbol symbol : kinds_seen_) kinds.insert(store_.strings().view(symbol));
    for (std::string_view kind : kinds) {
      const KindStyle& style = styles_.kind(kind);
      sink_.write("<TR><TD BGCOLOR=\"" + style.fill + "\" COLOR=\"" + style.border +
                  "\"> </TD><TD ALIGN=\"LEFT\">");
      detail::put_xml_text(sink_, kind);
      sink_.write("</TD></TR>");
    }
    std::set<std::string_view> types;
    for (EdgeType t = 0; t < types_seen_.size(); ++t)
      if (types_seen_[t]) types.insert(store_.edge_type_name(t));
    for (std::string_view type : types) {
      const EdgeStyle& style = styles_.edge(type);
      sink_.write("<TR><TD><FONT COLOR=\"" + style.color + "\">&#8212;&#9654;</FONT></TD>" +
                  "<TD ALIGN=\"LEFT\"><FONT COLOR=\"" + style.color + "\">");
      detail::put_xml_text(sink_, type);
      sink_.write("</FONT></TD></TR>");
    }
    if (any_derived_)
      sink_.write("<TR><TD>- - &#9654;</TD><TD ALIGN=\"LEFT\">derived (" +
                  styles_.derived_edge_style() + ")</TD></TR>");
    sink_.write("</TABLE>>];\n");
  }

  void quoted(std::string_view text) {
    sink_.Put('"');
    put_dot_string(text);
    sink_.Put('"');
  }
  void put_dot_string(std::string_view text) { detail::put_dot_string(sink_, text); }

  const GraphStore& store_;
  const Selection& selection_;
  const Styles& styles_;
  const DotOptions& options_;
  detail::FileSink& sink_;
  std::unordered_set<Symbol> kinds_seen_;
  std::vector<bool> types_seen_;
  bool any_derived_ = false;
};

}  // namespace

void write_dot(const GraphStore& store, const Selection& selection, const Styles& styles,
               const DotOptions& options, std::FILE* out, const std::string& name) {
  detail::FileSink sink(out, name);
  DotWriter(store, selection, styles, options, sink).write();
  sink.finish();
}

void write_dot_file(const GraphStore& store, const Selection& selection, const Styles& styles,
                    const DotOptions& options, const std::string& path) {
  detail::write_output(path, [&](detail::FileSink& sink) {
    DotWriter(store, selection, styles, options, sink).write();
  });
}

}  // namespace normgraph::viz
