// Writes graph JSON (DESIGN.md "Graph JSON") with RapidJSON's streaming Writer. Each node and
// edge is one line, so exports diff well and stay compact. The reader in loaders/ accepts
// exactly what is written here: unknown evidence fields are left out rather than written as -1
// or "", and doubles keep a fraction or exponent ("1.0"), so a round trip is byte-identical.
#include <rapidjson/writer.h>

#include <algorithm>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "file_sink.hpp"
#include "normgraph/core/json_value.hpp"
#include "normgraph/viz/graph_json.hpp"

namespace normgraph::viz {
namespace {

// Strings are validated so that a broken string in the store fails the export instead of
// producing a file the reader rejects. NaN and infinities, which JSON cannot spell, are
// written as NaN / Infinity (Python's json module and our reader accept them).
using JsonWriter =
    rapidjson::Writer<detail::FileSink, rapidjson::UTF8<>, rapidjson::UTF8<>,
                      rapidjson::CrtAllocator,
                      rapidjson::kWriteValidateEncodingFlag | rapidjson::kWriteNanAndInfFlag>;

constexpr std::string_view kPhase = "writing graph JSON";

class GraphJsonWriter {
 public:
  GraphJsonWriter(const GraphStore& store, detail::FileSink& sink, Progress* progress,
                  const Selection* selection)
      : store_(store), sink_(sink), writer_(sink), progress_(progress), selection_(selection) {
    total_ = selection ? selection->node_count() + selection->edge_count()
                       : store.node_count() + store.edge_count();
    report_step_ = std::max<size_t>(total_ / 100, 1);
  }

  void write() {
    sink_.write(R"({"format":"normgraph-graph","version":1,"nodes":[)");
    bool first = true;
    store_.for_each_node([&](NodeId n) {
      if (selection_ && !selection_->has_node(n)) return;
      begin_element(first);
      write_node(n);
      count_element();
    });
    end_array(first);
    sink_.write(R"(,"edges":[)");
    first = true;
    for (EdgeId e = 0; e < store_.edge_slots(); ++e) {
      if (!store_.edge_live(e) || (selection_ && !selection_->has_edge(e))) continue;
      begin_element(first);
      write_edge(e);
      count_element();
    }
    end_array(first);
    sink_.write("}\n");
    sink_.finish();
    report_done(progress_, kPhase);
  }

 private:
  // Array elements are written as separate documents, with the punctuation between them
  // written here, to put each on its own line without a pretty-printer's indentation.
  void begin_element(bool& first) {
    sink_.write(first ? "\n" : ",\n");
    first = false;
    writer_.Reset(sink_);
  }
  void end_array(bool first) { sink_.write(first ? "]" : "\n]"); }

  void count_element() {
    if (++done_ % report_step_ == 0) report(progress_, kPhase, done_, total_);
  }

  void write_node(NodeId n) {
    subject_node_ = n;
    subject_edge_ = kNoEdge;
    check(writer_.StartObject());
    std::string_view kind = store_.node_kind(n);
    field("id", store_.node_id(n));
    field("kind", kind);
    std::vector<std::string_view> labels = store_.node_labels(n);
    size_t extra_from = !labels.empty() && labels.front() == kind ? 1 : 0;
    if (labels.size() > extra_from) {
      key("labels");
      check(writer_.StartArray());
      for (size_t i = extra_from; i < labels.size(); ++i) string(labels[i]);
      check(writer_.EndArray());
    }
    field("name", store_.node_name(n));
    std::span<const std::string> aliases = store_.node_aliases(n);
    if (!aliases.empty()) {
      key("aliases");
      check(writer_.StartArray());
      for (const std::string& alias : aliases) string(alias);
      check(writer_.EndArray());
    }
    key("props");
    map(store_.node_props(n));
    std::vector<Evidence> evidence = store_.node_evidence(n);
    if (!evidence.empty()) {
      key("evidence");
      evidence_list(evidence);
    }
    check(writer_.EndObject());
  }

  void write_edge(EdgeId e) {
    subject_edge_ = e;
    check(writer_.StartObject());
    EdgeEnds ends = store_.edge_ends(e);
    field("source", store_.node_id(ends.source));
    field("target", store_.node_id(ends.target));
    field("type", store_.edge_type_name(ends.type));
    key("props");
    check(writer_.StartObject());
    key("derived");
    check(writer_.Bool(store_.edge_derived(e)));
    for (const MapEntry& entry : store_.edge_props(e)) {
      if (entry.key == "derived") continue;  // the flag above owns the key
      key(entry.key);
      value(entry.value);
    }
    check(writer_.EndObject());
    key("evidence");
    evidence_list(store_.edge_evidence(e));
    check(writer_.EndObject());
  }

  void evidence_list(const std::vector<Evidence>& evidence) {
    check(writer_.StartArray());
    for (const Evidence& ev : evidence) evidence_entry(ev);
    check(writer_.EndArray());
  }

  // Unknown parts (-1, "") are left out; the reader restores them as unknown.
  void evidence_entry(const Evidence& ev) {
    check(writer_.StartObject());
    if (!ev.doc.empty()) field("doc", ev.doc);
    if (ev.paragraph != -1) int_field("paragraph", ev.paragraph);
    if (ev.sentence != -1) int_field("sentence", ev.sentence);
    if (ev.span_begin != -1 || ev.span_end != -1) {
      key("span");
      check(writer_.StartArray());
      check(writer_.Int64(ev.span_begin));
      check(writer_.Int64(ev.span_end));
      check(writer_.EndArray());
    }
    if (!ev.rule.empty()) field("rule", ev.rule);
    if (!ev.text.empty()) field("text", ev.text);
    for (const MapEntry& entry : ev.extra) {
      key(entry.key);
      value(entry.value);
    }
    check(writer_.EndObject());
  }

  // Values as json::write_value writes them, with this writer's checked keys and strings and
  // a double that is not finite as NaN or Infinity (kWriteNanAndInfFlag; the reader takes them
  // back).
  struct Hooks : json::ValueHooks {
    GraphJsonWriter* out;
    explicit Hooks(GraphJsonWriter* o) : out(o) {}
    template <class Writer>
    bool key(Writer&, std::string_view k) const {
      out->key(k);
      return true;
    }
    template <class Writer>
    bool string(Writer&, std::string_view s) const {
      out->string(s);
      return true;
    }
    template <class Writer>
    bool non_finite(Writer& w, double d) const {
      return w.Double(d);
    }
  };

  void value(const Value& v) { check(json::write_value(writer_, v, Hooks{this})); }

  void map(const ValueMap& entries) { check(json::write_map(writer_, entries, Hooks{this})); }

  void key(std::string_view k) { check(writer_.Key(k.data(), length(k))); }
  void string(std::string_view s) { check(writer_.String(s.data(), length(s))); }
  void field(std::string_view k, std::string_view s) {
    key(k);
    string(s);
  }
  void int_field(std::string_view k, int64_t i) {
    key(k);
    check(writer_.Int64(i));
  }

  rapidjson::SizeType length(std::string_view s) const {
    if (s.size() > UINT32_MAX) fail("a string longer than 4 GiB");
    return static_cast<rapidjson::SizeType>(s.size());
  }

  // The Writer refuses only strings that are not valid UTF-8.
  void check(bool written) const {
    if (!written) fail("a string that is not valid UTF-8");
  }

  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error(sink_.name() + ": cannot write " + subject() + ": it holds " + what);
  }

  std::string subject() const {
    if (subject_edge_ == kNoEdge)
      return "node \"" + std::string(store_.node_id(subject_node_)) + "\"";
    EdgeEnds ends = store_.edge_ends(subject_edge_);
    return "edge " + std::string(store_.node_id(ends.source)) + " -[" +
           std::string(store_.edge_type_name(ends.type)) + "]-> " +
           std::string(store_.node_id(ends.target));
  }

  const GraphStore& store_;
  detail::FileSink& sink_;
  JsonWriter writer_;
  Progress* progress_;
  const Selection* selection_;
  size_t total_;
  size_t report_step_;
  size_t done_ = 0;
  NodeId subject_node_ = kNoNode;
  EdgeId subject_edge_ = kNoEdge;
};

}  // namespace

void write_graph_json(const GraphStore& store, std::FILE* out, Progress* progress,
                      const Selection* selection) {
  detail::FileSink sink(out, "graph JSON output");
  GraphJsonWriter(store, sink, progress, selection).write();
}

void write_graph_json_file(const GraphStore& store, const std::string& path, Progress* progress,
                           const Selection* selection) {
  if (path == "-") {
    detail::FileSink sink(stdout, "<stdout>");
    GraphJsonWriter(store, sink, progress, selection).write();
    return;
  }
  detail::write_file(path, [&](detail::FileSink& sink) {
    GraphJsonWriter(store, sink, progress, selection).write();
  });
}

}  // namespace normgraph::viz
