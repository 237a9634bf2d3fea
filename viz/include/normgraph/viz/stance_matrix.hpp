#pragma once
// The stance matrix: for each row node (default: actors) and column node (default: principles),
// whether the row ENDORSES the column, OPPOSES it, both or neither, with the number of sentences
// that say so. Rows and columns are the nodes with at least one such edge, sorted by name.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "normgraph/engine/graph_store.hpp"
#include "normgraph/viz/selection.hpp"
#include "normgraph/viz/styles.hpp"

namespace normgraph::viz {

// The kinds of the row and of the column nodes (several: actors x principles and practices).
struct MatrixSpec {
  std::vector<std::string> rows = {"Actor"};
  std::vector<std::string> columns = {"Principle"};
};

// Concern: CONCERNED_ABOUT only (an endorsement or opposition of the same cell says more).
enum class Stance : uint8_t { None, Endorse, Oppose, Both, Concern };
const char* stance_name(Stance stance);

struct StanceCell {
  bool endorses = false, opposes = false, concerned = false;
  uint32_t endorse_sentences = 0, oppose_sentences = 0, concern_sentences = 0;
  Stance stance() const;
  uint32_t sentences() const { return endorse_sentences + oppose_sentences + concern_sentences; }
};

struct MatrixHeader {
  std::string id, name;
};

class StanceMatrix {
 public:
  std::vector<MatrixHeader> rows, columns;
  // The cell at (row, column); a cell with no edge is Stance::None.
  StanceCell cell(size_t row, size_t column) const;
  void set(size_t row, size_t column, const StanceCell& cell) { cells_[key(row, column)] = cell; }
  size_t filled() const { return cells_.size(); }

 private:
  uint64_t key(size_t row, size_t column) const { return uint64_t(row) << 32 | column; }
  std::unordered_map<uint64_t, StanceCell> cells_;
};

// Reads the selected ENDORSES, OPPOSES and CONCERNED_ABOUT edges from a `rows` node to a
// `columns` node.
StanceMatrix build_stance_matrix(const GraphStore& store, const Selection& selection,
                                 const MatrixSpec& spec);

// CSV: a header "id,name,<column names>", then one line per row; each cell is
// "endorse:N", "oppose:N", "both:N", "concern:N" (N sentences in all) or "none".
void write_matrix_csv(const StanceMatrix& matrix, const std::string& path);
// An SVG heat map: a colored square per cell with its sentence count, names on both axes.
void write_matrix_svg(const StanceMatrix& matrix, const Styles& styles, const std::string& path);

}  // namespace normgraph::viz
