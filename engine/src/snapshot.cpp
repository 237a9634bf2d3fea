// Snapshot file layout (all integers native little-endian):
//   header:  "NORMGRPH" | u32 version | u32 layout | u64 body bytes
//   body:    sections in a fixed order; an array is u64 count + raw elements
//   trailer: u64 XXH3-64 of header + body
// The layout word records record sizes so a build with another memory layout refuses the file
// instead of misreading it.
#include "normgraph/engine/snapshot.hpp"

#include <fcntl.h>
#include <unistd.h>
#include <xxhash.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <type_traits>

#include "normgraph/core/errors.hpp"

namespace normgraph {

namespace {

constexpr char kMagic[8] = {'N', 'O', 'R', 'M', 'G', 'R', 'P', 'H'};
constexpr size_t kHeaderBytes = 8 + 4 + 4 + 8;
constexpr size_t kMaxValueDepth = 64;

struct FileCloser {
  void operator()(std::FILE* f) const {
    if (f) std::fclose(f);
  }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

class SnapshotWriter {
 public:
  SnapshotWriter(std::FILE* f, std::string path, Progress* progress)
      : f_(f), path_(std::move(path)), progress_(progress), hash_(XXH3_createState()) {
    XXH3_64bits_reset(hash_);
  }
  ~SnapshotWriter() { XXH3_freeState(hash_); }

  void bytes(const void* data, size_t n) {
    XXH3_64bits_update(hash_, data, n);
    if (n && std::fwrite(data, 1, n, f_) != n)
      throw StorageError(path_ + ": write failed: " + std::strerror(errno));
    written_ += n;
    if (written_ - reported_ > (64u << 20)) {
      report(progress_, "saving snapshot", written_, 0);
      reported_ = written_;
    }
  }
  template <class T>
  void pod(const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    bytes(&v, sizeof v);
  }
  template <class T, class A>
  void array(const std::vector<T, A>& v) {
    pod(static_cast<uint64_t>(v.size()));
    bytes(v.data(), v.size() * sizeof(T));
  }
  void string(std::string_view s) {
    pod(static_cast<uint64_t>(s.size()));
    bytes(s.data(), s.size());
  }
  void value(const Value& v) {
    pod(static_cast<uint8_t>(v.type()));
    switch (v.type()) {
      case Value::Type::Null:
        break;
      case Value::Type::Bool:
        pod(static_cast<uint8_t>(v.as_bool()));
        break;
      case Value::Type::Int:
        pod(v.as_int());
        break;
      case Value::Type::Double:
        pod(v.as_double());
        break;
      case Value::Type::String:
        string(v.as_string());
        break;
      case Value::Type::List:
        pod(static_cast<uint64_t>(v.as_list().size()));
        for (const auto& item : v.as_list()) value(item);
        break;
      case Value::Type::Map:
        map(v.as_map());
        break;
      case Value::Type::Temporal:
        temporal(v.as_temporal());
        break;
      case Value::Type::Node:
      case Value::Type::Edge:
      case Value::Type::Path:
        break;  // never stored: the store rejects graph references as properties
    }
  }
  // Fields one by one (no padding bytes); a zone by its name, since zone ids are per process.
  void temporal(const TemporalValue& t) {
    pod(static_cast<uint8_t>(t.kind));
    pod(static_cast<uint8_t>(t.precision));
    pod(t.months);
    pod(t.days);
    pod(t.seconds);
    pod(t.nanos);
    pod(t.offset_seconds);
    string(t.zone >= 0 ? time_zone_name(t.zone) : std::string());
  }
  void map(const ValueMap& m) {
    pod(static_cast<uint64_t>(m.size()));
    for (const auto& e : m) {
      string(e.key);
      value(e.value);
    }
  }
  uint64_t digest() const { return XXH3_64bits_digest(hash_); }
  uint64_t written() const { return written_; }

 private:
  std::FILE* f_;
  std::string path_;
  Progress* progress_;
  XXH3_state_t* hash_;
  uint64_t written_ = 0, reported_ = 0;
};

class SnapshotReader {
 public:
  SnapshotReader(std::FILE* f, std::string path, uint64_t size, Progress* progress)
      : f_(f),
        path_(std::move(path)),
        remaining_(size),
        size_(size),
        progress_(progress),
        hash_(XXH3_createState()) {
    XXH3_64bits_reset(hash_);
  }
  ~SnapshotReader() { XXH3_freeState(hash_); }

  [[noreturn]] void fail(const std::string& what) const {
    throw StorageError(path_ + ": " + what + " (at byte " + std::to_string(size_ - remaining_) +
                       ")");
  }
  void raw(void* data, size_t n, bool hashed = true) {
    if (n > remaining_)
      fail("truncated: needs " + std::to_string(n) + " more bytes, has " +
           std::to_string(remaining_));
    if (n && std::fread(data, 1, n, f_) != n)
      fail(std::string("read failed: ") + std::strerror(errno));
    if (hashed) XXH3_64bits_update(hash_, data, n);
    remaining_ -= n;
    if ((size_ - remaining_) - reported_ > (64u << 20)) {
      reported_ = size_ - remaining_;
      report(progress_, "loading snapshot", reported_, size_);
    }
  }
  template <class T>
  T pod() {
    static_assert(std::is_trivially_copyable_v<T>);
    T v;
    raw(&v, sizeof v);
    return v;
  }
  uint64_t count(size_t elem_size) {
    uint64_t n = pod<uint64_t>();
    if (elem_size && n > remaining_ / elem_size)
      fail("damaged: an array claims " + std::to_string(n) + " elements, more than the file holds");
    return n;
  }
  template <class T, class A>
  void array(std::vector<T, A>& v) {
    v.resize(count(sizeof(T)));
    raw(v.data(), v.size() * sizeof(T));
  }
  std::string string() {
    std::string s(count(1), '\0');
    raw(s.data(), s.size());
    return s;
  }
  Value value(size_t depth = 0) {
    if (depth > kMaxValueDepth) fail("damaged: values nested too deep");
    switch (static_cast<Value::Type>(pod<uint8_t>())) {
      case Value::Type::Null:
        return Value();
      case Value::Type::Bool:
        return Value(pod<uint8_t>() != 0);
      case Value::Type::Int:
        return Value(pod<int64_t>());
      case Value::Type::Double:
        return Value(pod<double>());
      case Value::Type::String:
        return Value(string());
      case Value::Type::List: {
        ValueList list(count(1));
        for (auto& item : list) item = value(depth + 1);
        return Value(std::move(list));
      }
      case Value::Type::Map:
        return Value(map(depth + 1));
      case Value::Type::Temporal:
        return Value(temporal());
      case Value::Type::Node:
      case Value::Type::Edge:
      case Value::Type::Path:
        break;
    }
    fail("damaged: unknown value type");
  }
  TemporalValue temporal() {
    TemporalValue t;
    const auto kind = pod<uint8_t>();
    const auto precision = pod<uint8_t>();
    if (kind > static_cast<uint8_t>(TemporalValue::Kind::Duration) ||
        precision > static_cast<uint8_t>(TemporalValue::Precision::Year))
      fail("damaged: unknown temporal kind");
    t.kind = static_cast<TemporalValue::Kind>(kind);
    t.precision = static_cast<TemporalValue::Precision>(precision);
    t.months = pod<int64_t>();
    t.days = pod<int64_t>();
    t.seconds = pod<int64_t>();
    t.nanos = pod<int64_t>();
    t.offset_seconds = pod<int32_t>();
    const std::string zone = string();
    if (!zone.empty()) {
      auto id = find_time_zone(zone);
      if (!id) fail("unknown time zone " + zone);
      t.zone = *id;
    }
    return t;
  }
  ValueMap map(size_t depth = 0) {
    ValueMap m(count(9));
    for (auto& e : m) {
      e.key = string();
      e.value = value(depth);
    }
    return m;
  }
  uint64_t digest() const { return XXH3_64bits_digest(hash_); }
  uint64_t remaining() const { return remaining_; }

 private:
  std::FILE* f_;
  std::string path_;
  uint64_t remaining_, size_;
  Progress* progress_;
  XXH3_state_t* hash_;
  uint64_t reported_ = 0;
};

[[noreturn]] void sys_fail(const std::string& path, const char* what) {
  throw StorageError(path + ": " + what + ": " + std::strerror(errno));
}

void fsync_dir(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) sys_fail(dir, "cannot open folder for fsync");
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) sys_fail(dir, "fsync failed");
}

}  // namespace

// Knows the store's private layout; the only place that does besides the store itself.
class SnapshotCodec {
 public:
  static uint32_t layout() {
    return static_cast<uint32_t>(sizeof(GraphStore::NodeRecord) |
                                 sizeof(GraphStore::EdgeRecord) << 8 | sizeof(AdjEntry) << 16 |
                                 1u << 24);  // 1 = little-endian marker
  }
  static void write(const GraphStore& g, SnapshotWriter& w);
  static void read(GraphStore& g, SnapshotReader& r);
  static void validate(const GraphStore& g, SnapshotReader& r);

 private:
  static void write_index(const detail::HashIndex& index, SnapshotWriter& w) {
    w.array(index.slots());
    w.pod(static_cast<uint64_t>(index.size()));
    w.pod(static_cast<uint64_t>(index.used_slots()));
  }
  static detail::HashIndex read_index(SnapshotReader& r) {
    detail::BigVector<detail::HashIndex::Slot> slots;
    r.array(slots);
    uint64_t size = r.pod<uint64_t>(), used = r.pod<uint64_t>();
    detail::HashIndex index;
    if (!index.adopt(std::move(slots), size, used)) r.fail("damaged: inconsistent hash index");
    return index;
  }
  static void write_evidence(const std::vector<GraphStore::StoredEvidence>& list,
                             SnapshotWriter& w) {
    w.pod(static_cast<uint64_t>(list.size()));
    for (const auto& ev : list) {
      w.pod(ev.doc), w.pod(ev.rule), w.pod(ev.text);
      w.pod(ev.paragraph), w.pod(ev.sentence), w.pod(ev.span_begin), w.pod(ev.span_end);
      w.map(ev.extra);
    }
  }
  static std::vector<GraphStore::StoredEvidence> read_evidence(SnapshotReader& r) {
    std::vector<GraphStore::StoredEvidence> list(r.count(44));
    for (auto& ev : list) {
      ev.doc = r.pod<Symbol>(), ev.rule = r.pod<Symbol>(), ev.text = r.pod<Symbol>();
      ev.paragraph = r.pod<int64_t>(), ev.sentence = r.pod<int64_t>();
      ev.span_begin = r.pod<int64_t>(), ev.span_end = r.pod<int64_t>();
      ev.extra = r.map();
    }
    return list;
  }
};

void SnapshotCodec::write(const GraphStore& g, SnapshotWriter& w) {
  w.array(g.pool_.chars());
  w.array(g.pool_.offsets());
  write_index(g.pool_.index(), w);
  w.array(g.node_text_);
  w.array(g.nodes_);
  w.pod(static_cast<uint64_t>(g.node_extras_.size()));
  for (const auto& x : g.node_extras_) {
    w.array(x.labels);
    w.pod(static_cast<uint64_t>(x.aliases.size()));
    for (const auto& a : x.aliases) w.string(a);
    w.map(x.props);
    write_evidence(x.evidence, w);
  }
  w.array(g.edges_);
  w.pod(static_cast<uint64_t>(g.edge_extras_.size()));
  for (const auto& x : g.edge_extras_) {
    w.map(x.props);
    write_evidence(x.evidence, w);
  }
  write_index(g.id_index_, w);
  write_index(g.name_index_, w);
  // Sorted, so that the same graph always gives the same bytes.
  std::vector<Symbol> labels;
  for (const auto& entry : g.label_index_) labels.push_back(entry.first);
  std::sort(labels.begin(), labels.end());
  w.pod(static_cast<uint64_t>(labels.size()));
  for (Symbol label : labels) {
    w.pod(label);
    w.array(g.label_index_.at(label));
  }
  w.array(g.edge_type_names_);
  for (const auto& list : g.type_index_) w.array(list);
  for (const auto* adj : {&g.out_, &g.in_}) {
    w.array(adj->offsets);
    w.array(adj->entries);
  }
}

void SnapshotCodec::read(GraphStore& g, SnapshotReader& r) {
  detail::BigVector<char> chars;
  detail::BigVector<uint64_t> offsets;
  r.array(chars);
  r.array(offsets);
  if (!g.pool_.adopt(std::move(chars), std::move(offsets), read_index(r)))
    r.fail("damaged: inconsistent string table");
  r.array(g.node_text_);
  r.array(g.nodes_);
  g.node_extras_.resize(r.count(24));
  for (auto& x : g.node_extras_) {
    r.array(x.labels);
    x.aliases.resize(r.count(8));
    for (auto& a : x.aliases) a = r.string();
    x.props = r.map();
    x.evidence = read_evidence(r);
  }
  r.array(g.edges_);
  g.edge_extras_.resize(r.count(16));
  for (auto& x : g.edge_extras_) {
    x.props = r.map();
    x.evidence = read_evidence(r);
  }
  g.id_index_ = read_index(r);
  g.name_index_ = read_index(r);
  for (uint64_t i = 0, n = r.count(12); i < n; ++i) {
    Symbol label = r.pod<Symbol>();
    r.array(g.label_index_[label]);
  }
  r.array(g.edge_type_names_);
  g.type_index_.resize(g.edge_type_names_.size());
  for (auto& list : g.type_index_) r.array(list);
  for (auto* adj : {&g.out_, &g.in_}) {
    r.array(adj->offsets);
    r.array(adj->entries);
  }
  g.node_flags_.assign(g.nodes_.size(), 0);
  g.live_nodes_ = g.nodes_.size();
  g.live_edges_ = g.edges_.size();
}

// The checksum catches damage; this catches a file that is well-formed but inconsistent
// (written by a buggy build or by hand), so that no index can point outside its array.
void SnapshotCodec::validate(const GraphStore& g, SnapshotReader& r) {
  const size_t nodes = g.nodes_.size(), edges = g.edges_.size(), symbols = g.pool_.size();
  const size_t types = g.edge_type_names_.size();
  auto check = [&](bool ok, const char* what) {
    if (!ok) r.fail(std::string("inconsistent contents: ") + what);
  };
  check(!g.node_extras_.empty() && !g.edge_extras_.empty(), "extras tables");
  for (const auto& n : g.nodes_) {
    check(n.id.off + n.id.len <= g.node_text_.size() &&
              n.name.off + n.name.len <= g.node_text_.size(),
          "node text");
    check(n.kind < symbols && n.extra < g.node_extras_.size(), "node record");
  }
  for (const auto& e : g.edges_)
    check(e.src < nodes && e.dst < nodes && e.type < types && e.extra < g.edge_extras_.size() &&
              !(e.flags & GraphStore::kEdgeDeleted),
          "edge record");
  auto check_evidence = [&](const auto& list) {
    for (const auto& ev : list)
      check(ev.doc < symbols && ev.rule < symbols && ev.text < symbols, "evidence");
  };
  for (const auto& x : g.node_extras_) {
    for (Symbol s : x.labels) check(s < symbols, "node label");
    check_evidence(x.evidence);
  }
  for (const auto& x : g.edge_extras_) check_evidence(x.evidence);
  for (const auto* index : {&g.id_index_, &g.name_index_})
    for (const auto& slot : index->slots())
      check(slot.value >= detail::HashIndex::kTombstone || slot.value < nodes, "node index");
  for (const auto& [label, list] : g.label_index_) {
    check(label < symbols, "label index");
    for (NodeId n : list) check(n < nodes, "label index entry");
  }
  for (Symbol s : g.edge_type_names_) check(s < symbols, "edge type name");
  for (const auto& list : g.type_index_)
    for (EdgeId e : list) check(e < edges, "type index entry");
  for (const auto* adj : {&g.out_, &g.in_}) {
    check(adj->offsets.size() == nodes + 1 && adj->offsets.front() == 0 &&
              adj->offsets.back() == adj->entries.size(),
          "adjacency offsets");
    for (size_t k = 0; k < nodes; ++k)
      check(adj->offsets[k] <= adj->offsets[k + 1], "adjacency order");
    for (const auto& a : adj->entries)
      check(a.node < nodes && a.edge < edges && a.type < types && a.flags == 0, "adjacency entry");
  }
  check(g.out_.entries.size() == edges && g.in_.entries.size() == edges, "adjacency size");
}

void save_snapshot(GraphStore& store, const std::string& path, Progress* progress) {
  store.compact();
  store.compact_adjacency();
  const std::string tmp = path + ".tmp";
  // A save that fails (a full disk, an error on the way) removes its temporary file: left
  // behind, it would hold the disk's space until the next save.
  struct RemoveUnlessKept {
    const std::string& path;
    bool keep = false;
    ~RemoveUnlessKept() {
      if (!keep) std::remove(path.c_str());
    }
  } cleanup{tmp};
  File f(std::fopen(tmp.c_str(), "wb"));  // closed before cleanup runs
  if (!f) sys_fail(tmp, "cannot create");
  std::vector<char> buffer(1 << 20);
  std::setvbuf(f.get(), buffer.data(), _IOFBF, buffer.size());
  // The body length is only known at the end: write a placeholder header, then patch it.
  SnapshotWriter body(f.get(), tmp, progress);
  std::vector<char> header(kHeaderBytes, 0);
  if (std::fwrite(header.data(), 1, header.size(), f.get()) != header.size())
    sys_fail(tmp, "write failed");
  SnapshotCodec::write(store, body);
  const uint64_t body_bytes = body.written();
  std::memcpy(header.data(), kMagic, 8);
  const uint32_t version = kSnapshotVersion, layout = SnapshotCodec::layout();
  std::memcpy(header.data() + 8, &version, 4);
  std::memcpy(header.data() + 12, &layout, 4);
  std::memcpy(header.data() + 16, &body_bytes, 8);
  // checksum = XXH3(header + body): combine by hashing the header, then the body digest.
  XXH64_hash_t body_digest = body.digest();
  XXH3_state_t* state = XXH3_createState();
  XXH3_64bits_reset(state);
  XXH3_64bits_update(state, header.data(), header.size());
  XXH3_64bits_update(state, &body_digest, sizeof body_digest);
  const uint64_t checksum = XXH3_64bits_digest(state);
  XXH3_freeState(state);
  if (std::fwrite(&checksum, 1, 8, f.get()) != 8 || std::fseek(f.get(), 0, SEEK_SET) != 0 ||
      std::fwrite(header.data(), 1, header.size(), f.get()) != header.size() ||
      std::fflush(f.get()) != 0)
    sys_fail(tmp, "write failed");
  if (::fsync(::fileno(f.get())) != 0) sys_fail(tmp, "fsync failed");
  if (std::fclose(f.release()) != 0) sys_fail(tmp, "close failed");
  if (std::rename(tmp.c_str(), path.c_str()) != 0) sys_fail(path, "cannot replace");
  cleanup.keep = true;
  std::string dir = std::filesystem::path(path).parent_path().string();
  fsync_dir(dir.empty() ? "." : dir);
  report_done(progress, "saving snapshot");
}

GraphStore load_snapshot(const std::string& path, Progress* progress) {
  File f(std::fopen(path.c_str(), "rb"));
  if (!f) sys_fail(path, "cannot open");
  std::error_code ec;
  const uint64_t size = std::filesystem::file_size(path, ec);
  if (ec) throw StorageError(path + ": cannot stat: " + ec.message());
  if (size < kHeaderBytes + 8)
    throw StorageError(path + ": not a normgraph snapshot (only " + std::to_string(size) +
                       " bytes)");
  char header[kHeaderBytes];
  if (std::fread(header, 1, kHeaderBytes, f.get()) != kHeaderBytes) sys_fail(path, "read failed");
  if (std::memcmp(header, kMagic, 8) != 0)
    throw StorageError(path + ": not a normgraph snapshot (wrong magic bytes)");
  uint32_t version, layout;
  uint64_t body_bytes;
  std::memcpy(&version, header + 8, 4);
  std::memcpy(&layout, header + 12, 4);
  std::memcpy(&body_bytes, header + 16, 8);
  // Version 1 differs only in having no temporal values: its bodies read as version 2.
  if (version < kOldestReadableSnapshotVersion || version > kSnapshotVersion)
    throw StorageError(path + ": snapshot format version " + std::to_string(version) +
                       ", this build reads versions " +
                       std::to_string(kOldestReadableSnapshotVersion) + " to " +
                       std::to_string(kSnapshotVersion));
  if (layout != SnapshotCodec::layout())
    throw StorageError(path +
                       ": snapshot written by a build with another record layout or byte order");
  if (body_bytes != size - kHeaderBytes - 8)
    throw StorageError(path + ": truncated or extended: the header says " +
                       std::to_string(body_bytes + kHeaderBytes + 8) + " bytes, the file has " +
                       std::to_string(size));
  GraphStore store;
  SnapshotReader body(f.get(), path, body_bytes, progress);
  try {
    SnapshotCodec::read(store, body);
  } catch (const std::bad_alloc&) {
    body.fail("damaged: a size field is implausible");
  }
  if (body.remaining() != 0)
    body.fail("damaged: " + std::to_string(body.remaining()) + " unread bytes before the checksum");
  uint64_t stored;
  if (std::fread(&stored, 1, 8, f.get()) != 8) sys_fail(path, "read failed");
  XXH64_hash_t body_digest = body.digest();
  XXH3_state_t* state = XXH3_createState();
  XXH3_64bits_reset(state);
  XXH3_64bits_update(state, header, kHeaderBytes);
  XXH3_64bits_update(state, &body_digest, sizeof body_digest);
  const uint64_t checksum = XXH3_64bits_digest(state);
  XXH3_freeState(state);
  if (checksum != stored) throw StorageError(path + ": checksum mismatch: the file is damaged");
  SnapshotCodec::validate(store, body);
  report_done(progress, "loading snapshot");
  return store;
}

}  // namespace normgraph
