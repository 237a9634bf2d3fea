#include "normgraph/viz/positions.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "normgraph/core/errors.hpp"
#include "normgraph/engine/edge_view.hpp"
#include "text_escape.hpp"

namespace normgraph::viz {

namespace {

ConceptRef ref_of(const GraphStore& store, NodeId n) {
  return {std::string(store.node_id(n)), std::string(store.node_name(n)),
          std::string(store.node_kind(n))};
}

const char* stance_word(const std::string& type) {
  if (type == "ENDORSES") return "endorses";
  if (type == "OPPOSES") return "opposes";
  return "concerned";
}

bool has_type(const std::vector<ActorStance>& stances, const std::string& type) {
  return std::any_of(stances.begin(), stances.end(),
                     [&](const ActorStance& s) { return s.type == type; });
}

int year_of(const std::string& date) {
  return date.size() >= 4 ? std::stoi(date.substr(0, 4)) : 0;
}

std::string json_string(const std::string& text) {
  return detail::json_text(Value(text));
}

std::string sentences_json(const std::vector<StanceSentence>& sentences) {
  std::string out = "[";
  for (const auto& s : sentences)
    out += std::string(out.size() > 1 ? "," : "") + "{\"doc\":" + json_string(s.doc) +
           ",\"date\":" + json_string(s.date) + ",\"text\":" + json_string(s.text) + "}";
  return out + "]";
}

std::string ref_json(const ConceptRef& r) {
  return "{\"id\":" + json_string(r.id) + ",\"name\":" + json_string(r.name) +
         ",\"kind\":" + json_string(r.kind) + "}";
}

std::string label(const ConceptRef& r) {
  return r.name.empty() ? r.id : r.name;
}

std::string stance_summary(const ActorStance& s) {
  std::string out = stance_word(s.type);
  if (!s.first.empty())
    out += " (" + s.first + (s.last != s.first ? " to " + s.last : std::string()) + ")";
  return out;
}

// ---- comparison

std::string comparison_text(const Comparison& c) {
  std::ostringstream out;
  out << label(c.first) << " (" << c.first.id << ") and " << label(c.second) << " (" << c.second.id
      << ")";
  if (!c.window.since.empty() || !c.window.until.empty())
    out << ", " << (c.window.since.empty() ? "..." : c.window.since) << " to "
        << (c.window.until.empty() ? "..." : c.window.until);
  out << "\n";
  const std::pair<Relation, std::string> sections[] = {
      {Relation::Collision, "collisions"},
      {Relation::Shared, "shared positions"},
      {Relation::OnlyFirst, "only " + label(c.first)},
      {Relation::OnlySecond, "only " + label(c.second)}};
  for (const auto& [relation, title] : sections) {
    size_t count = 0;
    for (const auto& cc : c.concepts) count += cc.relation == relation;
    out << "\n" << title << " (" << count << "):\n";
    for (const auto& cc : c.concepts) {
      if (cc.relation != relation) continue;
      out << "  " << label(cc.concept_ref) << " [" << cc.concept_ref.kind << "]\n";
      for (const auto* side : {&cc.first, &cc.second}) {
        const ConceptRef& who = side == &cc.first ? c.first : c.second;
        for (const auto& s : *side) {
          out << "    " << label(who) << " " << stance_summary(s) << "\n";
          for (const auto& sen : s.sentences)
            out << "      " << (sen.date.empty() ? "undated" : sen.date) << " " << sen.doc << ": \""
                << sen.text << "\"\n";
        }
      }
    }
  }
  return out.str();
}

std::string comparison_json(const Comparison& c) {
  std::string out = "{\"first\":" + ref_json(c.first) + ",\"second\":" + ref_json(c.second) +
                    ",\"since\":" + json_string(c.window.since) +
                    ",\"until\":" + json_string(c.window.until) + ",\"concepts\":[";
  for (size_t i = 0; i < c.concepts.size(); ++i) {
    const auto& cc = c.concepts[i];
    out += std::string(i ? "," : "") + "{\"relation\":" + json_string(relation_name(cc.relation)) +
           ",\"concept\":" + ref_json(cc.concept_ref) + ",\"first\":" + stances_json(cc.first) +
           ",\"second\":" + stances_json(cc.second) + "}";
  }
  return out + "]}\n";
}

std::string comparison_csv(const Comparison& c) {
  std::string out =
      "relation,concept_id,concept,actor_id,actor,stance,first_stated,last_stated,"
      "doc,date,sentence\n";
  for (const auto& cc : c.concepts)
    for (const auto* side : {&cc.first, &cc.second}) {
      const ConceptRef& who = side == &cc.first ? c.first : c.second;
      for (const auto& s : *side)
        for (const auto& sen : s.sentences)
          out += std::string(relation_name(cc.relation)) + "," +
                 detail::csv_field(cc.concept_ref.id) + "," +
                 detail::csv_field(label(cc.concept_ref)) + "," + detail::csv_field(who.id) + "," +
                 detail::csv_field(label(who)) + "," + stance_word(s.type) + "," + s.first + "," +
                 s.last + "," + detail::csv_field(sen.doc) + "," + sen.date + "," +
                 detail::csv_field(sen.text) + "\n";
    }
  return out;
}

const char* relation_color(Relation r) {
  switch (r) {
    case Relation::Shared:
      return "#4caf50";
    case Relation::Collision:
      return "#e53935";
    default:
      return "#90a4ae";
  }
}

// Three columns: only the first actor, both (shared and collisions), only the second.
std::string comparison_svg(const Comparison& c) {
  constexpr int kColumnWidth = 300, kRow = 24, kTop = 60;
  const Relation columns[3][2] = {{Relation::OnlyFirst, Relation::OnlyFirst},
                                  {Relation::Collision, Relation::Shared},
                                  {Relation::OnlySecond, Relation::OnlySecond}};
  const std::string titles[3] = {"only " + label(c.first), "both", "only " + label(c.second)};
  std::ostringstream body;
  size_t tallest = 0;
  for (int col = 0; col < 3; ++col) {
    const int x = 10 + col * (kColumnWidth + 10);
    body << "<text x=\"" << x + kColumnWidth / 2 << "\" y=\"" << kTop - 12
         << "\" text-anchor=\"middle\" font-weight=\"bold\">" << detail::xml_short(titles[col])
         << "</text>\n";
    size_t row = 0;
    for (int pass = 0; pass < (col == 1 ? 2 : 1); ++pass)
      for (const auto& cc : c.concepts) {
        if (cc.relation != columns[col][pass]) continue;
        const size_t y = kTop + row++ * kRow;
        std::string tip = relation_name(cc.relation);
        for (const auto& s : cc.first) tip += "; " + label(c.first) + " " + stance_summary(s);
        for (const auto& s : cc.second) tip += "; " + label(c.second) + " " + stance_summary(s);
        body << "<g><title>" << detail::xml_short(tip) << "</title><rect x=\"" << x << "\" y=\""
             << y << "\" width=\"" << kColumnWidth << "\" height=\"" << kRow - 4
             << "\" rx=\"4\" fill=\"" << relation_color(cc.relation) << "\"/><text x=\"" << x + 6
             << "\" y=\"" << y + 15 << "\" fill=\"white\">"
             << detail::xml_short(label(cc.concept_ref))
             << (cc.relation == Relation::Collision ? " (collision)" : "") << "</text></g>\n";
      }
    tallest = std::max(tallest, row);
  }
  std::ostringstream out;
  out << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << 3 * kColumnWidth + 40
      << "\" height=\"" << kTop + tallest * kRow + 20
      << "\" font-family=\"sans-serif\" font-size=\"12\">\n<title>"
      << detail::xml_short(label(c.first)) << " and " << detail::xml_short(label(c.second))
      << "</title>\n"
      << body.str() << "</svg>\n";
  return out.str();
}

// ---- timeline

const char* event_mark(const std::string& event) {
  if (event == "first") return "*";
  if (event == "change") return "~";
  if (event == "stop") return "!";
  if (event == "resume") return "+";
  return "";
}

std::string cell_text(const TimelineCell& cell) {
  if (cell.stance.empty()) return cell.event == "stop" ? "(stops)!" : "-";
  return cell.stance + event_mark(cell.event);
}

std::string timeline_text(const Timeline& t) {
  std::ostringstream out;
  out << label(t.actor) << " (" << t.actor.id << "): stances by year\n";
  size_t width = 7;
  for (const auto& r : t.rows) width = std::max(width, label(r.concept_ref).size());
  width = std::min<size_t>(width, 48);
  auto pad = [](std::string s, size_t w) {
    if (s.size() > w) s = s.substr(0, w);
    return s + std::string(w - s.size() + 2, ' ');
  };
  out << pad("concept", width);
  for (int y : t.years) out << pad(std::to_string(y), 18);
  out << "\n";
  for (const auto& r : t.rows) {
    out << pad(label(r.concept_ref), width);
    for (const auto& cell : r.cells) out << pad(cell_text(cell), 18);
    out << "\n";
  }
  out << "(* first stated, ~ changed, ! stopped, + stated again)\n\nchanges:\n";
  for (size_t i = 0; i < t.years.size(); ++i)
    for (const auto& r : t.rows) {
      const TimelineCell& cell = r.cells[i];
      if (cell.event.empty()) continue;
      out << "  " << t.years[i] << " " << cell.event << ": " << label(r.concept_ref);
      if (!cell.stance.empty()) out << " (" << cell.stance << ")";
      out << "\n";
      for (const auto& s : cell.sentences)
        out << "    " << s.date << " " << s.doc << ": \"" << s.text << "\"\n";
    }
  return out.str();
}

std::string timeline_json(const Timeline& t) {
  std::string out = "{\"actor\":" + ref_json(t.actor) + ",\"years\":[";
  for (size_t i = 0; i < t.years.size(); ++i) out += (i ? "," : "") + std::to_string(t.years[i]);
  out += "],\"concepts\":[";
  for (size_t r = 0; r < t.rows.size(); ++r) {
    out += std::string(r ? "," : "") + "{\"concept\":" + ref_json(t.rows[r].concept_ref) +
           ",\"years\":[";
    for (size_t i = 0; i < t.rows[r].cells.size(); ++i) {
      const TimelineCell& cell = t.rows[r].cells[i];
      out += std::string(i ? "," : "") + "{\"year\":" + std::to_string(t.years[i]) +
             ",\"stance\":" + json_string(cell.stance) + ",\"event\":" + json_string(cell.event) +
             ",\"sentences\":" + sentences_json(cell.sentences) + "}";
    }
    out += "]}";
  }
  return out + "]}\n";
}

std::string timeline_csv(const Timeline& t) {
  std::string out = "concept_id,concept,year,stance,event,sentences\n";
  for (const auto& r : t.rows)
    for (size_t i = 0; i < r.cells.size(); ++i)
      out += detail::csv_field(r.concept_ref.id) + "," + detail::csv_field(label(r.concept_ref)) +
             "," + std::to_string(t.years[i]) + "," + r.cells[i].stance + "," + r.cells[i].event +
             "," + std::to_string(r.cells[i].sentences.size()) + "\n";
  return out;
}

const char* stance_color(const std::string& stance) {
  if (stance.empty()) return "#f5f5f5";
  if (stance == "endorses") return "#4caf50";
  if (stance == "opposes") return "#e53935";
  if (stance == "concerned") return "#ffb300";
  return "#8e24aa";  // mixed
}

// A strip per concept, a cell per year, colored by stance, marked by event.
std::string timeline_svg(const Timeline& t) {
  constexpr int kLabel = 260, kCell = 64, kRow = 24, kTop = 40;
  std::ostringstream out;
  out << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\""
      << kLabel + kCell * t.years.size() + 20 << "\" height=\"" << kTop + kRow * t.rows.size() + 20
      << "\" font-family=\"sans-serif\" font-size=\"12\">\n<title>"
      << detail::xml_short(label(t.actor)) << ": stances by year</title>\n";
  for (size_t i = 0; i < t.years.size(); ++i)
    out << "<text x=\"" << kLabel + kCell * i + kCell / 2 << "\" y=\"" << kTop - 10
        << "\" text-anchor=\"middle\" font-weight=\"bold\">" << t.years[i] << "</text>\n";
  for (size_t r = 0; r < t.rows.size(); ++r) {
    const size_t y = kTop + kRow * r;
    out << "<text x=\"" << kLabel - 8 << "\" y=\"" << y + 15 << "\" text-anchor=\"end\">"
        << detail::xml_short(label(t.rows[r].concept_ref)) << "</text>\n";
    for (size_t i = 0; i < t.rows[r].cells.size(); ++i) {
      const TimelineCell& cell = t.rows[r].cells[i];
      const size_t x = kLabel + kCell * i;
      std::string tip = std::to_string(t.years[i]) + ": " +
                        (cell.stance.empty() ? std::string("no stance") : cell.stance) +
                        (cell.event.empty() ? "" : " (" + cell.event + ")");
      if (!cell.sentences.empty()) tip += ": " + cell.sentences.front().text;
      out << "<g><title>" << detail::xml_short(tip) << "</title><rect x=\"" << x + 1 << "\" y=\""
          << y << "\" width=\"" << kCell - 2 << "\" height=\"" << kRow - 4 << "\" fill=\""
          << stance_color(cell.stance) << "\"/>";
      if (!cell.event.empty())
        out << "<text x=\"" << x + kCell / 2 << "\" y=\"" << y + 15 << "\" text-anchor=\"middle\">"
            << cell.event << "</text>";
      out << "</g>\n";
    }
  }
  out << "</svg>\n";
  return out.str();
}

// Marks the year a stance first appears, changes, stops or resumes.
void mark_events(TimelineRow& row) {
  std::string last;  // the last stance stated
  for (size_t i = 0; i < row.cells.size(); ++i) {
    TimelineCell& cell = row.cells[i];
    const bool silent_before = i > 0 && row.cells[i - 1].stance.empty();
    if (cell.stance.empty()) {
      if (i > 0 && !row.cells[i - 1].stance.empty()) cell.event = "stop";
      continue;
    }
    if (last.empty())
      cell.event = "first";
    else if (cell.stance != last)
      cell.event = "change";
    else if (silent_before)
      cell.event = "resume";
    last = cell.stance;
  }
}

}  // namespace

const std::vector<std::string>& stance_types() {
  static const std::vector<std::string> types = {"ENDORSES", "OPPOSES", "CONCERNED_ABOUT"};
  return types;
}

bool DateWindow::holds(const std::string& date) const {
  if (date.empty()) return true;
  return (since.empty() || compare_dates(date, since) >= 0) &&
         (until.empty() || compare_dates(date, until) <= 0);
}

bool DateWindow::keeps(const std::string& rule) const {
  if (!kinds || (sources.empty() && exclude_sources.empty())) return true;
  const std::string_view kind = kinds->kind_of(rule);
  if (kind.empty()) return true;
  auto named = [&](const std::vector<std::string>& list) {
    return std::find(list.begin(), list.end(), kind) != list.end();
  };
  return (sources.empty() || named(sources)) && !named(exclude_sources);
}

DateWindow window_of(const EdgeFilter& filter, const SourceKinds& kinds) {
  return {filter.since, filter.until, filter.sources, filter.exclude_sources, &kinds};
}

NodeId resolve_node(const GraphStore& store, const std::string& id_or_name,
                    const std::string& what) {
  if (auto n = store.find_node(id_or_name)) return *n;
  const std::vector<NodeId> matches = store.find_by_name(id_or_name);
  if (matches.size() == 1) return matches.front();
  if (matches.empty())
    throw InputError(what + ": no node has the id or name \"" + id_or_name + "\"");
  throw InputError(what + ": \"" + id_or_name + "\" names " + std::to_string(matches.size()) +
                   " nodes; give an id");
}

const char* relation_name(Relation relation) {
  switch (relation) {
    case Relation::Shared:
      return "shared";
    case Relation::Collision:
      return "collision";
    case Relation::OnlyFirst:
      return "only_first";
    case Relation::OnlySecond:
      return "only_second";
  }
  return "";
}

std::map<NodeId, std::vector<ActorStance>> actor_positions(const GraphStore& store, NodeId actor,
                                                           const DateWindow& window,
                                                           const DocumentDates& dates) {
  std::map<NodeId, std::vector<ActorStance>> out;
  for (const std::string& type : stance_types()) {
    const auto t = store.find_edge_type(type);
    if (!t) continue;
    store.for_each_adjacent(actor, Direction::Out, *t, [&](const AdjEntry& a) {
      ActorStance stance{type, "", "", {}};
      const auto evidence = store.edge_evidence(a.edge);
      for (const Evidence& ev : evidence) {
        StanceSentence s{ev.doc, std::string(dates.date_of(ev.doc)), ev.text};
        if (!window.holds(s.date) || !window.keeps(ev.rule)) continue;
        if (!s.date.empty()) {
          if (stance.first.empty() || compare_dates(s.date, stance.first) < 0)
            stance.first = s.date;
          if (stance.last.empty() || compare_dates(s.date, stance.last) > 0) stance.last = s.date;
        }
        stance.sentences.push_back(std::move(s));
      }
      if (stance.sentences.empty() && !evidence.empty()) return;
      std::stable_sort(stance.sentences.begin(), stance.sentences.end(),
                       [](const StanceSentence& x, const StanceSentence& y) {
                         return compare_dates(x.date, y.date) < 0;
                       });
      out[a.node].push_back(std::move(stance));
    });
  }
  return out;
}

Relation relation_between(const std::vector<ActorStance>& a, const std::vector<ActorStance>& b) {
  if (b.empty()) return Relation::OnlyFirst;
  if (a.empty()) return Relation::OnlySecond;
  if ((has_type(a, "ENDORSES") && has_type(b, "OPPOSES")) ||
      (has_type(a, "OPPOSES") && has_type(b, "ENDORSES")))
    return Relation::Collision;
  for (const ActorStance& s : a)
    if (has_type(b, s.type)) return Relation::Shared;
  return Relation::OnlyFirst;  // different, non-colliding stances: each holds its own
}

Comparison compare_actors(const GraphStore& store, NodeId first, NodeId second,
                          const DateWindow& window) {
  Comparison c{ref_of(store, first), ref_of(store, second), window, {}};
  const DocumentDates dates(store);
  auto a = actor_positions(store, first, window, dates);
  auto b = actor_positions(store, second, window, dates);
  std::set<NodeId> concepts;
  for (const auto& [n, _] : a) concepts.insert(n);
  for (const auto& [n, _] : b) concepts.insert(n);
  for (NodeId n : concepts) {
    auto& sa = a[n];
    auto& sb = b[n];
    c.concepts.push_back({relation_between(sa, sb), ref_of(store, n), sa, sb});
  }
  auto rank = [](Relation r) { return static_cast<int>(r == Relation::Collision ? -1 : int(r)); };
  std::stable_sort(c.concepts.begin(), c.concepts.end(), [&](const auto& x, const auto& y) {
    if (rank(x.relation) != rank(y.relation)) return rank(x.relation) < rank(y.relation);
    return label(x.concept_ref) < label(y.concept_ref);
  });
  return c;
}

Timeline actor_timeline(const GraphStore& store, NodeId actor, NodeId concept_node,
                        const DateWindow& window) {
  Timeline t{ref_of(store, actor), {}, {}};
  const DocumentDates dates(store);
  const auto positions = actor_positions(store, actor, window, dates);
  std::set<int> years;
  // By concept, year: the stance words and sentences.
  std::map<NodeId, std::map<int, std::pair<std::set<std::string>, std::vector<StanceSentence>>>>
      by_year;
  for (const auto& [n, stances] : positions)
    for (const auto& s : stances)
      for (const auto& sen : s.sentences) {
        const int year = year_of(sen.date);
        if (year == 0) continue;
        years.insert(year);
        if (concept_node != kNoNode && n != concept_node) continue;
        auto& cell = by_year[n][year];
        cell.first.insert(stance_word(s.type));
        cell.second.push_back(sen);
      }
  // The years the actor spoke without a stance count too: every stance stops in them.
  if (const auto delivered = store.find_edge_type("DELIVERED")) {
    store.for_each_adjacent(actor, Direction::Out, *delivered, [&](const AdjEntry& a) {
      const std::string date(dates.date_of(store.node_id(a.node)));
      if (year_of(date) != 0 && window.holds(date)) years.insert(year_of(date));
    });
  }
  t.years.assign(years.begin(), years.end());
  for (const auto& [n, cells] : by_year) {
    TimelineRow row{ref_of(store, n), {}};
    for (int year : t.years) {
      TimelineCell cell;
      if (auto it = cells.find(year); it != cells.end()) {
        for (const auto& w : it->second.first) cell.stance += (cell.stance.empty() ? "" : "+") + w;
        cell.sentences = it->second.second;
      }
      row.cells.push_back(std::move(cell));
    }
    mark_events(row);
    t.rows.push_back(std::move(row));
  }
  std::sort(t.rows.begin(), t.rows.end(), [](const TimelineRow& x, const TimelineRow& y) {
    return label(x.concept_ref) < label(y.concept_ref);
  });
  return t;
}

std::string stances_json(const std::vector<ActorStance>& stances) {
  std::string out = "[";
  for (const auto& s : stances)
    out += std::string(out.size() > 1 ? "," : "") + "{\"type\":" + json_string(s.type) +
           ",\"first_stated\":" + json_string(s.first) + ",\"last_stated\":" + json_string(s.last) +
           ",\"sentences\":" + sentences_json(s.sentences) + "}";
  return out + "]";
}

bool is_positions_format(const std::string& format) {
  return format == "text" || format == "json" || format == "csv" || format == "svg";
}

std::string format_comparison(const Comparison& comparison, const std::string& format) {
  if (format == "text") return comparison_text(comparison);
  if (format == "json") return comparison_json(comparison);
  if (format == "csv") return comparison_csv(comparison);
  if (format == "svg") return comparison_svg(comparison);
  throw InputError("unknown format '" + format + "' (text, json, csv, svg)");
}

std::string format_timeline(const Timeline& timeline, const std::string& format) {
  if (format == "text") return timeline_text(timeline);
  if (format == "json") return timeline_json(timeline);
  if (format == "csv") return timeline_csv(timeline);
  if (format == "svg") return timeline_svg(timeline);
  throw InputError("unknown format '" + format + "' (text, json, csv, svg)");
}

}  // namespace normgraph::viz
