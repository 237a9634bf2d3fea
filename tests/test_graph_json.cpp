// Graph JSON: the reader (loaders/), the writer and the CSV writer (viz/).
#include <catch2/catch.hpp>

#include <unistd.h>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "normgraph/core/errors.hpp"
#include "normgraph/core/progress.hpp"
#include "normgraph/engine/graph_store.hpp"
#include "normgraph/loaders/graph_json.hpp"
#include "normgraph/viz/csv.hpp"
#include "normgraph/viz/graph_json.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using normgraph::Evidence;
using normgraph::GraphStore;
using normgraph::InputError;
using normgraph::NodeData;
using normgraph::Value;
using normgraph::loaders::load_graph_json_file;
using normgraph::loaders::load_graph_json_text;

namespace {

namespace fs = std::filesystem;

// A fresh directory under the system's temp folder, removed with everything in it at the end.
class TempDir {
 public:
  TempDir() {
    static int counter = 0;
    path_ = fs::temp_directory_path() /
            ("normgraph-test-json-" + std::to_string(getpid()) + "-" + std::to_string(++counter));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
};

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_text(const std::string& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Every Value type, extra labels, aliases, evidence with extra keys, derived and asserted
// edges, an edge without props or evidence.
constexpr std::string_view kSample = R"({"format": "normgraph-graph", "version": 1,
 "nodes": [
  {"id": "state:CHN", "kind": "Actor", "labels": ["State"], "name": "China",
   "aliases": ["People's Republic of China", "PRC"],
   "props": {"type": "state", "nothing": null, "member": true, "seats": 42,
             "population": -9007199254740993, "share": 0.25, "whole": 1.0,
             "huge": 18446744073709551616, "motto": "line\nbreak \"quoted\" \u00e9 中",
             "list": [1, "two", 3.5, [false], {"k": null}],
             "map": {"a": 1, "b": {"c": [2e300]}}},
   "evidence": [{"doc": "doc:seed", "paragraph": 1, "sentence": 2, "span": [10, 15],
                 "rule": "vocab.actor", "text": "China", "curator": "ana", "confidence": 0.9}]},
  {"id": "principle:non-interference", "kind": "Principle", "name": "non-interference"},
  {"id": "doc:seed", "kind": "Document", "name": "Statement of China",
   "props": {"type": "statement", "source": "000_f7b3e24bbd779271.txt", "date": "2015"}}
 ],
 "edges": [
  {"source": "state:CHN", "target": "principle:non-interference", "type": "ENDORSES",
   "props": {"derived": false, "weight": 2},
   "evidence": [{"doc": "doc:seed", "paragraph": 6, "sentence": 4, "span": [2310, 2534],
                 "rule": "endorse.uphold-principles", "text": "we should ...",
                 "note": {"by": "test", "tags": ["a", "b"]}}]},
  {"source": "state:CHN", "target": "doc:seed", "type": "DELIVERED"},
  {"source": "state:CHN", "target": "principle:non-interference", "type": "SUPPORTS",
   "props": {"derived": true}, "evidence": [{"rule": "supports.from-endorses"}]}
 ]}
)";

// A small graph that the failing loads below must leave alone.
constexpr std::string_view kBase = R"({"format": "normgraph-graph", "version": 1,
 "nodes": [{"id": "state:CHN", "kind": "Actor", "name": "China"},
           {"id": "principle:sovereignty", "kind": "Principle", "name": "sovereignty"}],
 "edges": [{"source": "state:CHN", "target": "principle:sovereignty", "type": "ENDORSES"}]})";

normgraph::NodeId node(const GraphStore& store, std::string_view id) {
  auto n = store.find_node(id);
  REQUIRE(n);
  return *n;
}

normgraph::EdgeId edge(GraphStore& store, std::string_view source, std::string_view type,
                       std::string_view target) {
  auto t = store.find_edge_type(type);
  REQUIRE(t);
  auto e = store.find_edge(node(store, source), *t, node(store, target));
  REQUIRE(e);
  return *e;
}

const Value& prop(const normgraph::ValueMap& props, std::string_view key) {
  const Value* v = normgraph::find_entry(props, key);
  REQUIRE(v);
  return *v;
}

// Loads `json` into a store holding kBase and returns the InputError's message; checks that
// the store still holds exactly what it held before.
std::string load_error(std::string_view json) {
  GraphStore store;
  load_graph_json_text(kBase, "base.json", store);
  const size_t nodes = store.node_count(), edges = store.edge_count();
  std::string message;
  try {
    load_graph_json_text(json, "bad.json", store);
  } catch (const InputError& e) {
    message = e.what();
  }
  CHECK(store.node_count() == nodes);
  CHECK(store.edge_count() == edges);
  CHECK(store.find_node("state:CHN"));
  if (message.empty()) FAIL("no InputError for: " << json);
  return message;
}

std::string graph(std::string_view nodes, std::string_view edges = "") {
  return std::string(R"({"format": "normgraph-graph", "version": 1, "nodes": [)") +
         std::string(nodes) + "], \"edges\": [" + std::string(edges) + "]}";
}

}  // namespace

TEST_CASE("graph JSON: loaded data matches the file", "[json]") {
  GraphStore store;
  auto counts = load_graph_json_text(kSample, "sample.json", store);
  CHECK(counts.nodes == 3);
  CHECK(counts.edges == 3);
  CHECK(store.node_count() == 3);
  CHECK(store.edge_count() == 3);

  auto china = node(store, "state:CHN");
  CHECK(store.node_name(china) == "China");
  CHECK(store.node_kind(china) == "Actor");
  auto labels = store.node_labels(china);
  CHECK(labels == std::vector<std::string_view>{"Actor", "State"});
  auto aliases = store.node_aliases(china);
  CHECK(std::vector<std::string>(aliases.begin(), aliases.end()) ==
        std::vector<std::string>{"People's Republic of China", "PRC"});

  const auto& props = store.node_props(china);
  CHECK(prop(props, "type") == Value("state"));
  CHECK(prop(props, "member") == Value(true));
  CHECK(prop(props, "seats") == Value(int64_t{42}));
  CHECK(prop(props, "population") == Value(int64_t{-9007199254740993}));
  CHECK(prop(props, "share") == Value(0.25));
  CHECK(prop(props, "whole").type() == Value::Type::Double);
  CHECK(prop(props, "huge").type() == Value::Type::Double);
  CHECK(prop(props, "huge").as_double() == 18446744073709551616.0);
  CHECK(prop(props, "motto") == Value("line\nbreak \"quoted\" \xC3\xA9 \xE4\xB8\xAD"));
  normgraph::ValueMap k_null{{"k", Value()}};
  CHECK(prop(props, "list") ==
        Value(normgraph::ValueList{int64_t{1}, "two", 3.5, normgraph::ValueList{false}, k_null}));
  normgraph::ValueMap c_list{{"c", normgraph::ValueList{2e300}}};
  CHECK(prop(props, "map") == Value(normgraph::ValueMap{{"a", int64_t{1}}, {"b", c_list}}));

  auto china_evidence = store.node_evidence(china);
  REQUIRE(china_evidence.size() == 1);
  Evidence expected{"doc:seed", 1,
                    2,          10,
                    15,         "vocab.actor",
                    "China",    normgraph::ValueMap{{"curator", "ana"}, {"confidence", 0.9}}};
  CHECK(china_evidence[0] == expected);

  auto endorses = edge(store, "state:CHN", "ENDORSES", "principle:non-interference");
  CHECK_FALSE(store.edge_derived(endorses));
  CHECK(store.edge_props(endorses) == normgraph::ValueMap{{"weight", int64_t{2}}});
  auto endorse_evidence = store.edge_evidence(endorses);
  REQUIRE(endorse_evidence.size() == 1);
  CHECK(endorse_evidence[0].span_begin == 2310);
  CHECK(endorse_evidence[0].span_end == 2534);
  CHECK(endorse_evidence[0].rule == "endorse.uphold-principles");
  REQUIRE(endorse_evidence[0].extra.size() == 1);
  CHECK(endorse_evidence[0].extra[0].key == "note");

  auto supports = edge(store, "state:CHN", "SUPPORTS", "principle:non-interference");
  CHECK(store.edge_derived(supports));
  CHECK(store.edge_props(supports).empty());
  auto support_evidence = store.edge_evidence(supports);
  REQUIRE(support_evidence.size() == 1);
  CHECK(support_evidence[0] == Evidence{"", -1, -1, -1, -1, "supports.from-endorses", "", {}});

  auto delivered = edge(store, "state:CHN", "DELIVERED", "doc:seed");
  CHECK_FALSE(store.edge_derived(delivered));
  CHECK(store.edge_evidence(delivered).empty());
}

TEST_CASE("graph JSON: export, re-import and export again is byte-identical", "[json]") {
  TempDir dir;
  GraphStore first;
  load_graph_json_text(kSample, "sample.json", first);
  normgraph::viz::write_graph_json_file(first, dir.file("first.json"));

  GraphStore second;
  auto counts = load_graph_json_file(dir.file("first.json"), second);
  CHECK(counts.nodes == 3);
  CHECK(counts.edges == 3);
  normgraph::viz::write_graph_json_file(second, dir.file("second.json"));

  const std::string exported = read_text(dir.file("first.json"));
  CHECK(exported == read_text(dir.file("second.json")));

  // One element per line, compact, in the documented key order.
  auto lines = lines_of(exported);
  REQUIRE(lines.size() == 9);
  CHECK(lines[0] == R"({"format":"normgraph-graph","version":1,"nodes":[)");
  CHECK_THAT(lines[1], Contains(R"({"id":"state:CHN","kind":"Actor","labels":["State"],)"
                                R"("name":"China","aliases":["People's Republic of China","PRC"],)"
                                R"("props":{"type":"state",)"));
  CHECK_THAT(lines[1], Contains(R"("whole":1.0,)"));
  CHECK_THAT(lines[1], Contains(R"("evidence":[{"doc":"doc:seed","paragraph":1,"sentence":2,)"
                                R"("span":[10,15],"rule":"vocab.actor","text":"China",)"
                                R"("curator":"ana","confidence":0.9}]})"));
  CHECK(lines[2] ==
        R"({"id":"principle:non-interference","kind":"Principle","name":"non-interference",)"
        R"("props":{}},)");
  CHECK(lines[4] == R"(],"edges":[)");
  CHECK_THAT(lines[5], StartsWith(R"({"source":"state:CHN","target":"principle:non-interference",)"
                                  R"("type":"ENDORSES","props":{"derived":false,"weight":2},)"
                                  R"("evidence":[{"doc":"doc:seed","paragraph":6,)"));
  CHECK(lines[6] == R"({"source":"state:CHN","target":"doc:seed","type":"DELIVERED",)"
                    R"("props":{"derived":false},"evidence":[]},)");
  CHECK(lines[7] == R"({"source":"state:CHN","target":"principle:non-interference",)"
                    R"("type":"SUPPORTS","props":{"derived":true},)"
                    R"("evidence":[{"rule":"supports.from-endorses"}]})");
  CHECK(lines[8] == "]}");

  // The second store holds the same data as the first.
  first.for_each_node([&](normgraph::NodeId a) {
    auto b = node(second, first.node_id(a));
    CHECK(second.node_labels(b) == first.node_labels(a));
    CHECK(second.node_name(b) == first.node_name(a));
    CHECK(second.node_props(b) == first.node_props(a));
    CHECK(second.node_evidence(b) == first.node_evidence(a));
  });
  CHECK(second.edge_evidence(edge(second, "state:CHN", "ENDORSES", "principle:non-interference")) ==
        first.edge_evidence(edge(first, "state:CHN", "ENDORSES", "principle:non-interference")));
}

TEST_CASE("graph JSON: an empty store exports as empty arrays and reads back", "[json]") {
  TempDir dir;
  GraphStore empty;
  normgraph::viz::write_graph_json_file(empty, dir.file("empty.json"));
  CHECK(read_text(dir.file("empty.json")) ==
        "{\"format\":\"normgraph-graph\",\"version\":1,\"nodes\":[],\"edges\":[]}\n");
  GraphStore store;
  auto counts = load_graph_json_file(dir.file("empty.json"), store);
  CHECK(counts.nodes == 0);
  CHECK(store.node_count() == 0);
}

TEST_CASE("graph JSON: NaN and infinities survive a round trip", "[json]") {
  TempDir dir;
  GraphStore first;
  load_graph_json_text(graph(R"({"id": "t:1", "kind": "Topic",
      "props": {"nan": NaN, "inf": Infinity, "ninf": -Infinity, "negzero": -0.0}})"),
                       "nan.json", first);
  normgraph::viz::write_graph_json_file(first, dir.file("nan.json"));
  GraphStore second;
  load_graph_json_file(dir.file("nan.json"), second);
  const auto& props = second.node_props(node(second, "t:1"));
  CHECK(std::isnan(prop(props, "nan").as_double()));
  CHECK(prop(props, "inf").as_double() == INFINITY);
  CHECK(prop(props, "ninf").as_double() == -INFINITY);
  CHECK(std::signbit(prop(props, "negzero").as_double()));
}

TEST_CASE("graph JSON: a fact stated twice is one edge with both evidence entries", "[json]") {
  GraphStore store;
  load_graph_json_text(
      graph(R"({"id": "state:CHN", "kind": "Actor"}, {"id": "principle:p", "kind": "Principle"})",
            R"({"source": "state:CHN", "target": "principle:p", "type": "ENDORSES",
                "evidence": [{"doc": "doc:a", "sentence": 1}]},
               {"source": "state:CHN", "target": "principle:p", "type": "ENDORSES",
                "evidence": [{"doc": "doc:b", "sentence": 7}]})"),
      "dup.json", store);
  CHECK(store.edge_count() == 1);
  auto evidence = store.edge_evidence(edge(store, "state:CHN", "ENDORSES", "principle:p"));
  REQUIRE(evidence.size() == 2);
  CHECK(evidence[0].doc == "doc:a");
  CHECK(evidence[1].doc == "doc:b");
  CHECK(evidence[1].sentence == 7);
}

TEST_CASE("graph JSON: edges may point at nodes already in the store", "[json]") {
  GraphStore store;
  load_graph_json_text(kBase, "base.json", store);
  load_graph_json_text(graph(R"({"id": "doc:x", "kind": "Document", "name": "X"})",
                             R"({"source": "state:CHN", "target": "doc:x", "type": "DELIVERED"})"),
                       "more.json", store);
  CHECK(store.node_count() == 3);
  CHECK(store.edge_count() == 2);
}

TEST_CASE("graph JSON: bad input is an InputError and the store is unchanged", "[json]") {
  SECTION("syntax error, with its line and column") {
    auto message = load_error(
        "{\"format\": \"normgraph-graph\", \"version\": 1,\n \"nodes\": [\n"
        "  {\"id\": \"a\" \"kind\": \"Actor\"}\n ]}");
    CHECK_THAT(message, Contains("bad.json:3:14: invalid JSON"));
  }
  SECTION("wrong format tag") {
    auto message = load_error(R"({"format": "cytoscape", "version": 1, "nodes": []})");
    CHECK_THAT(message, Contains("bad.json:1:12: not a normgraph graph"));
    CHECK_THAT(message, Contains("\"cytoscape\""));
  }
  SECTION("wrong version") {
    auto message = load_error(R"({"format": "normgraph-graph", "version": 2})");
    CHECK_THAT(message, Contains("unsupported graph JSON version 2"));
  }
  SECTION("missing format") {
    CHECK_THAT(load_error(R"({"version": 1, "nodes": []})"), Contains("missing \"format\""));
  }
  SECTION("unknown top-level key") {
    CHECK_THAT(load_error(R"({"format": "normgraph-graph", "version": 1, "elements": []})"),
               Contains("unknown key \"elements\" at the top level"));
  }
  SECTION("missing id") {
    auto message = load_error(graph(R"({"id": "a:1", "kind": "Actor"}, {"kind": "Actor"})"));
    CHECK_THAT(message, Contains("node 1: missing \"id\""));
  }
  SECTION("kind that is not a string, with its line and column") {
    auto message = load_error(
        "{\"format\": \"normgraph-graph\", \"version\": 1,\n"
        " \"nodes\": [{\"id\": \"a\", \"kind\": 7}]}");
    CHECK_THAT(message,
               Contains("bad.json:2:32: node 0: expected a string for \"kind\", found an integer"));
  }
  SECTION("edge endpoint that is neither in the file nor in the store") {
    auto message =
        load_error(graph(R"({"id": "doc:new", "kind": "Document"})",
                         R"({"source": "state:CHN", "target": "doc:new", "type": "DELIVERED"},
                 {"source": "state:CHN", "target": "principle:nowhere", "type": "ENDORSES"})"));
    CHECK_THAT(message, Contains("edge 1: unknown target node \"principle:nowhere\""));
  }
  SECTION("missing edge target") {
    auto message = load_error(graph("", R"({"source": "state:CHN", "type": "ENDORSES"})"));
    CHECK_THAT(message, Contains("edge 0: missing \"target\""));
  }
  SECTION("kind that differs from the store's") {
    auto message = load_error(graph(R"({"id": "state:CHN", "kind": "Principle"})"));
    CHECK_THAT(message, Contains("node 0: \"state:CHN\" has kind \"Principle\" here but kind "
                                 "\"Actor\" in the graph"));
  }
  SECTION("kind that differs from an earlier node of the file") {
    auto message =
        load_error(graph(R"({"id": "x:1", "kind": "Topic"}, {"id": "x:1", "kind": "Event"})"));
    CHECK_THAT(message, Contains("node 1: \"x:1\" has kind \"Event\" here but kind \"Topic\" in "
                                 "node 0"));
  }
  SECTION("invalid UTF-8 in a string") {
    auto message =
        load_error(graph("{\"id\": \"a:1\", \"kind\": \"Actor\", \"name\": \"Chin\xC3(\"}"));
    CHECK_THAT(message, Contains("bad.json:1:"));
    CHECK_THAT(message, Contains("invalid UTF-8"));
  }
  SECTION("derived flag that is not a boolean") {
    auto message = load_error(graph(
        "",
        R"({"source": "state:CHN", "target": "state:CHN", "type": "X", "props": {"derived": 1}})"));
    CHECK_THAT(message, Contains("edge 0: expected a boolean for \"derived\""));
  }
  SECTION("span that is not two integers") {
    auto message =
        load_error(graph(R"({"id": "a:1", "kind": "Actor", "evidence": [{"span": [3]}]})"));
    CHECK_THAT(message, Contains("node 0: evidence 0: expected [begin, end] for \"span\""));
  }
  SECTION("duplicate key") {
    auto message = load_error(graph(R"({"id": "a:1", "kind": "Actor", "id": "a:2"})"));
    CHECK_THAT(message, Contains("duplicate key \"id\""));
  }
  SECTION("nesting too deep") {
    std::string deep = std::string(5000, '[') + std::string(5000, ']');
    auto message =
        load_error(graph(R"({"id": "a:1", "kind": "Actor", "props": {"x": )" + deep + "}}"));
    CHECK_THAT(message, Contains("nesting deeper than"));
  }
  SECTION("empty document, a list, trailing text") {
    CHECK_THAT(load_error(""), Contains("bad.json:1:1: the document is empty"));
    CHECK_THAT(load_error("[]"), Contains("bad.json:1:1: expected an object at the top level"));
    CHECK_THAT(load_error(std::string(kBase) + " x"), Contains("unexpected text after the end"));
  }
}

TEST_CASE("graph JSON: file errors name the file", "[json]") {
  TempDir dir;
  GraphStore store;
  std::string missing = dir.file("missing.json");
  CHECK_THROWS_WITH(load_graph_json_file(missing, store),
                    missing + ": cannot open: No such file or directory");

  std::string bad = dir.file("bad.json");
  write_text(bad, "{\"format\": \"normgraph-graph\",\n\"version\": true}");
  CHECK_THROWS_WITH(load_graph_json_file(bad, store),
                    bad + ":2:12: expected an integer for \"version\", found a boolean");

  // A byte order mark is skipped, and positions still count from the file's start.
  std::string bom = dir.file("bom.json");
  write_text(bom, "\xEF\xBB\xBF" + std::string(kBase));
  CHECK(load_graph_json_file(bom, store).nodes == 2);
}

TEST_CASE("graph JSON: reading a file reports progress", "[json]") {
  struct Recorder : normgraph::Progress {
    std::vector<std::pair<uint64_t, uint64_t>> updates;
    std::vector<std::string> finished;
    void update(std::string_view, uint64_t done, uint64_t total) override {
      updates.emplace_back(done, total);
    }
    void finish(std::string_view phase) override { finished.emplace_back(phase); }
  } recorder;
  TempDir dir;
  std::string path = dir.file("base.json");
  write_text(path, kBase);
  GraphStore store;
  load_graph_json_file(path, store, &recorder);
  REQUIRE_FALSE(recorder.updates.empty());
  CHECK(recorder.updates.back().first == recorder.updates.back().second);
  CHECK(recorder.finished == std::vector<std::string>{"reading " + path});
}

TEST_CASE("CSV export quotes fields as RFC 4180 requires", "[csv]") {
  GraphStore store;
  load_graph_json_text(
      graph(R"({"id": "state:X", "kind": "Actor", "name": "Smith, \"Bob\""},
               {"id": "topic:y", "kind": "Topic", "name": "two\nlines"},
               {"id": "topic:z", "kind": "Topic", "name": "plain"})",
            R"({"source": "state:X", "target": "topic:y", "type": "CONCERNED_ABOUT"})"),
      "csv.json", store);
  TempDir dir;
  std::string out = dir.file("csv/out");  // created with its parents
  normgraph::viz::write_csv_graph(store, out);
  CHECK(read_text(out + "/nodes.csv") ==
        "id,kind,name\n"
        "state:X,Actor,\"Smith, \"\"Bob\"\"\"\n"
        "topic:y,Topic,\"two\nlines\"\n"
        "topic:z,Topic,plain\n");
  CHECK(read_text(out + "/edges.csv") == "src,dst,type\nstate:X,topic:y,CONCERNED_ABOUT\n");
}
