// SVG through the Graphviz library (libgvc, libcgraph), in this process: the DOT drawing is
// written to an anonymous temporary file, read back by cgraph, laid out and rendered. This is
// the only translation unit that includes Graphviz's headers.
#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>

#include "file_sink.hpp"
#include "normgraph/core/errors.hpp"
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
// Timed, so a rendering waiting for another one keeps its own time limit.
std::timed_mutex graphviz_mutex;

// Above this cost the layout's own iteration limits are lowered in proportion (a less
// polished drawing, in bounded time) before the drawing is refused at max_layout_cost.
constexpr double kFullQualityCost = 2.5e5;
// Seconds per unit of cost, measured with `dot` on this project's drawings (docs/export.md).
constexpr double kSecondsPerCost = 1.0 / 40000;

void set_graph_attribute(Agraph_t* graph, const char* name, const std::string& value) {
  agattr(graph, AGRAPH, const_cast<char*>(name), const_cast<char*>(""));
  agset(graph, const_cast<char*>(name), const_cast<char*>(value.c_str()));
}

// Lowers the iteration limits of the layout engines for a costly drawing: crossing
// minimization (mclimit) and network simplex (nslimit, nslimit1) of dot, the iterations of
// neato, fdp and sfdp (maxiter). Each engine reads only its own.
void limit_layout_work(Agraph_t* graph, double cost) {
  if (cost <= kFullQualityCost) return;
  const double scale = std::max(0.02, kFullQualityCost / cost);
  set_graph_attribute(graph, "mclimit", std::to_string(scale));
  set_graph_attribute(graph, "nslimit", std::to_string(std::max(0.5, 10 * scale)));
  set_graph_attribute(graph, "nslimit1", std::to_string(std::max(0.5, 10 * scale)));
  set_graph_attribute(graph, "remincross", "false");
  set_graph_attribute(graph, "maxiter",
                      std::to_string(std::max(20, static_cast<int>(200 * scale))));
}

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

// Refuses a drawing whose layout would cost more than allowed or take longer than the time left.
void check_layout_budget(const LayoutEstimate& estimate, const Selection& selection,
                         const DotOptions& options, const WorkLimits& work) {
  const std::string size = std::to_string(selection.node_count()) + " nodes and " +
                           std::to_string(selection.edge_count()) + " edges";
  const std::string cut = "; cut the drawing with a focus and depth, kinds, types or max nodes";
  if (options.max_layout_cost > 0 && estimate.cost > options.max_layout_cost)
    throw LimitExceeded("LayoutLimit",
                        "an SVG of " + size + " is too costly to lay out (cost " +
                            std::to_string(std::llround(estimate.cost)) + ", limit " +
                            std::to_string(std::llround(options.max_layout_cost)) + ")" + cut);
  if (options.limits.time_limit_seconds > 0 && estimate.seconds > work.seconds_left())
    throw LimitExceeded("TimeLimit", "an SVG of " + size + " would take about " +
                                         std::to_string(std::llround(estimate.seconds)) +
                                         " s to lay out, more than the time limit of " +
                                         work.describe_time() + " leaves" + cut);
}

}  // namespace

LayoutEstimate estimate_layout(size_t nodes, size_t edges, const std::string& layout) {
  // dot's crossing minimization and ranking grow about with the square of the drawing's
  // elements (an edge label is a virtual node); the force-directed engines about the same
  // per iteration. Measured, not derived: see docs/export.md.
  const double elements = static_cast<double>(nodes) + 2.0 * static_cast<double>(edges);
  double cost = elements * elements;
  if (layout == "sfdp") cost = elements * std::log2(elements + 2) * 20;  // multilevel
  return {cost, std::min(cost, kFullQualityCost) * kSecondsPerCost +
                    std::max(0.0, cost - kFullQualityCost) * kSecondsPerCost * 0.2};
}

void write_svg_file(const GraphStore& store, const Selection& selection, const Styles& styles,
                    const DotOptions& options, const std::string& path) {
  check_layout(options.layout);
  const WorkLimits work(options.limits, "the SVG layout");
  const LayoutEstimate estimate =
      estimate_layout(selection.node_count(), selection.edge_count(), options.layout);
  check_layout_budget(estimate, selection, options, work);
  std::unique_lock<std::timed_mutex> lock(graphviz_mutex, std::defer_lock);
  if (options.limits.time_limit_seconds > 0) {
    if (!lock.try_lock_for(std::chrono::duration<double>(std::max(0.0, work.seconds_left()))))
      throw LimitExceeded("TimeLimit",
                          "the SVG layout waited for another one longer than the "
                          "time limit of " +
                              work.describe_time());
    check_layout_budget(estimate, selection, options, work);  // less time is left now
  } else {
    lock.lock();
  }
  GVC_t* gvc = graphviz();
  Drawing drawing;
  drawing.graph = read_drawing(store, selection, styles, options);
  limit_layout_work(drawing.graph, estimate.cost);
  if (gvLayout(gvc, drawing.graph, options.layout.c_str()) != 0)
    throw std::runtime_error("Graphviz layout '" + options.layout +
                             "' failed (is its plugin installed? 'dot -c' registers plugins)");
  drawing.laid_out = true;
  work.check_time();
  char* data = nullptr;
  unsigned int length = 0;
  if (gvRenderData(gvc, drawing.graph, "svg", &data, &length) != 0 || !data)
    throw std::runtime_error("Graphviz could not render SVG");
  std::unique_ptr<char, void (*)(char*)> rendered(data, &gvFreeRenderData);
  detail::write_output(
      path, [&](detail::FileSink& sink) { sink.write(std::string_view(rendered.get(), length)); });
}

}  // namespace normgraph::viz
