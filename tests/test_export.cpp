// The export formats (viz/): each file is checked by the tool it is meant for, not by string
// matching alone: Graphviz's `dot` reads the DOT, `rapper` the RDF, Python's XML parser the
// GraphML and SVG. The Kùzu round trip is tests/kuzu_export_test.mjs.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "normgraph/core/errors.hpp"
#include "normgraph/engine/data_dir.hpp"
#include "normgraph/engine/graph_store.hpp"
#include "normgraph/viz/export.hpp"
#include "normgraph/viz/selection.hpp"
#include "normgraph/viz/stance_matrix.hpp"
#include "normgraph/viz/styles.hpp"
#include "test_helpers.hpp"

using normgraph::EdgeData;
using normgraph::Evidence;
using normgraph::GraphStore;
using normgraph::InputError;
using normgraph::NodeData;
using normgraph::Value;
using normgraph::ValueList;
using normgraph::testing::CommandRun;
using normgraph::testing::read_file;
using normgraph::testing::run_command;
using normgraph::testing::TempDir;
namespace viz = normgraph::viz;

namespace {

std::string quoted(const std::string& path) {
  return "'" + path + "'";
}

const std::string kChecks = std::string(NORMGRAPH_SOURCE_DIR) + "/tests/export_checks.py";
const std::string kCli = NORMGRAPH_CLI;
const std::string kReference =
    std::string(NORMGRAPH_SHARED_DIR) + "/corpus/statements/000_f7b3e24bbd779271.txt";

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// Names that break naive writers: quotes, backslashes (one at the end), braces, line breaks,
// emoji, XML specials, control characters, invalid UTF-8, IRI-reserved characters.
const std::vector<std::string> kHostile = {"say \"hi\"",
                                           "back\\slash\\",
                                           "brace } { ] [ ;",
                                           "two\nlines\r\nthree",
                                           "emoji \xF0\x9F\x98\x80 \xE2\x9C\x93 \xC3\x9Cn\xC3\xAF",
                                           "<xml & 'q'>",
                                           "tab\tctl\x01\x7f",
                                           "bad utf8 \xff\xfe end",
                                           "% / # ? < > { } | ^ `",
                                           "ends with backslash \\"};

GraphStore hostile_graph() {
  GraphStore store;
  for (size_t i = 0; i < kHostile.size(); ++i) {
    NodeData node;
    node.id = "hostile:" + kHostile[i];
    node.labels = {i % 2 ? "Principle" : "Actor", "Odd \"label\""};
    node.name = kHostile[i];
    node.aliases = {kHostile[i] + " alias"};
    node.props = {{"type", kHostile[i]},
                  {"count", int64_t(i)},
                  {"weight", i % 3 ? Value(1.5 * i) : Value(int64_t(i))},
                  {"flag", i % 2 == 0},
                  {"tags", ValueList{"a", kHostile[i]}},
                  {"we ird \"key\"", kHostile[i]}};
    store.upsert_node(node);
  }
  for (size_t i = 0; i + 1 < kHostile.size(); ++i) {
    EdgeData edge;
    edge.source = "hostile:" + kHostile[i];
    edge.target = "hostile:" + kHostile[i + 1];
    edge.type = i % 3 == 0 ? "ENDORSES" : i % 3 == 1 ? "OPPOSES" : "WEIRD type \"\xC3\xA9\"";
    edge.derived = i == 4;
    Evidence ev;
    ev.doc = "doc:" + kHostile[i];
    ev.paragraph = 1;
    ev.sentence = int64_t(i);
    ev.span_begin = 0;
    ev.span_end = 10;
    ev.rule = "rule \"" + kHostile[i] + "\"";
    ev.text = kHostile[(i + 3) % kHostile.size()];
    edge.evidence = {ev};
    edge.props = {{"note", kHostile[i]}, {"score", 0.5}};
    store.upsert_edge(edge);
  }
  return store;
}

// The reference statement ingested through the CLI into `data`.
GraphStore reference_graph(const TempDir& t) {
  const std::string data = t.file("data");
  CommandRun r = run_command(kCli + " ingest --data " + quoted(data) + " " + quoted(kReference));
  INFO(r.out);
  REQUIRE(r.code == 0);
  return normgraph::DataDir(data, normgraph::DataDir::Access::Read).load();
}

void check_dot_accepted(const std::string& dot_path, const std::string& svg_path) {
  CommandRun r = run_command("dot -Tsvg " + quoted(dot_path) + " -o " + quoted(svg_path));
  INFO(r.out);
  CHECK(r.code == 0);
  CHECK(run_command("python3 " + kChecks + " xml " + quoted(svg_path)).out == "ok\n");
}

void check_rapper(const std::string& path, const char* syntax, size_t min_triples) {
  CommandRun r = run_command(std::string("rapper -c -i ") + syntax + " " + quoted(path));
  INFO(r.out);
  REQUIRE(r.code == 0);
  auto at = r.out.find("returned ");
  REQUIRE(at != std::string::npos);
  CHECK(std::stoul(r.out.substr(at + 9)) >= min_triples);
}

}  // namespace

TEST_CASE("dot accepts the DOT of the reference statement and of hostile labels", "[export]") {
  TempDir t;
  viz::Styles styles = viz::Styles::load_default();
  GraphStore reference = reference_graph(t);
  for (bool clusters : {false, true}) {
    viz::DotOptions options;
    options.cluster_documents = clusters;
    viz::write_dot_file(reference, viz::Selection::all(reference), styles, options,
                        t.file("ref.dot"));
    check_dot_accepted(t.file("ref.dot"), t.file("ref.svg"));
    const std::string dot = read_file(t.file("ref.dot"));
    CHECK(dot.find("\"state:CHN\" [label=\"China\", shape=box") != std::string::npos);
    CHECK(dot.find("color=\"#2e7d32\"") != std::string::npos);  // ENDORSES green
    CHECK(dot.find("color=\"#c62828\"") != std::string::npos);  // OPPOSES red
    CHECK(dot.find("URL=\"https://normgraph.org/id/state:CHN\"") != std::string::npos);
    CHECK(dot.find("legend") != std::string::npos);
    CHECK((dot.find("subgraph cluster_0") != std::string::npos) == clusters);
  }

  GraphStore hostile = hostile_graph();
  viz::write_dot_file(hostile, viz::Selection::all(hostile), styles, {}, t.file("hostile.dot"));
  check_dot_accepted(t.file("hostile.dot"), t.file("hostile.svg"));
  const std::string dot = read_file(t.file("hostile.dot"));
  CHECK(dot.find("\"hostile:say \\\"hi\\\"\"") != std::string::npos);
  CHECK(dot.find("back\\\\slash\\\\\"") != std::string::npos);
  CHECK(dot.find("two\\nlines\\nthree") != std::string::npos);
  CHECK(dot.find("\xF0\x9F\x98\x80") != std::string::npos);  // emoji kept
  CHECK(dot.find("\xEF\xBF\xBD") != std::string::npos);      // bad byte -> U+FFFD
  CHECK(dot.find('\xff') == std::string::npos);
  CHECK(dot.find("style=dashed") != std::string::npos);  // the derived edge
  // Every node survives: one SVG node group per store node, plus the legend.
  CommandRun nodes =
      run_command("python3 " + kChecks + " svg-nodes " + quoted(t.file("hostile.svg")));
  CHECK(lines(nodes.out).size() == hostile.node_count() + 1);
}

TEST_CASE("the SVG is rendered in-process, well-formed, with every focused node", "[export]") {
  TempDir t;
  GraphStore store = reference_graph(t);
  viz::SelectionSpec spec;
  spec.focus = "China";
  spec.depth = 1;
  spec.types = {"ENDORSES", "OPPOSES", "CONCERNED_ABOUT"};
  viz::Selection selection = viz::select(store, spec);
  REQUIRE(selection.node_count() > 10);
  for (const char* layout : {"dot", "neato", "sfdp"}) {
    viz::DotOptions options;
    options.layout = layout;
    viz::write_svg_file(store, selection, viz::Styles::load_default(), options, t.file("f.svg"));
    CommandRun r = run_command("python3 " + kChecks + " svg-nodes " + quoted(t.file("f.svg")));
    REQUIRE(r.code == 0);
    std::vector<std::string> titles = lines(r.out);
    std::set<std::string> drawn(titles.begin(), titles.end());
    selection.for_each_node(store, [&](normgraph::NodeId n) {
      INFO(layout << ": " << store.node_id(n));
      CHECK(drawn.count(std::string(store.node_id(n))) == 1);
    });
  }
  viz::DotOptions bad;
  bad.layout = "nope";
  CHECK_THROWS_AS(
      viz::write_svg_file(store, selection, viz::Styles::load_default(), bad, t.file("x.svg")),
      InputError);
}

TEST_CASE("rapper accepts the N-Triples and Turtle", "[export]") {
  TempDir t;
  GraphStore reference = reference_graph(t);
  GraphStore hostile = hostile_graph();
  for (GraphStore* store : {&reference, &hostile}) {
    viz::Selection all = viz::Selection::all(*store);
    viz::write_rdf_file(*store, all, viz::RdfSyntax::NTriples, t.file("g.nt"));
    viz::write_rdf_file(*store, all, viz::RdfSyntax::Turtle, t.file("g.ttl"));
    size_t triples = lines(read_file(t.file("g.nt"))).size();
    check_rapper(t.file("g.nt"), "ntriples", store->node_count() * 3 + store->edge_count());
    check_rapper(t.file("g.ttl"), "turtle", triples);
    CommandRun same =
        run_command("rapper -q -i turtle -o ntriples " + quoted(t.file("g.ttl")) + " | wc -l");
    CHECK(std::stoul(same.out) == triples);
  }
  const std::string nt = read_file(t.file("g.nt"));
  // Percent-encoded ids (a space is %20, a quote %22, an invalid byte its own escape).
  CHECK(nt.find("<https://normgraph.org/id/hostile:say%20%22hi%22>") != std::string::npos);
  CHECK(nt.find("hostile:bad%20utf8%20%FF%FE%20end>") != std::string::npos);
  CHECK(nt.find("<http://www.w3.org/ns/prov#wasDerivedFrom>") != std::string::npos);
  CHECK(nt.find("\"emoji \\U0001F600 \\u2713 \\u00DCn\\u00EF\"") != std::string::npos);
}

TEST_CASE("the GraphML parses and round-trips counts with typed keys", "[export]") {
  TempDir t;
  GraphStore reference = reference_graph(t);
  GraphStore hostile = hostile_graph();
  for (GraphStore* store : {&reference, &hostile}) {
    viz::write_graphml_file(*store, viz::Selection::all(*store), t.file("g.graphml"));
    CommandRun r = run_command("python3 " + kChecks + " graphml " + quoted(t.file("g.graphml")));
    INFO(r.out);
    CHECK(r.out == "nodes " + std::to_string(store->node_count()) + " edges " +
                       std::to_string(store->edge_count()) + "\n");
  }
  const std::string xml = read_file(t.file("g.graphml"));
  CHECK(xml.find("attr.name=\"count\" attr.type=\"long\"") != std::string::npos);
  CHECK(xml.find("attr.name=\"weight\" attr.type=\"double\"") != std::string::npos);
  CHECK(xml.find("attr.name=\"flag\" attr.type=\"boolean\"") != std::string::npos);
  CHECK(xml.find("attr.name=\"score\" attr.type=\"double\"") != std::string::npos);
}

TEST_CASE("the Neo4j and Kuzu folders have the importers' headers", "[export]") {
  TempDir t;
  GraphStore hostile = hostile_graph();
  viz::Selection all = viz::Selection::all(hostile);
  viz::write_neo4j_csv(hostile, all, t.file("neo4j"));
  viz::write_kuzu_csv(hostile, all, t.file("kuzu"));
  CHECK(read_file(t.file("neo4j/nodes.csv"))
            .rfind("id:ID,name,:LABEL,aliases:string[],type,count:long,weight:double,flag:boolean",
                   0) == 0);
  CHECK(read_file(t.file("neo4j/relationships.csv"))
            .rfind(
                ":START_ID,:END_ID,:TYPE,derived:boolean,sentences:long,evidence,note,score:double",
                0) == 0);
  const std::string script = read_file(t.file("kuzu/load.cypher"));
  CHECK(script.find("CREATE NODE TABLE Node(id STRING PRIMARY KEY") != std::string::npos);
  CHECK(script.find("CREATE REL TABLE WEIRD_type_____(FROM Node TO Node") != std::string::npos);
  CHECK(script.find("COPY ENDORSES FROM 'rel_ENDORSES.csv'") != std::string::npos);
}

TEST_CASE("the Cytoscape.js JSON holds elements and a style", "[export]") {
  TempDir t;
  GraphStore hostile = hostile_graph();
  viz::write_cytoscape_file(hostile, viz::Selection::all(hostile), viz::Styles::load_default(),
                            t.file("c.json"));
  CommandRun r = run_command(
      "python3 -c \"import json,sys; d=json.load(open(sys.argv[1])); "
      "print(len(d['elements']['nodes']), len(d['elements']['edges']), len(d['style']) > 3)\" " +
      quoted(t.file("c.json")));
  CHECK(r.out == std::to_string(hostile.node_count()) + " " + std::to_string(hostile.edge_count()) +
                     " True\n");
}

TEST_CASE("the stance matrix counts endorse, oppose, both, concern and sentences", "[export]") {
  GraphStore store;
  auto node = [&](const std::string& id, const std::string& kind, const std::string& name) {
    NodeData n;
    n.id = id;
    n.labels = {kind};
    n.name = name;
    store.upsert_node(n);
  };
  node("state:A", "Actor", "Alpha");
  node("state:B", "Actor", "Beta, \"B\"");
  node("p:1", "Principle", "one");
  node("p:2", "Principle", "two");
  node("p:3", "Principle", "three");
  auto edge = [&](const std::string& s, const std::string& type, const std::string& d, int n) {
    EdgeData e;
    e.source = s;
    e.target = d;
    e.type = type;
    for (int i = 0; i < n; ++i) {
      Evidence ev;
      ev.sentence = i;
      ev.text = "sentence " + std::to_string(i);
      e.evidence.push_back(ev);
    }
    store.upsert_edge(e);
  };
  edge("state:A", "ENDORSES", "p:1", 2);
  edge("state:A", "OPPOSES", "p:2", 1);
  edge("state:B", "ENDORSES", "p:3", 1);
  edge("state:B", "OPPOSES", "p:3", 3);
  edge("state:B", "CONCERNED_ABOUT", "p:2", 2);  // its own state: a concern
  edge("state:B", "CONCERNED_ABOUT", "p:3", 5);  // a stance says more than a concern
  viz::StanceMatrix matrix = viz::build_stance_matrix(store, viz::Selection::all(store), {});
  REQUIRE(matrix.rows.size() == 2);
  REQUIRE(matrix.columns.size() == 3);  // sorted by name: one, three, two
  CHECK(matrix.columns[1].name == "three");
  CHECK(matrix.cell(0, 0).stance() == viz::Stance::Endorse);
  CHECK(matrix.cell(0, 0).sentences() == 2);
  CHECK(matrix.cell(0, 2).stance() == viz::Stance::Oppose);
  CHECK(matrix.cell(1, 1).stance() == viz::Stance::Both);
  CHECK(matrix.cell(1, 1).sentences() == 9);
  CHECK(matrix.cell(1, 2).stance() == viz::Stance::Concern);
  CHECK(matrix.cell(1, 2).sentences() == 2);
  CHECK(matrix.cell(1, 0).stance() == viz::Stance::None);

  TempDir t;
  viz::write_matrix_csv(matrix, t.file("m.csv"));
  CHECK(read_file(t.file("m.csv")) ==
        "id,name,one,three,two\n"
        "state:A,Alpha,endorse:2,none,oppose:1\n"
        "state:B,\"Beta, \"\"B\"\"\",none,both:9,concern:2\n");
  viz::write_matrix_svg(matrix, viz::Styles::load_default(), t.file("m.svg"));
  CHECK(run_command("python3 " + kChecks + " xml " + quoted(t.file("m.svg"))).out == "ok\n");
  const std::string svg = read_file(t.file("m.svg"));
  CHECK(svg.find("Beta, &quot;B&quot;") != std::string::npos);
  CHECK(svg.find("#8e24aa") != std::string::npos);  // the "both" cell
  CHECK(svg.find("#fb8c00") != std::string::npos);  // the "concern" cell
}

TEST_CASE("a focus cuts a typed, capped neighborhood and says what was cut", "[export]") {
  TempDir t;
  GraphStore store = reference_graph(t);
  viz::SelectionSpec spec;
  spec.focus = "state:CHN";
  spec.depth = 1;
  spec.types = {"ENDORSES"};
  viz::Selection endorsed = viz::select(store, spec);
  auto endorses = *store.find_edge_type("ENDORSES");
  CHECK(endorsed.node_count() ==
        1 + store.degree(*store.find_node("state:CHN"), normgraph::Direction::Out, endorses));
  CHECK(endorsed.edge_count() == endorsed.node_count() - 1);
  CHECK(endorsed.notes().empty());

  spec.max_nodes = 4;
  viz::Selection capped = viz::select(store, spec);
  CHECK(capped.node_count() == 4);
  REQUIRE(capped.notes().size() == 1);
  CHECK(capped.notes()[0].find("more nodes within depth 1 of state:CHN left out") !=
        std::string::npos);

  viz::SelectionSpec kinds;
  kinds.kinds = {"Actor", "Principle"};
  viz::Selection actors = viz::select(store, kinds);
  actors.for_each_node(store, [&](normgraph::NodeId n) {
    CHECK((store.node_kind(n) == "Actor" || store.node_kind(n) == "Principle"));
  });

  viz::SelectionSpec unknown;
  unknown.focus = "Atlantis";
  CHECK_THROWS_AS(viz::select(store, unknown), InputError);
  viz::SelectionSpec bad_type;
  bad_type.types = {"LIKES"};
  CHECK_THROWS_AS(viz::select(store, bad_type), InputError);
}

TEST_CASE("export on the command line: every format, bad input is an error", "[export][cli]") {
  TempDir t;
  const std::string data = t.file("data");
  REQUIRE(run_command(kCli + " ingest --data " + quoted(data) + " " + quoted(kReference)).code ==
          0);
  const std::string base = kCli + " export --data " + quoted(data);
  for (const char* format :
       {"dot", "svg", "graphml", "nt", "ttl", "cytoscape", "matrix", "matrix-svg"}) {
    CommandRun r =
        run_command(base + " --format " + format + " --focus China -o " + quoted(t.file("out")));
    INFO(format << ": " << r.out);
    CHECK(r.code == 0);
    CHECK(!read_file(t.file("out")).empty());
  }
  for (const char* format : {"neo4j-csv", "kuzu"}) {
    CommandRun r = run_command(base + " --format " + format + " -o " + quoted(t.file(format)));
    CHECK(r.code == 0);
  }
  CommandRun capped =
      run_command(base + " --format dot --focus China --max-nodes 3 -o " + quoted(t.file("c")));
  CHECK(capped.code == 0);
  CHECK(capped.out.find("note: --max-nodes 3:") != std::string::npos);

  CommandRun r = run_command(base + " --format pdf");
  CHECK(r.code == 1);
  CHECK(r.out.find("unknown format 'pdf'") != std::string::npos);
  CHECK(run_command(base + " --format kuzu").code == 1);           // a folder needs -o
  CHECK(run_command(base + " --format dot --depth 2").code == 1);  // --depth without --focus
  CHECK(run_command(base + " --format dot --max-nodes x").code == 1);
  // json of a focus is a whole graph of its own: it ingests into an empty data directory.
  REQUIRE(
      run_command(base + " --format json --focus China --depth 1 -o " + quoted(t.file("part.json")))
          .code == 0);
  r = run_command(kCli + " ingest --data " + quoted(t.file("part")) + " " +
                  quoted(t.file("part.json")));
  CHECK(r.code == 0);
  CHECK(r.out.find("edges read") != std::string::npos);
  r = run_command(base + " --format dot --focus Atlantis");
  CHECK(r.code == 2);
  CHECK(r.out.find("no node has the id or name \"Atlantis\"") != std::string::npos);
  CHECK(run_command(base + " --format svg --layout nope").code == 2);
  CHECK(run_command(base + " --format dot -o /nonexistent/dir/x.dot").code == 2);
}
