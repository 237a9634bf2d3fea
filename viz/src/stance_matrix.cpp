// The stance matrix and its CSV and SVG writers. Only edges between a row and a column node are
// kept (a map from cell to counts), so its size follows the number of stances, not the graph.
#include "normgraph/viz/stance_matrix.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>

#include "file_sink.hpp"
#include "text_escape.hpp"

namespace normgraph::viz {
namespace {

constexpr size_t kLabelChars = 36;

struct Axis {
  std::unordered_map<NodeId, size_t> index;  // node -> position, once sorted
  std::vector<NodeId> nodes;
  void add(NodeId n) {
    if (index.emplace(n, 0).second) nodes.push_back(n);
  }
  std::vector<MatrixHeader> sort(const GraphStore& store) {
    std::sort(nodes.begin(), nodes.end(), [&](NodeId a, NodeId b) {
      auto ka = std::pair(store.node_name(a), store.node_id(a));
      auto kb = std::pair(store.node_name(b), store.node_id(b));
      return ka < kb;
    });
    std::vector<MatrixHeader> headers;
    for (size_t i = 0; i < nodes.size(); ++i) {
      index[nodes[i]] = i;
      headers.push_back(
          {std::string(store.node_id(nodes[i])), std::string(store.node_name(nodes[i]))});
    }
    return headers;
  }
};

bool listed(const std::vector<std::string>& kinds, std::string_view kind) {
  return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

}  // namespace

const char* stance_name(Stance stance) {
  switch (stance) {
    case Stance::Endorse:
      return "endorse";
    case Stance::Oppose:
      return "oppose";
    case Stance::Both:
      return "both";
    case Stance::Concern:
      return "concern";
    case Stance::None:
      break;
  }
  return "none";
}

Stance StanceCell::stance() const {
  if (endorses && opposes) return Stance::Both;
  if (endorses) return Stance::Endorse;
  if (opposes) return Stance::Oppose;
  if (concerned) return Stance::Concern;
  return Stance::None;
}

StanceCell StanceMatrix::cell(size_t row, size_t column) const {
  auto it = cells_.find(key(row, column));
  return it == cells_.end() ? StanceCell{} : it->second;
}

StanceMatrix build_stance_matrix(const GraphStore& store, const Selection& selection,
                                 const MatrixSpec& spec) {
  enum class Said : uint8_t { Endorse, Oppose, Concern };
  struct Stated {
    NodeId row, column;
    Said said;
    uint32_t sentences;
  };
  std::vector<Stated> stated;
  Axis rows, columns;
  // Not a structured binding: clang 14 cannot capture one in the lambda below.
  for (const auto& type_said :
       {std::pair{"ENDORSES", Said::Endorse}, std::pair{"OPPOSES", Said::Oppose},
        std::pair{"CONCERNED_ABOUT", Said::Concern}}) {
    const Said said = type_said.second;
    auto t = store.find_edge_type(type_said.first);
    if (!t) continue;
    store.for_each_edge_of_type(*t, [&](EdgeId e) {
      if (!selection.has_edge(e)) return;
      EdgeEnds ends = store.edge_ends(e);
      if (!listed(spec.rows, store.node_kind(ends.source)) ||
          !listed(spec.columns, store.node_kind(ends.target)))
        return;
      rows.add(ends.source);
      columns.add(ends.target);
      stated.push_back(
          {ends.source, ends.target, said, static_cast<uint32_t>(store.edge_evidence(e).size())});
    });
  }
  StanceMatrix matrix;
  matrix.rows = rows.sort(store);
  matrix.columns = columns.sort(store);
  for (const Stated& s : stated) {
    size_t r = rows.index[s.row], c = columns.index[s.column];
    StanceCell cell = matrix.cell(r, c);
    switch (s.said) {
      case Said::Endorse:
        cell.endorses = true;
        cell.endorse_sentences += s.sentences;
        break;
      case Said::Oppose:
        cell.opposes = true;
        cell.oppose_sentences += s.sentences;
        break;
      case Said::Concern:
        cell.concerned = true;
        cell.concern_sentences += s.sentences;
        break;
    }
    matrix.set(r, c, cell);
  }
  return matrix;
}

namespace {

void csv_field(detail::FileSink& sink, std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return sink.write(text);
  sink.Put('"');
  for (char c : text) {
    if (c == '"') sink.Put('"');
    sink.Put(c);
  }
  sink.Put('"');
}

}  // namespace

void write_matrix_csv(const StanceMatrix& matrix, const std::string& path) {
  detail::write_output(path, [&](detail::FileSink& sink) {
    sink.write("id,name");
    for (const MatrixHeader& column : matrix.columns) {
      sink.Put(',');
      csv_field(sink, column.name.empty() ? column.id : column.name);
    }
    sink.Put('\n');
    for (size_t r = 0; r < matrix.rows.size(); ++r) {
      csv_field(sink, matrix.rows[r].id);
      sink.Put(',');
      csv_field(sink, matrix.rows[r].name);
      for (size_t c = 0; c < matrix.columns.size(); ++c) {
        StanceCell cell = matrix.cell(r, c);
        sink.Put(',');
        sink.write(stance_name(cell.stance()));
        if (cell.stance() != Stance::None) sink.write(":" + std::to_string(cell.sentences()));
      }
      sink.Put('\n');
    }
  });
}

namespace {

// Layout of the heat map, in SVG user units (px). Label room is estimated from the longest
// label at ~6.5 px per character of 11 px Helvetica, so names are never clipped.
struct HeatMapLayout {
  static constexpr double kCell = 26, kCharWidth = 6.5, kMargin = 12;
  double left, top, width, height;
  HeatMapLayout(const StanceMatrix& m) {
    size_t row_chars = 4, column_chars = 4;
    for (const auto& r : m.rows) row_chars = std::max(row_chars, label(r).size());
    for (const auto& c : m.columns) column_chars = std::max(column_chars, label(c).size());
    row_chars = std::min(row_chars, kLabelChars + 1);
    column_chars = std::min(column_chars, kLabelChars + 1);
    left = kMargin + row_chars * kCharWidth + 8;
    // Column labels are turned 45 degrees: they need height and stick out to the right.
    double diagonal = column_chars * kCharWidth * 0.7072;
    top = kMargin + diagonal + 8;
    width = left + m.columns.size() * kCell + diagonal + kMargin;
    height = top + m.rows.size() * kCell + 60;
    width = std::max(width, 420.0);
  }
  static std::string label(const MatrixHeader& h) {
    return detail::shorten(h.name.empty() ? h.id : h.name, kLabelChars);
  }
};

std::string number(double d) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", d);
  return buffer;
}

// Writes the heat map: row names, slanted column names, a square per cell, a legend.
class HeatMapWriter {
 public:
  HeatMapWriter(const StanceMatrix& matrix, const StanceColors& colors, detail::FileSink& sink)
      : matrix_(matrix), colors_(colors), layout_(matrix), sink_(sink) {}

  void write() {
    header();
    for (size_t r = 0; r < matrix_.rows.size(); ++r) row_label(r);
    for (size_t c = 0; c < matrix_.columns.size(); ++c) column_label(c);
    for (size_t r = 0; r < matrix_.rows.size(); ++r)
      for (size_t c = 0; c < matrix_.columns.size(); ++c) cell(r, c);
    legend();
    sink_.write("</svg>\n");
  }

 private:
  static constexpr double kCell = HeatMapLayout::kCell;

  void header() {
    const std::string width = number(layout_.width), height = number(layout_.height);
    sink_.write(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" +
        width + "\" height=\"" + height + "\" viewBox=\"0 0 " + width + " " + height +
        "\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"11\">\n"
        "<title>stance matrix</title>\n"
        "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
  }

  void row_label(size_t r) {
    double y = layout_.top + r * kCell + kCell / 2 + 4;
    sink_.write("<text x=\"" + number(layout_.left - 6) + "\" y=\"" + number(y) +
                "\" text-anchor=\"end\">");
    label(matrix_.rows[r]);
  }

  void column_label(size_t c) {
    double x = layout_.left + c * kCell + kCell / 2, y = layout_.top - 6;
    sink_.write("<text x=\"" + number(x) + "\" y=\"" + number(y) + "\" transform=\"rotate(-45 " +
                number(x) + " " + number(y) + ")\">");
    label(matrix_.columns[c]);
  }

  // The rest of a <text>: the id as its tooltip, then the (shortened) name.
  void label(const MatrixHeader& header) {
    sink_.write("<title>");
    detail::put_xml_text(sink_, header.id);
    sink_.write("</title>");
    detail::put_xml_text(sink_, HeatMapLayout::label(header));
    sink_.write("</text>\n");
  }

  void cell(size_t r, size_t c) {
    StanceCell value = matrix_.cell(r, c);
    Stance stance = value.stance();
    double x = layout_.left + c * kCell, y = layout_.top + r * kCell, side = kCell - 2;
    sink_.write("<rect x=\"" + number(x) + "\" y=\"" + number(y) + "\" width=\"" + number(side) +
                "\" height=\"" + number(side) + "\" fill=\"" + color(stance) + "\"><title>");
    detail::put_xml_text(sink_, matrix_.rows[r].name + " / " + matrix_.columns[c].name + ": " +
                                    stance_name(stance) + ", " + std::to_string(value.sentences()) +
                                    " sentences");
    sink_.write("</title></rect>\n");
    if (stance == Stance::None || value.sentences() == 0) return;
    sink_.write("<text x=\"" + number(x + side / 2) + "\" y=\"" + number(y + side / 2 + 4) +
                "\" text-anchor=\"middle\" fill=\"#ffffff\" font-weight=\"bold\">" +
                std::to_string(value.sentences()) + "</text>\n");
  }

  const std::string& color(Stance stance) const {
    switch (stance) {
      case Stance::Endorse:
        return colors_.endorse;
      case Stance::Oppose:
        return colors_.oppose;
      case Stance::Both:
        return colors_.both;
      case Stance::Concern:
        return colors_.concern;
      case Stance::None:
        break;
    }
    return colors_.none;
  }

  void legend() {
    double y = layout_.top + matrix_.rows.size() * kCell + 24, x = layout_.left;
    for (Stance stance :
         {Stance::Endorse, Stance::Oppose, Stance::Both, Stance::Concern, Stance::None}) {
      sink_.write("<rect x=\"" + number(x) + "\" y=\"" + number(y - 11) +
                  "\" width=\"14\" height=\"14\" fill=\"" + color(stance) +
                  "\" stroke=\"#9e9e9e\"/><text x=\"" + number(x + 18) + "\" y=\"" + number(y) +
                  "\">" + stance_name(stance) + "</text>\n");
      x += 80;
    }
    sink_.write("<text x=\"" + number(layout_.left) + "\" y=\"" + number(y + 20) +
                "\" fill=\"#616161\">numbers: supporting sentences</text>\n");
  }

  const StanceMatrix& matrix_;
  const StanceColors& colors_;
  HeatMapLayout layout_;
  detail::FileSink& sink_;
};

}  // namespace

void write_matrix_svg(const StanceMatrix& matrix, const Styles& styles, const std::string& path) {
  detail::write_output(
      path, [&](detail::FileSink& sink) { HeatMapWriter(matrix, styles.stance(), sink).write(); });
}

}  // namespace normgraph::viz
