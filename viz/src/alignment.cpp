#include "normgraph/viz/alignment.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <sstream>

#include "normgraph/core/errors.hpp"
#include "text_escape.hpp"

namespace normgraph::viz {

namespace {

std::string label(const ConceptRef& r) {
  return r.name.empty() ? r.id : r.name;
}

std::string signed_score(double score) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%+.2f", score);
  return buffer;
}

// The speakers: actors that delivered a document.
std::vector<NodeId> speakers(const GraphStore& store) {
  std::vector<NodeId> out;
  const auto delivered = store.find_edge_type("DELIVERED");
  if (!delivered) return out;
  store.for_each_node_with_label("Actor", [&](NodeId n) {
    bool spoke = false;
    store.for_each_adjacent(n, Direction::Out, *delivered, [&](const AdjEntry&) { spoke = true; });
    if (spoke) out.push_back(n);
  });
  return out;
}

AlignmentCell cell_between(const std::map<NodeId, std::vector<ActorStance>>& a,
                           const std::map<NodeId, std::vector<ActorStance>>& b) {
  AlignmentCell cell;
  cell.stated = a.size() + b.size();
  for (const auto& [concept_node, stances] : a) {
    const auto other = b.find(concept_node);
    if (other == b.end()) continue;
    --cell.stated;
    const Relation r = relation_between(stances, other->second);
    if (r == Relation::Shared) cell.shared.push_back(concept_node);
    if (r == Relation::Collision) cell.collisions.push_back(concept_node);
  }
  return cell;
}

// Average-linkage clustering (UPGMA) of the n actors under `distance`; returns the leaf order
// and the merges over it. O(n^3), which a few hundred actors afford.
std::pair<std::vector<size_t>, std::vector<AlignmentMerge>> cluster(
    size_t n, const std::vector<double>& distance) {
  std::vector<std::vector<size_t>> members(n);
  for (size_t i = 0; i < n; ++i) members[i] = {i};
  std::vector<double> d = distance;  // between clusters, n x n
  std::vector<bool> alive(n, true);
  struct Step {
    std::vector<size_t> left, right;
    double distance;
  };
  std::vector<Step> steps;
  for (size_t round = 1; round < n; ++round) {
    size_t bi = 0, bj = 0;
    double best = std::numeric_limits<double>::infinity();
    for (size_t i = 0; i < n; ++i)
      for (size_t j = i + 1; alive[i] && j < n; ++j)
        if (alive[j] && d[i * n + j] < best) best = d[i * n + j], bi = i, bj = j;
    steps.push_back({members[bi], members[bj], best});
    const double wi = static_cast<double>(members[bi].size()),
                 wj = static_cast<double>(members[bj].size());
    for (size_t k = 0; k < n; ++k)  // Lance-Williams: the average over the union's pairs
      if (alive[k] && k != bi && k != bj)
        d[bi * n + k] = d[k * n + bi] = (wi * d[bi * n + k] + wj * d[bj * n + k]) / (wi + wj);
    members[bi].insert(members[bi].end(), members[bj].begin(), members[bj].end());
    alive[bj] = false;
  }
  std::vector<size_t> order;
  for (size_t i = 0; i < n; ++i)
    if (alive[i]) order = members[i];
  std::vector<size_t> position(n);
  for (size_t k = 0; k < order.size(); ++k) position[order[k]] = k;
  std::vector<AlignmentMerge> merges;
  for (const Step& s : steps) {
    const size_t first = position[s.left.front()];
    merges.push_back(
        {first, first + s.left.size(), first + s.left.size() + s.right.size(), s.distance});
  }
  return {order, merges};
}

std::string alignment_text(const Alignment& a) {
  std::vector<std::pair<size_t, size_t>> pairs;
  const size_t n = a.actors.size();
  for (size_t i = 0; i < n; ++i)
    for (size_t j = i + 1; j < n; ++j)
      if (a.cell(i, j).compared()) pairs.push_back({i, j});
  std::stable_sort(pairs.begin(), pairs.end(), [&](const auto& x, const auto& y) {
    const AlignmentCell &cx = a.cell(x.first, x.second), &cy = a.cell(y.first, y.second);
    if (cx.score() != cy.score()) return cx.score() > cy.score();
    return cx.shared.size() + cx.collisions.size() > cy.shared.size() + cy.collisions.size();
  });
  std::ostringstream out;
  out << "alignment of " << n << " actors (" << pairs.size() << " of " << n * (n - 1) / 2
      << " pairs state something in common)\n";
  for (const auto& [i, j] : pairs) {
    const AlignmentCell& c = a.cell(i, j);
    out << "  " << signed_score(c.score()) << "  " << label(a.actors[i]) << " / "
        << label(a.actors[j]) << ": " << c.shared.size() << " shared, " << c.collisions.size()
        << " collision(s)";
    for (NodeId x : c.collisions)
      out << (x == c.collisions.front() ? " (" : ", ") << label(a.concepts.at(x));
    out << (c.collisions.empty() ? "" : ")") << "\n";
  }
  return out.str();
}

std::string ref_json(const ConceptRef& r) {
  return "{\"id\":" + detail::json_text(Value(r.id)) +
         ",\"name\":" + detail::json_text(Value(r.name)) +
         ",\"kind\":" + detail::json_text(Value(r.kind)) + "}";
}

std::string refs_json(const std::vector<ConceptRef>& refs) {
  std::string out = "[";
  for (const auto& r : refs) out += std::string(out.size() > 1 ? "," : "") + ref_json(r);
  return out + "]";
}

// The concepts of a pair, each with both actors' stances and sentences: the cell's citations.
std::string cited_json(const Alignment& a, size_t i, size_t j, const std::vector<NodeId>& nodes) {
  std::string out = "[";
  for (NodeId n : nodes)
    out += std::string(out.size() > 1 ? "," : "") + "{\"concept\":" + ref_json(a.concepts.at(n)) +
           ",\"first\":" + stances_json(a.positions[i].at(n)) +
           ",\"second\":" + stances_json(a.positions[j].at(n)) + "}";
  return out + "]";
}

std::string alignment_json(const Alignment& a) {
  std::string out = "{\"since\":" + detail::json_text(Value(a.window.since)) +
                    ",\"until\":" + detail::json_text(Value(a.window.until)) +
                    ",\"actors\":" + refs_json(a.actors) + ",\"pairs\":[";
  bool first = true;
  for (size_t i = 0; i < a.actors.size(); ++i)
    for (size_t j = i + 1; j < a.actors.size(); ++j) {
      const AlignmentCell& c = a.cell(i, j);
      if (!c.compared()) continue;
      out += std::string(first ? "" : ",") +
             "{\"first\":" + detail::json_text(Value(a.actors[i].id)) +
             ",\"second\":" + detail::json_text(Value(a.actors[j].id)) +
             ",\"score\":" + detail::format_double(c.score()) +
             ",\"shared\":" + cited_json(a, i, j, c.shared) +
             ",\"collisions\":" + cited_json(a, i, j, c.collisions) + "}";
      first = false;
    }
  out += "],\"merges\":[";
  for (const auto& m : a.merges)
    out += std::string(&m == &a.merges.front() ? "" : ",") +
           "{\"first\":" + std::to_string(m.first) + ",\"middle\":" + std::to_string(m.middle) +
           ",\"last\":" + std::to_string(m.last) +
           ",\"distance\":" + detail::format_double(m.distance) + "}";
  return out + "]}\n";
}

std::string alignment_csv(const Alignment& a) {
  std::string out = "id,name";
  for (const auto& r : a.actors) out += "," + detail::csv_field(label(r));
  out += "\n";
  for (size_t i = 0; i < a.actors.size(); ++i) {
    out += detail::csv_field(a.actors[i].id) + "," + detail::csv_field(label(a.actors[i]));
    for (size_t j = 0; j < a.actors.size(); ++j) {
      const AlignmentCell& c = a.cell(i, j);
      out += "," + (c.compared() ? detail::format_double(c.score()) : std::string());
    }
    out += "\n";
  }
  return out;
}

// Red (only collisions) through white to blue (only agreement); grey: nothing in common.
std::string score_color(const AlignmentCell& c) {
  if (!c.compared()) return "#e0e0e0";
  const double s = c.score();
  const double t = std::abs(s);
  const int from[3] = {247, 247, 247};
  const int to_blue[3] = {33, 102, 172}, to_red[3] = {178, 24, 43};
  const int* to = s >= 0 ? to_blue : to_red;
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "#%02x%02x%02x",
                static_cast<int>(from[0] + (to[0] - from[0]) * t),
                static_cast<int>(from[1] + (to[1] - from[1]) * t),
                static_cast<int>(from[2] + (to[2] - from[2]) * t));
  return buffer;
}

std::string cell_tip(const Alignment& a, size_t i, size_t j) {
  const AlignmentCell& c = a.cell(i, j);
  std::string tip = label(a.actors[i]) + " / " + label(a.actors[j]);
  if (!c.compared()) return tip + ": nothing stated in common";
  tip += ": " + signed_score(c.score()) + ", " + std::to_string(c.shared.size()) + " shared, " +
         std::to_string(c.collisions.size()) + " collision(s)";
  for (NodeId x : c.collisions) tip += "; collides on " + label(a.concepts.at(x));
  for (NodeId x : c.shared) tip += "; agrees on " + label(a.concepts.at(x));
  return tip;
}

// The heat map in the clustered order, the dendrogram at its left, names at the right of the
// rows and slanted above the columns.
std::string alignment_svg(const Alignment& a) {
  constexpr double kCell = 14, kTree = 90, kCharWidth = 6.2, kMargin = 10;
  const size_t n = a.actors.size();
  size_t chars = 4;
  for (const auto& r : a.actors) chars = std::max(chars, std::min<size_t>(label(r).size(), 32));
  const double names = chars * kCharWidth + 8, slant = chars * kCharWidth * 0.71 + 8;
  const double left = kMargin + kTree, top = kMargin + slant;
  // at least as wide as the legend
  const double width = std::max(left + n * kCell + names + kMargin + slant, 600.0);
  const double height = top + n * kCell + 50;
  std::ostringstream out;
  out << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\"" << height
      << "\" font-family=\"sans-serif\" font-size=\"11\">\n"
      << "<title>alignment of " << n << " actors</title>\n"
      << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  for (size_t j = 0; j < n; ++j) {
    const double x = left + (j + 0.5) * kCell;
    out << "<text transform=\"translate(" << x + 3 << "," << top - 4 << ") rotate(-45)\">"
        << detail::xml_short(label(a.actors[j]), 32) << "</text>\n";
  }
  for (size_t i = 0; i < n; ++i) {
    const double y = top + i * kCell;
    for (size_t j = 0; j < n; ++j)
      out << "<rect x=\"" << left + j * kCell << "\" y=\"" << y << "\" width=\"" << kCell
          << "\" height=\"" << kCell << "\" fill=\""
          << (i == j ? "#616161" : score_color(a.cell(i, j))) << "\" stroke=\"white\"><title>"
          << detail::xml_short(cell_tip(a, i, j), 400) << "</title></rect>\n";
    out << "<text x=\"" << left + n * kCell + 4 << "\" y=\"" << y + kCell - 3 << "\">"
        << detail::xml_short(label(a.actors[i]), 32) << "</text>\n";
  }
  // The dendrogram: a cluster sits at the middle of its two parts, as far left as its distance.
  double deepest = 0;
  for (const auto& m : a.merges) deepest = std::max(deepest, m.distance);
  const double scale = deepest > 0 ? (kTree - 6) / deepest : 0;
  std::map<std::pair<size_t, size_t>, std::pair<double, double>> at;  // [first, last) -> x, y
  auto place = [&](size_t first, size_t last) {
    if (auto it = at.find({first, last}); it != at.end()) return it->second;
    return std::pair<double, double>(left - 2, top + (first + 0.5) * kCell);  // a leaf
  };
  for (const auto& m : a.merges) {
    const auto [x1, y1] = place(m.first, m.middle);
    const auto [x2, y2] = place(m.middle, m.last);
    const double x = left - 2 - m.distance * scale;
    out << "<path d=\"M" << x1 << "," << y1 << "H" << x << "V" << y2 << "H" << x2
        << "\" fill=\"none\" stroke=\"#424242\"/>\n";
    at[{m.first, m.last}] = {x, (y1 + y2) / 2};
  }
  const double legend = top + n * kCell + 20;
  const std::pair<const char*, AlignmentCell> keys[] = {
      {"only collisions (-1)", AlignmentCell{{}, {kNoNode}}},
      {"as many of each (0)", AlignmentCell{{kNoNode}, {kNoNode}}},
      {"only shared (+1)", AlignmentCell{{kNoNode}, {}}},
      {"nothing in common", AlignmentCell{}}};
  double x = kMargin;
  for (const auto& [text, sample] : keys) {
    out << "<rect x=\"" << x << "\" y=\"" << legend << "\" width=\"" << kCell << "\" height=\""
        << kCell << "\" fill=\"" << score_color(sample) << "\" stroke=\"#9e9e9e\"/><text x=\""
        << x + kCell + 4 << "\" y=\"" << legend + kCell - 3 << "\">" << text << "</text>\n";
    x += kCell + 16 + std::char_traits<char>::length(text) * kCharWidth;
  }
  out << "</svg>\n";
  return out.str();
}

}  // namespace

double AlignmentCell::score() const {
  const double total = static_cast<double>(shared.size() + collisions.size());
  return total == 0 ? 0 : (static_cast<double>(shared.size()) - collisions.size()) / total;
}

Alignment align_actors(const GraphStore& store, std::vector<NodeId> actors,
                       const DateWindow& window) {
  const bool speakers_only = actors.empty();
  if (speakers_only) actors = speakers(store);
  std::vector<std::map<NodeId, std::vector<ActorStance>>> positions;
  std::vector<NodeId> kept;
  const DocumentDates dates(store);
  for (NodeId n : actors) {
    auto p = actor_positions(store, n, window, dates);
    if (speakers_only && p.empty()) continue;
    if (std::find(kept.begin(), kept.end(), n) != kept.end()) continue;  // named twice
    kept.push_back(n);
    positions.push_back(std::move(p));
  }
  const size_t n = kept.size();
  std::vector<AlignmentCell> cells(n * n);
  std::vector<double> distance(n * n, 0);
  for (size_t i = 0; i < n; ++i)
    for (size_t j = i + 1; j < n; ++j) {
      cells[i * n + j] = cells[j * n + i] = cell_between(positions[i], positions[j]);
      const AlignmentCell& c = cells[i * n + j];
      const double similarity =
          c.stated == 0 ? 0
                        : (static_cast<double>(c.shared.size()) - c.collisions.size()) / c.stated;
      distance[i * n + j] = distance[j * n + i] = (1 - similarity) / 2;
    }
  auto [order, merges] = cluster(n, distance);
  auto ref_of = [&](NodeId node) {
    return ConceptRef{std::string(store.node_id(node)), std::string(store.node_name(node)),
                      std::string(store.node_kind(node))};
  };
  Alignment a{window, {}, {}, {}, std::vector<AlignmentCell>(n * n), std::move(merges)};
  for (size_t i = 0; i < n; ++i) {
    a.actors.push_back(ref_of(kept[order[i]]));
    a.positions.push_back(std::move(positions[order[i]]));
    for (size_t j = 0; j < n; ++j) {
      const AlignmentCell& c = a.cells[i * n + j] = cells[order[i] * n + order[j]];
      for (const auto* list : {&c.shared, &c.collisions})
        for (NodeId x : *list)
          if (!a.concepts.count(x)) a.concepts.emplace(x, ref_of(x));
    }
  }
  return a;
}

std::string format_alignment(const Alignment& alignment, const std::string& format) {
  if (format == "text") return alignment_text(alignment);
  if (format == "json") return alignment_json(alignment);
  if (format == "csv") return alignment_csv(alignment);
  if (format == "svg") return alignment_svg(alignment);
  throw InputError("unknown format '" + format + "' (text, json, csv, svg)");
}

}  // namespace normgraph::viz
