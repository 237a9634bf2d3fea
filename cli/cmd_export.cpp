// normgraph export: writes the graph, or a part of it, in one of the formats of docs/export.md.
#include <algorithm>
#include <charconv>
#include <cstdio>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "commands.hpp"
#include "normgraph/engine/data_dir.hpp"
#include "normgraph/viz/csv.hpp"
#include "normgraph/viz/export.hpp"
#include "normgraph/viz/graph_json.hpp"
#include "normgraph/viz/selection.hpp"
#include "normgraph/viz/stance_matrix.hpp"
#include "normgraph/viz/styles.hpp"
#include "viewed_graph.hpp"

namespace normgraph::cli {

namespace {

const std::vector<std::string> kFormats = {"json",    "csv",       "dot",    "svg",
                                           "graphml", "nt",        "ttl",    "neo4j-csv",
                                           "kuzu",    "cytoscape", "matrix", "matrix-svg"};
const std::set<std::string> kFolderFormats = {"csv", "neo4j-csv", "kuzu"};
// Laying out more nodes than this takes minutes and gives an unreadable picture.
constexpr size_t kSvgNodeLimit = 2000;
constexpr const char* kExportTimeoutDefault = "300";

std::string joined_formats() {
  std::string text;
  for (const std::string& f : kFormats) text += (text.empty() ? "" : ", ") + f;
  return text;
}

size_t count_option(const ParsedArgs& args, const std::string& name, size_t fallback) {
  auto text = args.get(name);
  if (!text) return fallback;
  size_t value = 0;
  auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc() || end != text->data() + text->size())
    throw UsageError("--" + name + " needs a non-negative integer, got '" + *text + "'");
  return value;
}

// "A,B" and repeated options alike.
std::vector<std::string> list_option(const ParsedArgs& args, const std::string& name) {
  std::vector<std::string> items;
  for (const std::string& value : args.all(name)) {
    size_t start = 0;
    while (start <= value.size()) {
      size_t comma = value.find(',', start);
      if (comma == std::string::npos) comma = value.size();
      std::string item = value.substr(start, comma - start);
      if (item.empty()) throw UsageError("--" + name + ": empty item in '" + value + "'");
      items.push_back(item);
      start = comma + 1;
    }
  }
  return items;
}

viz::SelectionSpec selection_spec(const ParsedArgs& args) {
  viz::SelectionSpec spec;
  spec.kinds = list_option(args, "kinds");
  spec.types = list_option(args, "types");
  spec.focus = args.get_or("focus", "");
  spec.depth = count_option(args, "depth", 2);
  spec.max_nodes = count_option(args, "max-nodes", 0);
  if (args.get("depth") && spec.focus.empty()) throw UsageError("--depth needs --focus");
  return spec;
}

bool selects(const ParsedArgs& args) {
  for (const char* name : {"kinds", "types", "focus", "depth", "max-nodes"})
    if (args.get(name)) return true;
  return false;
}

void write_drawing(const std::string& format, const GraphStore& store,
                   const viz::Selection& selection, const ParsedArgs& args, const Limits& limits,
                   const std::string& output) {
  viz::Styles styles = viz::Styles::load_default();
  viz::DotOptions options;
  const std::string cluster = args.get_or("cluster", "none");
  if (cluster != "none" && cluster != "documents")
    throw UsageError("--cluster is 'documents' or 'none', got '" + cluster + "'");
  options.cluster_documents = cluster == "documents";
  options.layout = args.get_or("layout", "dot");
  options.limits = limits;
  if (format == "dot") return viz::write_dot_file(store, selection, styles, options, output);
  if (selection.node_count() > kSvgNodeLimit)
    throw UsageError("an SVG of " + std::to_string(selection.node_count()) +
                     " nodes is too large to lay out (limit " + std::to_string(kSvgNodeLimit) +
                     "); cut it with --focus ID --depth N, --kinds, --types or --max-nodes");
  viz::write_svg_file(store, selection, styles, options, output);
}

void write_matrix(const std::string& format, const GraphStore& store,
                  const viz::Selection& selection, const ParsedArgs& args,
                  const std::string& output) {
  viz::MatrixSpec spec;
  spec.rows = list_option(args, "rows");
  spec.columns = list_option(args, "columns");
  viz::StanceMatrix matrix = viz::build_stance_matrix(store, selection, spec);
  if (format == "matrix") return viz::write_matrix_csv(matrix, output);
  viz::write_matrix_svg(matrix, viz::Styles::load_default(), output);
}

// json and csv: the lossless exchange format and the benchmark layout, whole or a part.
void write_exchange(const std::string& format, const GraphStore& store, const viz::Selection* part,
                    const std::optional<std::string>& output, Progress* progress) {
  if (format == "json")
    viz::write_graph_json_file(store, output.value_or("-"), progress, part);
  else
    viz::write_csv_graph(store, *output, progress, part);
}

void write_selected(const std::string& format, const GraphStore& store,
                    const viz::Selection& selection, const ParsedArgs& args, const Limits& limits,
                    const std::string& path) {
  if (format == "dot" || format == "svg")
    write_drawing(format, store, selection, args, limits, path);
  else if (format == "graphml")
    viz::write_graphml_file(store, selection, path);
  else if (format == "nt" || format == "ttl")
    viz::write_rdf_file(store, selection,
                        format == "nt" ? viz::RdfSyntax::NTriples : viz::RdfSyntax::Turtle, path);
  else if (format == "neo4j-csv")
    viz::write_neo4j_csv(store, selection, path);
  else if (format == "kuzu")
    viz::write_kuzu_csv(store, selection, path);
  else if (format == "cytoscape")
    viz::write_cytoscape_file(store, selection, viz::Styles::load_default(), path);
  else
    write_matrix(format, store, selection, args, path);
}

int run_export(const ParsedArgs& args) {
  const std::string format = args.get_or("format", "json");
  if (std::find(kFormats.begin(), kFormats.end(), format) == kFormats.end())
    throw UsageError("unknown format '" + format + "' (" + joined_formats() + ")");
  const auto output = args.get("output");
  if (kFolderFormats.count(format) && !output)
    throw UsageError("--format " + format + " writes a folder: give it with -o DIR");
  const bool exchange = format == "json" || format == "csv";
  viz::SelectionSpec spec = selection_spec(args);
  const Limits limits = limit_options(args, kExportTimeoutDefault);
  ViewedGraph graph(args);
  GraphStore& store = graph.store();
  const EdgeView* view = graph.view();
  // The time limit counts from here: loading the graph is not the export's work.
  const WorkLimits work(limits, "the export");
  LimitedProgress limited(work, graph.progress());
  // The whole graph in json or csv needs no selection, which would walk every edge; a view
  // is a selection of edges.
  if (exchange && !selects(args) && !view) {
    write_exchange(format, store, nullptr, output, &limited);
    return kExitOk;
  }
  viz::Selection selection = viz::select(store, spec);
  work.check_time();
  for (const std::string& note : selection.notes())
    std::fprintf(stderr, "normgraph export: note: %s\n", note.c_str());
  Limits left = limits;
  if (left.time_limit_seconds > 0) left.time_limit_seconds = std::max(1e-3, work.seconds_left());
  if (exchange)
    write_exchange(format, store, &selection, output, &limited);
  else
    write_selected(format, store, selection, args, left, output.value_or("-"));
  work.check_time();
  return kExitOk;
}

}  // namespace

Command export_command() {
  return {{"export", "write the graph, or a part of it, for other tools",
           "Formats (docs/export.md):\n"
           "  json        graph JSON, lossless; re-ingesting it gives the same graph\n"
           "  csv         folder with nodes.csv and edges.csv (the benchmark layout)\n"
           "  dot         Graphviz DOT styled by kind and edge type, with a legend\n"
           "  svg         the DOT drawing laid out by the Graphviz library (--layout)\n"
           "  graphml     GraphML with typed keys (yEd, Gephi)\n"
           "  nt, ttl     RDF N-Triples / Turtle, evidence as PROV-O\n"
           "  neo4j-csv   folder for neo4j-admin database import\n"
           "  kuzu        folder with CSV files and load.cypher for Kuzu\n"
           "  cytoscape   Cytoscape.js elements and style JSON\n"
           "  matrix      stance matrix CSV (rows x columns: endorse/oppose/both/none)\n"
           "  matrix-svg  the stance matrix as an SVG heat map\n"
           "All but json and csv take the selection options: --focus cuts the neighborhood of a\n"
           "node (both directions, over the kept edge types), --kinds and --types filter, and\n"
           "--max-nodes caps the node count; what a cap left out is noted on stderr.\n"
           "--timeout stops an export that runs longer (exit code 2); an SVG whose estimated\n"
           "layout cost is too high, or would not finish within the time left, is refused\n"
           "before Graphviz starts (docs/export.md, \"Limits\").",
           with_view_options(
               {data_option(),
                {"format", 'f', "FORMAT", "one of the formats above", "json"},
                {"output", 'o', "PATH",
                 "output file (default stdout) or folder (csv, neo4j-csv, kuzu)", ""},
                {"focus", 0, "ID|NAME", "export the neighborhood of this node", ""},
                {"depth", 0, "N", "with --focus: steps out from the focus (default 2)", ""},
                {"kinds", 0, "K,...", "keep only nodes of these kinds", "", true},
                {"types", 0, "T,...", "keep only edges of these types", "", true},
                {"max-nodes", 0, "N", "keep at most N nodes (nearest to the focus first)", ""},
                {"cluster", 0, "documents|none", "dot, svg: one box per document", "none"},
                {"layout", 0, "ENGINE", "svg: dot, neato, fdp, sfdp, circo or twopi", "dot"},
                {"rows", 0, "KIND", "matrix: the kind of the rows", "Actor"},
                {"columns", 0, "KIND", "matrix: the kind of the columns", "Principle"},
                timeout_option("an export", kExportTimeoutDefault)}),
           "", 0, 0},
          run_export};
}

}  // namespace normgraph::cli
