#pragma once
// How exports draw the graph, read from ontology/viz/styles.json (docs/export.md): a Graphviz
// shape and colors per node kind, a color, line style and width per edge type, the line style
// of derived edges and the colors of the stance matrix.
#include <map>
#include <string>
#include <string_view>

namespace normgraph::viz {

struct KindStyle {
  std::string shape = "ellipse";  // a Graphviz shape name
  std::string fill = "#eeeeee";
  std::string border = "#757575";
  bool rounded = false;
};

struct EdgeStyle {
  std::string color = "#757575";
  std::string style = "solid";  // solid, dashed, dotted, bold
  double width = 1;
};

struct StanceColors {
  std::string endorse = "#43a047", oppose = "#e53935", both = "#8e24aa", concern = "#fb8c00",
              none = "#f4f4f4";
};

class Styles {
 public:
  // Reads a styles file; throws InputError naming the file and what is wrong.
  static Styles load(const std::string& path);
  // $NORMGRAPH_ONTOLOGY_DIR/viz/styles.json when the variable is set, else the source tree's.
  static Styles load_default();
  static std::string default_path();

  const KindStyle& kind(std::string_view name) const;
  const EdgeStyle& edge(std::string_view type) const;
  const std::string& derived_edge_style() const { return derived_style_; }
  const StanceColors& stance() const { return stance_; }

 private:
  friend class StylesReader;
  KindStyle default_kind_;
  EdgeStyle default_edge_;
  std::string derived_style_ = "dashed";
  std::map<std::string, KindStyle, std::less<>> kinds_;
  std::map<std::string, EdgeStyle, std::less<>> edges_;
  StanceColors stance_;
};

}  // namespace normgraph::viz
