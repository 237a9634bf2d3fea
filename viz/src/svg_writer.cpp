// SVG through the Graphviz library (libgvc, libcgraph), in this process: the DOT drawing is
// written to an anonymous temporary file, read back by cgraph, laid out and rendered. This is
// the only translation unit that includes Graphviz's headers.
#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>

#include "file_sink.hpp"
#include "normgraph/engine/errors.hpp"
#include "normgraph/viz/export.hpp"

namespace normgraph::viz {
namespace {

constexpr const char* kLayouts[] = {"dot", "neato", "fdp", "sfdp", "circo", "twopi"};

void check_layout(const std::string& layout) {
  for (const char* known : kLayouts)
    if (layout == known) return;
  throw InputError("unknown layout engine '" + layout + "' (dot, neato, fdp, sfdp, circo, twopi)");
}

struct GraphvizContext {
  GVC_t* gvc = gvContext();
  Agraph_t* graph = nullptr;
  bool laid_out = false;
  ~GraphvizContext() {
    if (laid_out) gvFreeLayout(gvc, graph);
    if (graph) agclose(graph);
    gvFreeContext(gvc);
  }
};

// The DOT text of the drawing, as cgraph reads it back.
Agraph_t* read_drawing(const GraphStore& store, const Selection& selection, const Styles& styles,
                       const DotOptions& options) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> dot(std::tmpfile(), &std::fclose);
  if (!dot) throw std::runtime_error("cannot create a temporary file for the SVG layout");
  write_dot(store, selection, styles, options, dot.get(), "temporary DOT file");
  std::rewind(dot.get());
  Agraph_t* graph = agread(dot.get(), nullptr);
  if (!graph) throw std::runtime_error("Graphviz could not read the drawing");
  return graph;
}

}  // namespace

void write_svg_file(const GraphStore& store, const Selection& selection, const Styles& styles,
                    const DotOptions& options, const std::string& path) {
  check_layout(options.layout);
  GraphvizContext context;
  if (!context.gvc) throw std::runtime_error("cannot start the Graphviz library");
  context.graph = read_drawing(store, selection, styles, options);
  if (gvLayout(context.gvc, context.graph, options.layout.c_str()) != 0)
    throw std::runtime_error("Graphviz layout '" + options.layout +
                             "' failed (is its plugin installed? 'dot -c' registers plugins)");
  context.laid_out = true;
  char* data = nullptr;
  unsigned int length = 0;
  if (gvRenderData(context.gvc, context.graph, "svg", &data, &length) != 0 || !data)
    throw std::runtime_error("Graphviz could not render SVG");
  std::unique_ptr<char, void (*)(char*)> rendered(data, &gvFreeRenderData);
  detail::write_output(
      path, [&](detail::FileSink& sink) { sink.write(std::string_view(rendered.get(), length)); });
}

}  // namespace normgraph::viz
