#include "normgraph/engine/edge_view.hpp"

#include <algorithm>
#include <cctype>

#include "normgraph/core/errors.hpp"
#include "normgraph/core/strings.hpp"

namespace normgraph {

namespace {

// The parts of a date prefix: year, month, day (0 when absent); false when not a date.
bool date_parts(std::string_view text, int parts[3], int& count) {
  static constexpr size_t kWidths[3] = {4, 2, 2};
  count = 0;
  size_t pos = 0;
  while (count < 3) {
    const size_t width = kWidths[count];
    if (pos + width > text.size()) return false;
    int value = 0;
    for (size_t i = 0; i < width; ++i) {
      const char c = text[pos + i];
      if (!std::isdigit(static_cast<unsigned char>(c))) return false;
      value = value * 10 + (c - '0');
    }
    parts[count++] = value;
    pos += width;
    if (pos == text.size()) return true;
    if (text[pos] != '-') return false;
    ++pos;
  }
  return false;  // text after the day
}

const Value* date_property(const GraphStore& store, NodeId n) {
  const Value* v = find_entry(store.node_props(n), "date");
  return v && v->type() == Value::Type::String ? v : nullptr;
}

void widen(StatedDates& dates, std::string_view date) {
  if (date.empty()) return;
  if (dates.first.empty() || compare_dates(date, dates.first) < 0 ||
      (compare_dates(date, dates.first) == 0 && date.size() > dates.first.size()))
    dates.first = date;
  if (dates.last.empty() || compare_dates(date, dates.last) > 0 ||
      (compare_dates(date, dates.last) == 0 && date.size() > dates.last.size()))
    dates.last = date;
}

}  // namespace

bool is_date_prefix(std::string_view text) {
  int parts[3], count;
  return date_parts(text, parts, count) && (count < 2 || (parts[1] >= 1 && parts[1] <= 12)) &&
         (count < 3 || (parts[2] >= 1 && parts[2] <= 31));
}

int compare_dates(std::string_view a, std::string_view b) {
  int pa[3], pb[3], na, nb;
  if (!date_parts(a, pa, na) || !date_parts(b, pb, nb)) return a.compare(b);
  for (int i = 0; i < std::min(na, nb); ++i)
    if (pa[i] != pb[i]) return pa[i] < pb[i] ? -1 : 1;
  return 0;
}

DocumentDates::DocumentDates(const GraphStore& store) {
  store.for_each_node_with_label("Document", [&](NodeId n) {
    if (const Value* date = date_property(store, n)) dates_[store.node_id(n)] = date->as_string();
  });
}

std::string_view DocumentDates::date_of(std::string_view doc_id) const {
  auto it = dates_.find(doc_id);
  return it == dates_.end() ? std::string_view() : std::string_view(it->second);
}

StatedDates DocumentDates::stated(const GraphStore& store, EdgeId e) const {
  StatedDates dates;
  store.for_each_edge_evidence_source(
      e, [&](std::string_view doc, std::string_view) { widen(dates, date_of(doc)); });
  return dates;
}

StatedDates stated_dates(const GraphStore& store, EdgeId e) {
  StatedDates dates;
  store.for_each_edge_evidence_source(e, [&](std::string_view doc, std::string_view) {
    if (doc.empty()) return;
    if (auto n = store.find_node(doc))
      if (const Value* date = date_property(store, *n)) widen(dates, date->as_string());
  });
  return dates;
}

SourceKinds::SourceKinds(std::vector<std::pair<std::string, std::string>> patterns)
    : patterns_(std::move(patterns)) {}

std::string_view SourceKinds::kind_of(std::string_view rule) const {
  for (const auto& [pattern, kind] : patterns_) {
    const std::string_view p = pattern;
    if (p.size() > 1 && p.back() == '*') {
      if (rule.starts_with(p.substr(0, p.size() - 1))) return kind;
    } else if (p.size() > 1 && p.front() == '*') {
      if (rule.ends_with(p.substr(1))) return kind;
    } else if (rule == p) {
      return kind;
    }
  }
  return {};
}

std::vector<std::string> SourceKinds::kinds() const {
  std::vector<std::string> out;
  for (const auto& p : patterns_)
    if (std::find(out.begin(), out.end(), p.second) == out.end()) out.push_back(p.second);
  return out;
}

bool SourceKinds::knows(std::string_view kind) const {
  return std::any_of(patterns_.begin(), patterns_.end(),
                     [&](const auto& p) { return p.second == kind; });
}

namespace {

// Whether one edge is seen through the filter (EdgeView's rule).
class EdgeJudge {
 public:
  EdgeJudge(const EdgeFilter& filter, const SourceKinds& kinds, const DocumentDates& dates)
      : filter_(filter), kinds_(kinds), dates_(dates) {}

  bool visible(const GraphStore& store, EdgeId e) const {
    bool any_dated = false, any_kind = false, dated_inside = false, kind_kept = false;
    bool both = false;  // one item both inside the window and of a kept kind
    store.for_each_edge_evidence_source(e, [&](std::string_view doc, std::string_view rule) {
      const std::string_view date = dates_.date_of(doc);
      const std::string_view kind = kinds_.kind_of(rule);
      const bool time_ok = date.empty() || in_window(date);
      const bool kind_ok = kind.empty() || kept(kind);
      any_dated |= !date.empty();
      any_kind |= !kind.empty();
      dated_inside |= !date.empty() && time_ok;
      kind_kept |= !kind.empty() && kind_ok;
      both |= time_ok && kind_ok && (!date.empty() || !kind.empty());
    });
    if (!any_dated && !any_kind) return true;
    if (!any_dated) return kind_kept;
    if (!any_kind) return dated_inside;
    return both;
  }

 private:
  bool in_window(std::string_view date) const {
    return (filter_.since.empty() || compare_dates(date, filter_.since) >= 0) &&
           (filter_.until.empty() || compare_dates(date, filter_.until) <= 0);
  }
  bool kept(std::string_view kind) const {
    auto named = [&](const std::vector<std::string>& list) {
      return std::find(list.begin(), list.end(), kind) != list.end();
    };
    return (filter_.sources.empty() || named(filter_.sources)) && !named(filter_.exclude_sources);
  }

  const EdgeFilter& filter_;
  const SourceKinds& kinds_;
  const DocumentDates& dates_;
};

}  // namespace

EdgeView::EdgeView(const GraphStore& store, const EdgeFilter& filter, const SourceKinds& kinds)
    : store_(&store), bits_((store.edge_slots() + 63) / 64, 0) {
  if (filter.active()) {
    const DocumentDates dates(store);
    const EdgeJudge judge(filter, kinds, dates);
    for (EdgeId e = 0; e < store.edge_slots(); ++e) {
      if (!store.edge_live(e) || judge.visible(store, e)) continue;
      bits_[e >> 6] |= uint64_t{1} << (e & 63);
      ++hidden_count_;
    }
  }
  hidden_ = {bits_.data(), store.edge_slots()};
}

ScopedEdgeView::ScopedEdgeView(const EdgeView* view) : active_(view != nullptr) {
  if (view) GraphStore::set_thread_hidden_edges(&view->store(), &view->hidden());
}

ScopedEdgeView::~ScopedEdgeView() {
  if (active_) GraphStore::set_thread_hidden_edges(nullptr, nullptr);
}

namespace {
std::string checked_date(const std::string& option, const std::string& text) {
  if (!text.empty() && !is_date_prefix(text))
    throw InputError(option + " takes a date YYYY, YYYY-MM or YYYY-MM-DD, not '" + text + "'");
  return text;
}

std::vector<std::string> checked_kinds(const std::string& option, const std::string& text,
                                       const SourceKinds& kinds) {
  std::vector<std::string> out;
  size_t start = 0;
  while (!text.empty() && start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    const std::string kind(trim(std::string_view(text).substr(start, comma - start)));
    if (!kinds.knows(kind)) {
      std::string known;
      for (const auto& k : kinds.kinds()) known += (known.empty() ? "" : ", ") + k;
      throw InputError(option + ": unknown source kind '" + kind + "' (" + known + ")");
    }
    out.push_back(kind);
    start = comma + 1;
  }
  return out;
}
}  // namespace

EdgeFilter parse_edge_filter(const EdgeFilterText& text, const SourceKinds& kinds) {
  if (!text.as_of.empty() && !text.until.empty())
    throw InputError("as-of and until both end the window: give one of them");
  EdgeFilter filter;
  filter.since = checked_date("since", text.since);
  filter.until = checked_date(text.as_of.empty() ? "until" : "as-of",
                              text.as_of.empty() ? text.until : text.as_of);
  filter.sources = checked_kinds("sources", text.sources, kinds);
  filter.exclude_sources = checked_kinds("exclude-sources", text.exclude_sources, kinds);
  return filter;
}

}  // namespace normgraph
