// CSV graph loader: nodes.csv (id,kind,name[,more...]) and edges.csv (src,dst,type[,more...]).
// Columns are found by header name; further columns become string properties. Built for the
// benchmark's tens of millions of rows: blocks of 64 MiB, edges parsed by two threads, and
// endpoint ids that are plain integers resolved through a dense array instead of a hash.
#include "normgraph/loaders/csv_graph.hpp"

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include "csv_reader.hpp"
#include "normgraph/core/errors.hpp"
#include "normgraph/loaders/merge.hpp"
#include "normgraph/loaders/text.hpp"

namespace normgraph::loaders {

namespace {

struct Layout {
  size_t fields = 0;
  size_t key[3] = {0, 0, 0};  // positions of the three required columns
  std::vector<std::pair<size_t, std::string>> extra;
};

[[noreturn]] void fail_at(const CsvBlockReader& r, const char* at, const std::string& msg) {
  auto [line, column] = line_and_column(r.path(), r.offset_of(at));
  throw InputError(located(r.path(), line, column, msg));
}

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// Text must be UTF-8, as every export and answer is: a field that is not is refused at the
// door, at the byte where it stops being UTF-8 (the text loaders repair whole files instead;
// a CSV's ids and names are data to keep exact, not prose to guess at).
void check_utf8(const CsvBlockReader& r, const char* record, std::string_view field) {
  const size_t bad = text::first_invalid_utf8(field);
  if (bad == std::string_view::npos) return;
  const bool in_block = field.data() >= r.block_begin() && field.data() < r.block_end();
  char byte[8];
  std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(field[bad]));
  fail_at(r, in_block ? field.data() + bad : record,
          std::string("invalid UTF-8 (byte ") + byte + "); save the file as UTF-8");
}

// A file whose lines end in a bare CR (classic Mac OS) reads as one line: say so.
void check_line_ends(const CsvBlockReader& r) {
  const char* nl =
      static_cast<const char*>(std::memchr(r.block_begin(), '\n', r.block_end() - r.block_begin()));
  const char* stop = nl ? nl : r.block_end();
  const char* cr =
      static_cast<const char*>(std::memchr(r.block_begin(), '\r', stop - r.block_begin()));
  if (cr && cr + 1 < r.block_end() && cr[1] != '\n')
    fail_at(r, cr,
            "the header line ends with a bare CR: use LF or CRLF line ends (convert the file, "
            "e.g. with 'tr \"\\r\" \"\\n\"')");
}

Layout read_header(CsvBlockReader& r, const char* (&names)[3]) {
  std::vector<std::string_view> fields;
  UnescapedFields unescaped;
  const char* end = nullptr;
  bool first = true;
  while (r.next_block()) {
    if (first) {
      first = false;
      // A byte order mark (Excel writes one) is not part of the first column's name.
      const std::string_view start(r.block_begin(), r.block_end() - r.block_begin());
      if (start.substr(0, kBom.size()) == kBom) {
        r.consumed(r.block_begin() + kBom.size());
        if (!r.next_block()) break;
      }
      check_line_ends(r);
    }
    try {
      end = split_csv_record(r.block_begin(), r.block_end(), r.at_eof(), fields, unescaped);
    } catch (const CsvSyntaxError& e) {
      fail_at(r, e.where, e.what);
    }
    if (end || r.at_eof()) break;
    r.consumed(r.block_begin());
  }
  if (!end || fields.empty() || (fields.size() == 1 && fields[0].empty()))
    throw InputError(located(r.path(), 1, 1, "empty file: expected a header line"));
  Layout layout;
  layout.fields = fields.size();
  bool found[3] = {false, false, false};
  std::unordered_map<std::string_view, size_t> seen;  // column name -> position
  std::optional<std::pair<size_t, size_t>> repeated;  // (column, the earlier one)
  for (size_t i = 0; i < fields.size(); ++i) {
    check_utf8(r, r.block_begin(), fields[i]);
    if (auto [it, added] = seen.emplace(fields[i], i); !added && !repeated)
      repeated = {i, it->second};
    bool is_key = false;
    for (int k = 0; k < 3; ++k)
      if (fields[i] == names[k]) layout.key[k] = i, found[k] = is_key = true;
    if (!is_key) layout.extra.emplace_back(i, std::string(fields[i]));
  }
  for (int k = 0; k < 3; ++k)
    if (!found[k])
      throw InputError(located(r.path(), 1, 1,
                               std::string("missing column '") + names[k] +
                                   "' (the header must name " + names[0] + "," + names[1] + "," +
                                   names[2] + ")"));
  if (repeated) {
    const std::string_view name = fields[repeated->first];
    const bool in_block = name.data() >= r.block_begin() && name.data() < r.block_end();
    fail_at(r, in_block ? name.data() : r.block_begin(),
            "column " + std::to_string(repeated->first + 1) + " repeats the name '" +
                std::string(name) + "' of column " + std::to_string(repeated->second + 1) +
                " (each column needs its own name)");
  }
  r.consumed(end);
  return layout;
}

void check_width(const CsvBlockReader& r, const char* at, const Layout& layout, size_t got) {
  if (got != layout.fields)
    fail_at(r, at,
            "expected " + std::to_string(layout.fields) + " fields, found " + std::to_string(got));
}

// Maps endpoint ids to nodes; ids that are canonical decimal integers of a dense range go
// through an array.
class EndpointResolver {
 public:
  explicit EndpointResolver(const GraphStore& store) : store_(store) {
    uint64_t max = 0;
    size_t numeric = 0;
    store.for_each_node([&](NodeId n) {
      if (auto v = parse(store.node_id(n))) max = std::max(max, *v), ++numeric;
    });
    if (numeric == 0 || max > 4 * static_cast<uint64_t>(numeric) + 1024) return;
    dense_.assign(max + 1, kNoNode);
    store.for_each_node([&](NodeId n) {
      if (auto v = parse(store.node_id(n))) dense_[*v] = n;
    });
  }
  NodeId resolve(std::string_view id) const {
    if (!dense_.empty())
      if (auto v = parse(id)) return *v < dense_.size() ? dense_[*v] : kNoNode;
    return store_.find_node(id).value_or(kNoNode);
  }

 private:
  static std::optional<uint64_t> parse(std::string_view s) {
    if (s.empty() || s.size() > 10 || (s.size() > 1 && s[0] == '0')) return std::nullopt;
    uint64_t v = 0;
    for (char c : s) {
      if (c < '0' || c > '9') return std::nullopt;
      v = v * 10 + static_cast<uint64_t>(c - '0');
    }
    return v;
  }
  const GraphStore& store_;
  std::vector<NodeId> dense_;
};

// Turns edge records of one stretch of text into EdgeEnds. Runs on several threads at once;
// the only shared mutable state, the edge-type table, is behind a mutex.
class EdgeParser {
 public:
  EdgeParser(GraphStore& store, const EndpointResolver& ids, const Layout& layout,
             std::mutex& types)
      : store_(store), ids_(ids), layout_(layout), types_mutex_(types) {}

  struct Failure {
    const char* where = nullptr;
    std::string what;
  };

  // Parses [p, end): complete lines without quotes of exactly the three key columns. Splits on
  // commas directly; a line that does not fit goes through parse() for its error.
  std::optional<Failure> parse_plain(const char* p, const char* end, std::vector<EdgeEnds>& out) {
    while (p < end) {
      const char* line = p;
      const char* nl = static_cast<const char*>(std::memchr(p, '\n', end - p));
      const char* stop = nl ? nl : end;
      const char* c1 = static_cast<const char*>(std::memchr(p, ',', stop - p));
      const char* c2 =
          c1 ? static_cast<const char*>(std::memchr(c1 + 1, ',', stop - c1 - 1)) : nullptr;
      p = nl ? nl + 1 : end;
      const char* last = stop > line && stop[-1] == '\r' ? stop - 1 : stop;
      if (!c2 || std::memchr(c2 + 1, ',', last - c2 - 1)) {
        if (last == line) continue;  // blank line
        return parse(line, p, out, nullptr);
      }
      const std::string_view field[3] = {{line, static_cast<size_t>(c1 - line)},
                                         {c1 + 1, static_cast<size_t>(c2 - c1 - 1)},
                                         {c2 + 1, static_cast<size_t>(last - c2 - 1)}};
      EdgeEnds e;
      e.source = ids_.resolve(field[layout_.key[0]]);
      e.target = ids_.resolve(field[layout_.key[1]]);
      std::string_view type = field[layout_.key[2]];
      if (e.source == kNoNode || e.target == kNoNode || type.empty())
        return parse(line, p, out, nullptr);
      e.type = type_of(type);
      out.push_back(e);
    }
    return std::nullopt;
  }

  // Parses [p, end) which holds complete records; stops at the first bad one.
  std::optional<Failure> parse(const char* p, const char* end, std::vector<EdgeEnds>& out,
                               std::vector<std::vector<std::string>>* extras) {
    try {
      while (p < end) {
        const char* record = p;
        p = split_csv_record(p, end, true, fields_, unescaped_);
        if (fields_.size() == 1 && fields_[0].empty()) continue;  // blank line
        if (fields_.size() != layout_.fields)
          return Failure{record, "expected " + std::to_string(layout_.fields) + " fields, found " +
                                     std::to_string(fields_.size())};
        EdgeEnds e;
        static const char* kColumn[2] = {"src", "dst"};
        NodeId* ends[2] = {&e.source, &e.target};
        for (int k = 0; k < 2; ++k) {
          *ends[k] = ids_.resolve(fields_[layout_.key[k]]);
          if (*ends[k] == kNoNode)
            return Failure{record, std::string("unknown node id '") +
                                       std::string(fields_[layout_.key[k]]) + "' in column " +
                                       kColumn[k] + " (not in nodes.csv)"};
        }
        if (fields_[layout_.key[2]].empty()) return Failure{record, "empty edge type"};
        e.type = type_of(fields_[layout_.key[2]]);
        out.push_back(e);
        if (extras) {
          extras->emplace_back();
          for (const auto& [pos, name] : layout_.extra) extras->back().emplace_back(fields_[pos]);
        }
      }
    } catch (const CsvSyntaxError& err) {
      return Failure{err.where, err.what};
    }
    return std::nullopt;
  }

 private:
  EdgeType type_of(std::string_view name) {
    if (!cache_.empty() && cache_[last_].first == name) return cache_[last_].second;
    for (size_t i = 0; i < cache_.size(); ++i)
      if (cache_[i].first == name) return cache_[last_ = i].second;
    std::lock_guard lock(types_mutex_);
    EdgeType t = store_.intern_edge_type(name);
    cache_.emplace_back(std::string(name), t);
    last_ = cache_.size() - 1;
    return t;
  }
  GraphStore& store_;
  const EndpointResolver& ids_;
  const Layout& layout_;
  std::mutex& types_mutex_;
  std::vector<std::pair<std::string, EdgeType>> cache_;
  size_t last_ = 0;
  std::vector<std::string_view> fields_;
  UnescapedFields unescaped_;
};

// The end of the last complete line in the block, or the block's end at end of file.
const char* complete_lines_end(const CsvBlockReader& r) {
  if (r.at_eof()) return r.block_end();
  const char* p = r.block_end();
  while (p > r.block_begin() && p[-1] != '\n') --p;
  return p;
}

// The file offset of the data record with index `row` (blank lines do not count): found again
// by parsing, because keeping every row's offset would cost memory on every load.
uint64_t record_offset(const std::string& path, size_t row) {
  CsvBlockReader r(path);
  size_t index = 0;
  uint64_t found = 0;
  for_each_record(
      r,
      [&](const char* record, const std::vector<std::string_view>&) {
        if (index++ != row + 1) return true;  // + 1: the header
        found = r.offset_of(record);
        return false;
      },
      [](const char*) {});
  return found;
}

class CsvGraphLoader {
 public:
  CsvGraphLoader(GraphStore& store, Progress* progress) : store_(store), progress_(progress) {}

  size_t load_nodes(const std::string& path) {
    CsvBlockReader r(path);
    const char* names[3] = {"id", "kind", "name"};
    Layout layout = read_header(r, names);
    std::string last_kind;  // kinds come in runs: intern once per run
    Symbol last_kind_symbol = 0;
    size_t rows = 0;
    bool reserved = false;
    auto add_node = [&](const char* record, const std::vector<std::string_view>& fields) {
      check_width(r, record, layout, fields.size());
      std::string_view id = fields[layout.key[0]], kind = fields[layout.key[1]];
      if (id.empty()) fail_at(r, record, "empty node id");
      if (kind.empty()) fail_at(r, record, "empty kind for node '" + std::string(id) + "'");
      for (std::string_view field : fields) check_utf8(r, record, field);
      if (id.size() > GraphStore::kMaxTextBytes ||
          fields[layout.key[2]].size() > GraphStore::kMaxTextBytes)
        fail_at(r, record, "a node id or name longer than 16 MiB");
      if (kind != last_kind) last_kind = kind, last_kind_symbol = store_.strings().intern(kind);
      NodeId n = store_.bulk_add_node(id, last_kind_symbol, fields[layout.key[2]]);
      if (!layout.extra.empty()) {
        ValueMap props;  // column names are distinct: no search per column
        for (const auto& [pos, name] : layout.extra)
          if (!fields[pos].empty()) props.push_back({name, Value(fields[pos])});
        store_.append_node_properties(n, std::move(props));
      }
      ++rows;
      return true;
    };
    auto after_block = [&](const char* upto) {
      if (!reserved && rows > 0) {
        // Size the columns from the first block's rows per byte, plus a little.
        const double per_byte = double(rows) / double(r.offset_of(upto));
        const size_t expected = static_cast<size_t>(per_byte * r.file_size() * 1.02) + 16;
        store_.reserve_nodes(expected - rows, static_cast<size_t>(r.file_size() * 1.02));
        reserved = true;
      }
      report(progress_, "reading " + path, r.offset_of(upto), r.file_size());
    };
    try {
      for_each_record(r, add_node, after_block);
    } catch (const CsvSyntaxError& e) {
      fail_at(r, e.where, e.what);
    }
    report_done(progress_, "reading " + path);
    report(progress_, "indexing nodes", 0, 0);
    auto duplicates = store_.finish_bulk_nodes();
    report_done(progress_, "indexing nodes");
    if (!duplicates.empty()) {
      auto [first, second] = duplicates.front();
      auto [line, column] = line_and_column(path, record_offset(path, second));
      auto [first_line, _] = line_and_column(path, record_offset(path, first));
      throw InputError(located(path, line, column,
                               "duplicate node id '" + std::string(store_.node_id(second)) +
                                   "' (first on line " + std::to_string(first_line) + ")"));
    }
    return rows;
  }

  size_t load_edges(const std::string& path) {
    CsvBlockReader r(path);
    const char* names[3] = {"src", "dst", "type"};
    Layout layout = read_header(r, names);
    EndpointResolver ids(store_);
    std::mutex types;
    EdgeParser first(store_, ids, layout, types), second(store_, ids, layout, types);
    std::vector<EdgeEnds> part1, part2;
    std::vector<std::vector<std::string>> extras;
    size_t rows = 0;
    while (r.next_block()) {
      const char* begin = r.block_begin();
      const char* end = complete_lines_end(r);
      if (begin == end) {  // a line longer than the block: read more
        r.consumed(begin);
        continue;
      }
      if (size_t bad = text::first_invalid_utf8({begin, static_cast<size_t>(end - begin)});
          bad != std::string_view::npos)
        check_utf8(r, begin + bad, {begin + bad, static_cast<size_t>(end - begin - bad)});
      part1.clear();
      part2.clear();
      std::optional<EdgeParser::Failure> failure;
      // Quotes may hide newlines, and extra columns need in-order properties: one thread then.
      const bool parallel = layout.extra.empty() && (end - begin) > (1 << 20) &&
                            !std::memchr(begin, '"', end - begin);
      if (parallel) {
        const char* mid = begin + (end - begin) / 2;
        while (mid < end && mid[-1] != '\n') ++mid;
        std::optional<EdgeParser::Failure> failure2;
        std::thread helper([&] { failure2 = second.parse_plain(mid, end, part2); });
        failure = first.parse_plain(begin, mid, part1);
        helper.join();
        if (!failure) failure = std::move(failure2);
      } else {
        extras.clear();
        failure = first.parse(begin, end, part1, layout.extra.empty() ? nullptr : &extras);
      }
      if (failure) fail_at(r, failure->where, failure->what);
      if (rows == 0) {  // size the edge column from the first block's rows per byte
        const double per_byte = double(part1.size() + part2.size()) / double(r.offset_of(end));
        store_.reserve_edges(static_cast<size_t>(per_byte * r.file_size() * 1.02) + 16);
      }
      const EdgeId base = static_cast<EdgeId>(store_.edge_slots());
      store_.bulk_add_edges(part1);
      store_.bulk_add_edges(part2);
      for (size_t i = 0; i < extras.size(); ++i) {
        ValueMap props;  // column names are distinct: no search per column
        for (size_t c = 0; c < layout.extra.size(); ++c)
          if (!extras[i][c].empty()) props.push_back({layout.extra[c].second, Value(extras[i][c])});
        store_.append_edge_properties(base + static_cast<EdgeId>(i), std::move(props));
      }
      rows += part1.size() + part2.size();
      r.consumed(end);
      report(progress_, "reading " + path, r.offset_of(end), r.file_size());
    }
    report_done(progress_, "reading " + path);
    report(progress_, "building adjacency", 0, 0);
    store_.finish_bulk_edges();
    report_done(progress_, "building adjacency");
    return rows;
  }

 private:
  GraphStore& store_;
  Progress* progress_;
};

LoadCounts load_into_empty(const std::string& dir, GraphStore& store, Progress* progress) {
  CsvGraphLoader loader(store, progress);
  LoadCounts counts;
  counts.nodes = loader.load_nodes(dir + "/nodes.csv");
  std::error_code ec;
  // A node list alone is a graph without edges (docs/cli.md, "CSV graph folders").
  if (std::filesystem::is_regular_file(dir + "/edges.csv", ec))
    counts.edges = loader.load_edges(dir + "/edges.csv");
  return counts;
}

}  // namespace

bool is_csv_graph_dir(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  return fs::is_directory(dir, ec) && (fs::is_regular_file(dir + "/nodes.csv", ec) ||
                                       fs::is_regular_file(dir + "/edges.csv", ec));
}

LoadCounts load_csv_graph(const std::string& dir, GraphStore& store, Progress* progress) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(dir + "/nodes.csv", ec)) {
    if (std::filesystem::is_regular_file(dir + "/edges.csv", ec))
      throw InputError(dir + ": edges.csv needs a nodes.csv beside it naming the edges' ends");
    throw InputError(dir + ": not a CSV graph folder (needs nodes.csv, and edges.csv for edges)");
  }
  if (store.node_slots() == 0 && store.edge_slots() == 0) {
    try {
      return load_into_empty(dir, store, progress);
    } catch (...) {
      store = GraphStore();  // it was empty: nothing is lost
      throw;
    }
  }
  GraphStore staged;
  LoadCounts counts = load_into_empty(dir, staged, progress);
  merge_graph(staged, store, dir);
  return counts;
}

}  // namespace normgraph::loaders
