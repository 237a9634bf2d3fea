// SVG through the Graphviz library (libgvc, libcgraph), in this process: the DOT drawing is
// written to an anonymous temporary file, read back by cgraph, laid out and rendered. This is
// the only translation unit that includes Graphviz's headers.
#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <cstdio>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>

#include "file_sink.hpp"
#include "normgraph/engine/errors.hpp"
#include "normgraph/viz/export.hpp"

// Graphviz and the font libraries it loads keep caches for the life of the process, which
// LeakSanitizer reports at exit; they are not ours to free. This hook, read by the sanitizer
// runtime when present, keeps sanitizer builds of every program that renders SVG quiet about
// them without hiding leaks in normgraph's own code.
extern "C" const char* __lsan_default_suppressions();
extern "C" __attribute__((used)) const char* __lsan_default_suppressions() {
  return "leak:libgvc.so\nleak:libcgraph.so\nleak:libcdt.so\nleak:libgvplugin_\n"
         "leak:libfontconfig.so\nleak:libpango\nleak:libcairo.so\nleak:libglib-2.0.so\n"
         "leak:libgobject-2.0.so\nleak:libharfbuzz.so\nleak:libfreetype.so\n";
}

namespace normgraph::viz {
namespace {

constexpr const char* kLayouts[] = {"dot", "neato", "fdp", "sfdp", "circo", "twopi"};

void check_layout(const std::string& layout) {
  for (const char* known : kLayouts)
    if (layout == known) return;
  throw InputError("unknown layout engine '" + layout + "' (dot, neato, fdp, sfdp, circo, twopi)");
}

// One Graphviz context for the whole process, never freed: Graphviz 2.42's pango plugin keeps
// a static cache that points into the first context's fonts, so freeing a context and starting
// another makes the next layout read freed memory (seen under AddressSanitizer). The library is
// not thread-safe either; the mutex keeps renderings apart.
GVC_t* graphviz() {
  static GVC_t* context = gvContext();
  if (!context) throw std::runtime_error("cannot start the Graphviz library");
  return context;
}
std::mutex graphviz_mutex;

// A graph read by cgraph and, once laid out, its layout; both freed when it goes.
struct Drawing {
  Agraph_t* graph = nullptr;
  bool laid_out = false;
  ~Drawing() {
    if (laid_out) gvFreeLayout(graphviz(), graph);
    if (graph) agclose(graph);
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
  std::lock_guard<std::mutex> lock(graphviz_mutex);
  GVC_t* gvc = graphviz();
  Drawing drawing;
  drawing.graph = read_drawing(store, selection, styles, options);
  if (gvLayout(gvc, drawing.graph, options.layout.c_str()) != 0)
    throw std::runtime_error("Graphviz layout '" + options.layout +
                             "' failed (is its plugin installed? 'dot -c' registers plugins)");
  drawing.laid_out = true;
  char* data = nullptr;
  unsigned int length = 0;
  if (gvRenderData(gvc, drawing.graph, "svg", &data, &length) != 0 || !data)
    throw std::runtime_error("Graphviz could not render SVG");
  std::unique_ptr<char, void (*)(char*)> rendered(data, &gvFreeRenderData);
  detail::write_output(
      path, [&](detail::FileSink& sink) { sink.write(std::string_view(rendered.get(), length)); });
}

}  // namespace normgraph::viz
