// The norm-text loader: the numbering parser, each modality cue, addressees, supporters lists,
// curated sets, and the corpus's norm texts scored by ../shared/gold/check_norms.py.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <map>

#include "normgraph/core/errors.hpp"
#include "normgraph/loaders/ingest.hpp"
#include "normgraph/loaders/norm_text.hpp"
#include "test_helpers.hpp"

using normgraph::GraphStore;
using normgraph::InputError;
using normgraph::loaders::NormLoader;
using normgraph::loaders::Provision;
using normgraph::testing::read_file;
using normgraph::testing::TempDir;
using normgraph::testing::write_in;

namespace {

const std::string kShared = NORMGRAPH_SHARED_DIR;

const NormLoader& loader() {
  static const NormLoader instance = NormLoader::load_default();
  return instance;
}

// label -> provision, for the provisions that have a label.
std::map<std::string, Provision> by_label(const std::vector<Provision>& provisions) {
  std::map<std::string, Provision> out;
  for (const auto& p : provisions)
    if (!p.label.empty()) out[p.label] = p;
  return out;
}

std::string modality_of(const std::string& sentence) {
  return loader().read_sentence(sentence).modality;
}

int run(const std::string& command) {
  return std::system(command.c_str());
}

size_t count_edges(const GraphStore& g, const std::string& type) {
  auto t = g.find_edge_type(type);
  return t ? g.edge_count_of_type(*t) : 0;
}

std::string prop(const GraphStore& g, const std::string& id, const std::string& key) {
  auto n = g.find_node(id);
  if (!n) return "<no node " + id + ">";
  const normgraph::Value* v = normgraph::find_entry(g.node_props(*n), key);
  return v ? v->as_string() : "";
}

}  // namespace

// ---- the numbering parser

TEST_CASE("articles with numbered paragraphs, broken spacing included", "[norms][numbering]") {
  auto provisions = loader().parse_provisions(
      "### Article  2  \n\n"
      "The Organization and its Members shall act in accordance with the following Principles.\n\n"
      "1.The Organization is based on the principle of the sovereign equality of all its "
      "Members.\n\n"
      "4.All Members shall refrain from the threat or use of force.\n"
      "### Article  51  \n\n"
      "Nothing in the present Charter shall impair the inherent right of selfdefense.\n");
  auto p = by_label(provisions);
  REQUIRE(p.count("2(1)"));
  REQUIRE(p.count("2(4)"));
  REQUIRE(p.count("51"));
  CHECK(p["2(1)"].text ==
        "The Organization is based on the principle of the sovereign equality of all its Members.");
  CHECK(p["2(4)"].text == "All Members shall refrain from the threat or use of force.");
  CHECK(p["2"].has_items);  // the chapeau is the lead-in of 2(1) and 2(4)
  CHECK(p["2(4)"].parent == p["2(1)"].parent);
  CHECK_FALSE(p["51"].has_items);
  CHECK(p["51"].text ==
        "Nothing in the present Charter shall impair the inherent right of self-defence.");
  CHECK(p["2(4)"].line == 7);
}

TEST_CASE("glued words are split where a known word ends in 'to' or 'and'", "[norms][numbering]") {
  auto provisions = loader().parse_provisions(
      "We the peoples of the United Nations determinedto save succeeding generations, andto "
      "reaffirm "
      "faith in human rights, and for these endsto practice tolerance.\n");
  REQUIRE(provisions.size() == 1);
  CHECK(provisions[0].kind == Provision::Kind::Preamble);
  CHECK(provisions[0].text ==
        "We the peoples of the United Nations determined to save succeeding generations, and to "
        "reaffirm faith in "
        "human rights, and for these ends to practice tolerance.");
}

TEST_CASE("nested letters and numbers: (b) -> (5) -> (A), siblings and returns",
          "[norms][numbering]") {
  auto provisions = loader().parse_provisions(
      "##### (b) Implementation\n\n"
      "In implementing the policy, the President shall strive\n\n"
      "(1) to clarify the applicability of international law;\n\n"
      "(5) to secure commitments by countries\n\n"
      "(A) not to conduct theft of intellectual property;\n\n"
      "(B) to keep their territories clear of wrongful acts;\n\n"
      "(C) not to damage critical infrastructure; and\n\n"
      "(6) to advance technical standards.\n\n"
      "(c) Reports\n");
  auto p = by_label(provisions);
  for (const char* label :
       {"(b)", "(b)(1)", "(b)(5)", "(b)(5)(A)", "(b)(5)(B)", "(b)(5)(C)", "(b)(6)", "(c)"})
    CHECK(p.count(label) == 1);
  CHECK(p["(b)"].title == "Implementation");
  CHECK(p["(b)"].text == "In implementing the policy, the President shall strive");
  CHECK(p["(b)(5)"].has_items);
  CHECK_FALSE(p["(b)(6)"].has_items);
  CHECK(provisions[p["(b)(5)(C)"].parent].label == "(b)(5)");
  CHECK(provisions[p["(b)(6)"].parent].label == "(b)");
}

TEST_CASE("roman numerals under letters, and (i) as the letter after (h)", "[norms][numbering]") {
  auto provisions = loader().parse_provisions(
      "13. States should consider:\n(a) first;\n(i) a roman sub-item;\n(ii) another;\n(b) "
      "second;\n(c) c;\n"
      "(d) d;\n(e) e;\n(f) f;\n(g) g;\n(h) h;\n(i) the ninth letter.\n");
  auto p = by_label(provisions);
  CHECK(p.count("13(a)(i)") == 1);
  CHECK(p.count("13(a)(ii)") == 1);
  CHECK(p.count("13(b)") == 1);
  CHECK(p.count("13(i)") == 1);
  CHECK(p["13(i)"].text == "the ninth letter.");
}

TEST_CASE("bullets are numbered by position under their lead-in", "[norms][numbering]") {
  auto provisions = loader().parse_provisions(
      "We recognize the need for action.\nTo that end, we affirm our willingness to:\n\n"
      "- Prevent malicious cyber activities;\n- Strengthen the security of digital products;\n"
      "* Promote norms of responsible behavior.\n\n"
      "In order to follow up, we agree to meet again.\n");
  auto p = by_label(provisions);
  REQUIRE(p.count("bullet 3") == 1);
  CHECK(p["bullet 1"].text == "Prevent malicious cyber activities;");
  CHECK(provisions[p["bullet 1"].parent].kind == Provision::Kind::Preamble);
  CHECK(provisions[p["bullet 1"].parent].text ==
        "We recognize the need for action. To that end, we affirm our willingness to:");
  CHECK(provisions.back().kind == Provision::Kind::Paragraph);  // ends the list
  auto readings = loader().read_provisions(provisions);
  for (size_t i = 0; i < provisions.size(); ++i)
    if (provisions[i].label.rfind("bullet", 0) == 0) {
      CHECK(readings[i].modality == "recommendation");
      CHECK(readings[i].addressee == "signatories");
    }
}

TEST_CASE("an unnumbered continuation line joins its provision, a chapter heading ends the article",
          "[norms][numbering]") {
  auto provisions = loader().parse_provisions(
      "### Article  4  \n\n1. Membership is open to all\npeaceloving states.\n2. The admission "
      "shall be effected.\n"
      "### CHAPTER II \n\nSome closing words.\n");
  auto p = by_label(provisions);
  CHECK(p["4(1)"].text == "Membership is open to all peace-loving states.");
  CHECK(p["4(2)"].text == "The admission shall be effected.");
  CHECK(provisions.back().kind == Provision::Kind::Paragraph);
  CHECK(provisions.back().parent == -1);
}

// ---- modality cues, one by one, negated ones included

TEST_CASE("each modality cue", "[norms][modality]") {
  CHECK(modality_of("All Members shall settle their disputes by peaceful means.") == "obligation");
  CHECK(modality_of("States must protect critical infrastructure.") == "obligation");
  CHECK(modality_of("Each State undertakes to report.") == "obligation");
  CHECK(modality_of("All Members shall refrain from the threat or use of force.") == "prohibition");
  CHECK(modality_of("All Members shall refrain in their international relations from force.") ==
        "prohibition");
  CHECK(modality_of("not to conduct or knowingly support theft of intellectual property") ==
        "prohibition");
  CHECK(modality_of("Nothing contained in the present Charter shall authorize the United Nations "
                    "to intervene.") == "prohibition");
  CHECK(modality_of("States should cooperate in developing measures.") == "recommendation");
  CHECK(modality_of("The Security Council may investigate any dispute.") == "permission");
  CHECK(modality_of(
            "Nothing in the present Charter shall impair the inherent right of self-defence.") ==
        "permission");
  CHECK(modality_of("The Organization is based on the principle of the sovereign equality of all "
                    "its Members.") == "principle");
  CHECK(modality_of("It is the policy of the United States to promote an open internet.") ==
        "principle");
  CHECK(modality_of("We affirm our willingness to work together.") == "recommendation");
  CHECK(modality_of("The Organization is open to all peace-loving states.").empty());
}

TEST_CASE("negated cues", "[norms][modality]") {
  CHECK(modality_of("The Members shall not use force.") == "prohibition");
  CHECK(modality_of("States must not conduct such activity.") == "prohibition");
  CHECK(modality_of("A State may not invoke this article.") == "prohibition");
  CHECK(modality_of("(G) not to restrict cross-border data flows") == "prohibition");
  CHECK(modality_of("The Member need not report.") == "permission");
  // A modal opening a sentence is an inversion, not a cue: the later "shall" decides.
  CHECK(modality_of(
            "Should the parties fail to settle it, they shall refer it to the Security Council.") ==
        "obligation");
}

TEST_CASE("addressee and action of a provision", "[norms][modality]") {
  auto r = loader().read_sentence(
      "The parties to any dispute, the continuance of which is likely to endanger peace, shall, "
      "first of all, "
      "seek a solution by negotiation.");
  CHECK(r.addressee == "parties to any dispute");
  CHECK(r.action == "seek a solution by negotiation");
  r = loader().read_sentence(
      "Nothing contained in the present Charter shall authorize the United Nations to intervene in "
      "matters which "
      "are essentially within the domestic jurisdiction of any state.");
  CHECK(r.addressee == "United Nations");
  CHECK(r.action == "intervene in matters");
  r = loader().read_sentence("All Members shall refrain from the threat or use of force.");
  CHECK(r.addressee == "All Members");
  CHECK(r.action == "refrain from the threat or use of force");
  r = loader().read_sentence(
      "In implementing the policy, the President, in consultation with others, shall strive");
  CHECK(r.addressee == "President");
}

TEST_CASE("items without a cue inherit modality, and the addressee their lead-in names",
          "[norms][modality]") {
  auto provisions = loader().parse_provisions(
      "##### (b) Implementation\n\nThe President shall strive\n\n"
      "(5) to secure commitments by countries\n\n(A) not to conduct theft;\n\n(B) to protect "
      "critical "
      "infrastructure;\n\n(6) to advance standards.\n");
  auto readings = loader().read_provisions(provisions);
  std::map<std::string, normgraph::loaders::ProvisionReading> r;
  for (size_t i = 0; i < provisions.size(); ++i) r[provisions[i].label] = readings[i];
  CHECK(r["(b)(5)(A)"].modality == "prohibition");
  CHECK(r["(b)(5)(A)"].addressee == "countries");
  CHECK(r["(b)(5)(B)"].modality == "obligation");
  CHECK(r["(b)(5)(B)"].rule == "modality.inherited");
  CHECK(r["(b)(5)(B)"].addressee == "countries");
  CHECK(r["(b)(6)"].addressee == "President");
}

// ---- the corpus

TEST_CASE("the corpus's norm texts hold every row of norms.gold.tsv", "[norms][gold]") {
  TempDir t;
  const std::string cli = NORMGRAPH_CLI;
  REQUIRE(run(cli + " ingest --data " + t.file("data") + " " + kShared +
              "/corpus/norms/ > /dev/null") == 0);
  REQUIRE(run(cli + " export --data " + t.file("data") + " -o " + t.file("g.json")) == 0);
  const int status = run("python3 " + kShared + "/gold/check_norms.py " + t.file("g.json") + " " +
                         kShared + "/gold/norms.gold.tsv > " + t.file("score.txt"));
  INFO(read_file(t.file("score.txt")));
  CHECK(status == 0);
}

TEST_CASE("the Paris Call: nine commitments, its supporters and their preambular stances",
          "[norms][gold]") {
  GraphStore g;
  // Supporters first: the text's preamble still reaches them.
  auto supporters =
      loader().load_supporters_file(kShared + "/corpus/meta/paris_call_state_supporters.tsv", g);
  CHECK(supporters.document == "doc:paris-call");
  CHECK(supporters.rows == 81);
  CHECK(supporters.resolved >= 75);
  INFO("warnings:\n"
       << [&] {
            std::string all;
            for (const auto& w : supporters.warnings) all += w + "\n";
            return all;
          }());
  for (const auto& w : supporters.warnings) CHECK(w.find("not resolved") == std::string::npos);
  loader().load_norm_text_file(kShared + "/corpus/norms/paris_call_2018.txt", g);
  auto doc = g.find_node("doc:paris-call");
  REQUIRE(doc);
  size_t norms = 0;
  g.for_each_adjacent(*doc, normgraph::Direction::Out, g.find_edge_type("CONTAINS"),
                      [&](const normgraph::AdjEntry& a) {
                        ++norms;
                        CHECK(g.node_kind(a.node) == "Norm");
                      });
  CHECK(norms == 9);
  CHECK(prop(g, "norm:paris-call:bullet-4", "label") == "bullet 4");
  CHECK(prop(g, "norm:paris-call:bullet-4", "addressee") == "signatories");
  size_t endorsers = 0;
  g.for_each_adjacent(
      *doc, normgraph::Direction::In, g.find_edge_type("ENDORSES"),
      [&](const normgraph::AdjEntry& a) { endorsers += g.node_kind(a.node) == "Actor"; });
  CHECK(endorsers == supporters.resolved);
  // "We condemn malicious cyber activities": every signatory opposes them.
  auto fra = g.find_node("state:FRA");
  auto mca = g.find_node("practice:malicious-cyber-activity");
  REQUIRE(fra);
  REQUIRE(mca);
  CHECK(g.find_edge(*fra, *g.find_edge_type("OPPOSES"), *mca));
  auto hro = g.find_node("principle:human-rights-online");
  REQUIRE(hro);
  CHECK(g.find_edge(*fra, *g.find_edge_type("ENDORSES"), *hro));
}

TEST_CASE("a supporters list reports the names it cannot resolve", "[norms][supporters]") {
  TempDir t;
  GraphStore g;
  auto r = loader().load_supporters(
      "# document: "
      "doc:paris-call\nFRA\tFrance\nDEU\tAllemagne\nXXX\tAtlantis\nCOG\tCongo\nROM\tRoumanie\n\t\n",
      "test_supporters.tsv", g);
  CHECK(r.rows == 5);
  CHECK(r.resolved == 4);
  REQUIRE(r.warnings.size() == 2);
  CHECK(r.warnings[0] ==
        "test_supporters.tsv:4: supporter 'Atlantis' not resolved: no actor of that name or alias "
        "in the vocabulary");
  CHECK(r.warnings[1].find("code ROM") != std::string::npos);
  CHECK(count_edges(g, "ENDORSES") == 4);
  auto cog = g.find_node("state:COG");
  REQUIRE(cog);
}

TEST_CASE("a supporters list of no known document is an error and changes nothing",
          "[norms][supporters]") {
  GraphStore g;
  CHECK_THROWS_WITH(loader().load_supporters("FRA\tFrance\n", "people.tsv", g),
                    Catch::Contains("cannot tell which document"));
  CHECK_THROWS_WITH(loader().load_supporters("# document: doc:nothing\nFRA\tFrance\n", "x.tsv", g),
                    Catch::Contains("names no known document"));
  CHECK(g.node_count() == 0);
}

TEST_CASE("curated norm sets load with their labels, principles and curated evidence",
          "[norms][curated]") {
  GraphStore g;
  const std::string dir = std::string(NORMGRAPH_SOURCE_DIR) + "/ontology/norms/curated/";
  loader().load_curated_file(dir + "gge-2015.norms", g);
  loader().load_curated_file(dir + "icoc-2015.norms", g);
  auto gge = g.find_node("doc:gge-2015");
  REQUIRE(gge);
  CHECK(g.degree(*gge, normgraph::Direction::Out, g.find_edge_type("CONTAINS")) == 11);
  CHECK(prop(g, "norm:gge-2015:13-f", "label") == "13(f)");
  CHECK(prop(g, "norm:gge-2015:13-f", "modality") == "recommendation");
  auto f = g.find_node("norm:gge-2015:13-f");
  auto cip = g.find_node("principle:critical-infrastructure-protection");
  REQUIRE(cip);
  auto e = g.find_edge(*gge, *g.find_edge_type("CONTAINS"), *f);
  REQUIRE(e);
  CHECK(g.edge_evidence(*e).front().text == "curated summary of 2015 GGE report 13(f)");
  CHECK(g.find_edge(*f, *g.find_edge_type("INSTANTIATES"), *cip));
  auto icoc = g.find_node("doc:code-of-conduct-2015");
  REQUIRE(icoc);
  CHECK(g.degree(*icoc, normgraph::Direction::Out, g.find_edge_type("CONTAINS")) == 13);
}

TEST_CASE("a bad curated set names the file and line and changes nothing", "[norms][curated]") {
  GraphStore g;
  const std::string head = "document: doc:gge-2015\n---\n";
  CHECK_THROWS_WITH(
      loader().load_curated(head + "13(a)\tmaybe\tcooperation\tact\tsummary\n", "x.norms", g),
      Catch::Contains("x.norms:3") && Catch::Contains("unknown modality 'maybe'"));
  CHECK_THROWS_WITH(
      loader().load_curated(head + "13(a)\trecommendation\tno such principle\tact\tsummary\n",
                            "x.norms", g),
      Catch::Contains("x.norms:3") && Catch::Contains("no principle"));
  CHECK_THROWS_WITH(loader().load_curated(head + "13(a)\trecommendation\n", "x.norms", g),
                    Catch::Contains("expected 5 tab-separated columns"));
  CHECK_THROWS_WITH(loader().load_curated("document: doc:none\n---\n", "x.norms", g),
                    Catch::Contains("no document of the vocabulary"));
  CHECK_THROWS_WITH(loader().load_curated("13(a)\trecommendation\t\tact\tsummary\n", "x.norms", g),
                    Catch::Contains("x.norms:1"));
  CHECK(g.node_count() == 0);
}

TEST_CASE("a bad rule file names the file, line and column", "[norms][rules]") {
  TempDir t;
  const std::string source = std::string(NORMGRAPH_SOURCE_DIR) + "/ontology";
  std::filesystem::copy(source, t.file("ontology"), std::filesystem::copy_options::recursive);
  const std::string rules = t.file("ontology/norms/norm-text.rules");
  const std::string good = read_file(rules);
  normgraph::testing::write_file(rules, good + "modality maybe : perhaps\n");
  CHECK_THROWS_WITH(
      NormLoader::load_dir(t.file("ontology")),
      Catch::Contains("norm-text.rules:") && Catch::Contains("unknown modality 'maybe'"));
  normgraph::testing::write_file(rules, good + "marker broken : ^(\\d\n");
  CHECK_THROWS_WITH(NormLoader::load_dir(t.file("ontology")),
                    Catch::Contains("bad regular expression"));
  normgraph::testing::write_file(rules, good + "instantiates principle:nothing : some words\n");
  CHECK_THROWS_WITH(NormLoader::load_dir(t.file("ontology")), Catch::Contains("principle:nothing"));
  normgraph::testing::write_file(rules, good + "frobnicate : x\n");
  CHECK_THROWS_WITH(NormLoader::load_dir(t.file("ontology")),
                    Catch::Contains("unknown keyword 'frobnicate'"));
}

TEST_CASE("ingest routes norm texts, supporters lists and curated sets", "[norms][ingest]") {
  TempDir t;
  write_in(t, "in/a_norms.txt",
           "title: A test code\nkind: norm-text\n---\n### Article 1\n\nStates shall not attack "
           "hospitals.\n");
  write_in(t, "in/b_statement.txt",
           "title: A statement\nspeaker: France\n---\nWe uphold international law.\n");
  write_in(t, "in/c_supporters.tsv", "# document: doc:paris-call\nFRA\tFrance\n");
  write_in(t, "in/d.norms",
           "document: doc:gge-2015\n---\n13(c)\trecommendation\tdue diligence\tact\tA summary.\n");
  write_in(t, "in/e_other.tsv", "not\ta supporters list\n");
  GraphStore g;
  auto done = normgraph::loaders::ingest_path(t.file("in"), g);
  REQUIRE(done.size() == 4);
  CHECK(done[0].format == "norm-text");
  CHECK(done[1].format == "statement");
  CHECK(done[2].format == "supporters");
  CHECK(done[3].format == "curated-norms");
  CHECK(prop(g, "norm:a-norms:1", "modality") == "prohibition");
  CHECK(prop(g, "norm:a-norms:1", "addressee") == "States");
  CHECK(prop(g, "doc:a-norms", "type") == "norm-text");
  CHECK(g.find_node("norm:gge-2015:13-c"));
}

TEST_CASE("a bad supporters list in a folder is reported and the rest loads", "[norms][ingest]") {
  TempDir t;
  write_in(t, "in/a_supporters.tsv", "FRA\tFrance\n");
  write_in(t, "in/b.norms",
           "document: doc:gge-2015\n---\n13(c)\trecommendation\tdue diligence\tact\tA summary.\n");
  GraphStore g;
  auto done = normgraph::loaders::ingest_path(t.file("in"), g);
  REQUIRE(done.size() == 2);
  CHECK(done[0].error.find("cannot tell which document") != std::string::npos);
  CHECK(done[1].error.empty());
  CHECK(g.find_node("norm:gge-2015:13-c"));
  // Named directly, the same file is an error.
  CHECK_THROWS_AS(normgraph::loaders::ingest_path(t.file("in/a_supporters.tsv"), g), InputError);
}

TEST_CASE("garbage in a norm text never crashes", "[norms][robustness]") {
  GraphStore g;
  const std::string inputs[] = {
      "",
      "kind: norm-text\n---\n",
      "### Article\n(\n((a)\n1.\n- \n### Article 99999999999999999999\n(zz) x\n",
      std::string("\xff\xfe\x00\x01 shall", 9),
      "(a) shall\n(b) shall\n(a) shall\n(1) may\n(i) must\n(v) not to\n(x) should\n",
      "#",
      "##\n###   \n"};  // headings of only '#' (found by fuzz_norm_text)
  for (const auto& in : inputs) CHECK_NOTHROW(loader().load_norm_text(in, "garbage.txt", g));
}

TEST_CASE("the CLI prints unresolved supporters as warnings and still saves", "[norms][ingest]") {
  TempDir t;
  write_in(t, "x_supporters.tsv", "# document: doc:paris-call\nFRA\tFrance\nXXX\tAtlantis\n");
  const std::string cli = NORMGRAPH_CLI;
  const int status =
      run(cli + " ingest --data " + t.file("data") + " " + t.file("x_supporters.tsv") + " > " +
          t.file("out.txt") + " 2> " + t.file("err.txt"));
  CHECK(status == 0);
  const std::string err = read_file(t.file("err.txt"));
  CHECK(err.find("normgraph: warning: x_supporters.tsv:3: supporter 'Atlantis' not resolved") !=
        std::string::npos);
  CHECK(err.find("1 of 2 supporters of doc:paris-call resolved") != std::string::npos);
  CHECK(read_file(t.file("out.txt")).find("(supporters): 2 nodes, 1 edges read") !=
        std::string::npos);
}

TEST_CASE("provisions repeating a label get ids base, base-2, base-3, ... (issue 16)",
          "[norms][numbering]") {
  TempDir dir;
  std::string text = "title: Repeats\ndate: 2020\nkind: norm-text\n---\n";
  const int repeats = 400;
  for (int i = 0; i < repeats; ++i) text += "1. States should not attack hospitals.\n\n";
  const std::string path = write_in(dir, "repeats.txt", text);
  GraphStore g;
  loader().load_norm_text_file(path, g);
  size_t norms = 0, longest = 0;
  g.for_each_node_with_label("Norm", [&](normgraph::NodeId n) {
    ++norms;
    longest = std::max(longest, g.node_id(n).size());
  });
  REQUIRE(norms == repeats);
  const std::string base = "norm:repeats:1";
  CHECK(g.find_node(base));
  CHECK(g.find_node(base + "-2"));
  CHECK(g.find_node(base + "-3"));
  CHECK(g.find_node(base + "-" + std::to_string(repeats)));
  CHECK_FALSE(g.find_node(base + "-2-3"));
  // Suffixes on suffixes made the ids grow with the number of repeats.
  CHECK(longest == (base + "-" + std::to_string(repeats)).size());
}
