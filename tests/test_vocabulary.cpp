// The ontology's vocabularies (ontology/vocab/*.json) and their reader.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "normgraph/core/errors.hpp"
#include "normgraph/loaders/vocabulary_nodes.hpp"
#include "normgraph/ontology/schema.hpp"
#include "normgraph/ontology/vocabulary.hpp"
#include "test_helpers.hpp"

using normgraph::InputError;
using normgraph::Value;
using normgraph::ontology::Vocabulary;
using normgraph::ontology::VocabularyEntry;
using normgraph::testing::ScopedEnv;
using normgraph::testing::TempDir;
using normgraph::testing::write_in;

namespace {

// The message of the InputError that loading `dir` throws ("" when it loads).
std::string load_error(const std::string& dir) {
  try {
    Vocabulary::load_dir(dir);
  } catch (const InputError& error) {
    return error.what();
  }
  return "";
}

// A vocabulary file of `kind` holding `entries` (JSON objects, one per line).
std::string vocab_file(const std::string& kind, const std::vector<std::string>& entries,
                       const std::string& file_props = "{}") {
  std::string text =
      "{\"kind\": \"" + kind + "\", \"props\": " + file_props + ",\n\"entries\": [\n";
  for (size_t i = 0; i < entries.size(); ++i)
    text += entries[i] + (i + 1 < entries.size() ? ",\n" : "\n");
  return text + "]}\n";
}

// Loading a folder with the one file `content` fails with a message holding each of `parts`.
void check_single_file_error(const std::string& content, const std::vector<std::string>& parts) {
  TempDir dir;
  std::string path = write_in(dir, "broken.json", content);
  std::string message = load_error(dir.path());
  INFO(message);
  CHECK(message.rfind(path, 0) == 0);
  for (const std::string& part : parts) CHECK(message.find(part) != std::string::npos);
}

const Vocabulary& shipped() {
  static const Vocabulary vocabulary = Vocabulary::load_default();
  return vocabulary;
}

std::vector<const VocabularyEntry*> with_prefix(std::string_view prefix) {
  std::vector<const VocabularyEntry*> found;
  for (const VocabularyEntry& entry : shipped().entries())
    if (entry.id.rfind(prefix, 0) == 0) found.push_back(&entry);
  return found;
}

size_t count_kind(std::string_view kind) {
  const auto& entries = shipped().entries();
  return std::count_if(entries.begin(), entries.end(),
                       [&](const VocabularyEntry& e) { return e.kind == kind; });
}

const Value* prop(const VocabularyEntry& entry, std::string_view key) {
  return normgraph::find_entry(entry.props, key);
}

// As check_gold.py compares names: lower case, runs of spaces, '_' and '-' one space.
std::string gold_form(std::string_view text) {
  std::string out;
  for (char c : text) {
    bool separator = std::isspace(static_cast<unsigned char>(c)) || c == '_' || c == '-';
    if (separator) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// Every name and alias of the shipped vocabulary in gold form, with the kinds it names.
std::map<std::string, std::set<std::string>> names_by_gold_form() {
  std::map<std::string, std::set<std::string>> names;
  for (const VocabularyEntry& entry : shipped().entries()) {
    names[gold_form(entry.name)].insert(entry.kind);
    for (const std::string& alias : entry.aliases) names[gold_form(alias)].insert(entry.kind);
  }
  return names;
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::stringstream stream(text);
  std::string part;
  while (std::getline(stream, part, separator)) parts.push_back(part);
  return parts;
}

}  // namespace

TEST_CASE("the shipped vocabulary loads and every entry is well formed", "[vocabulary]") {
  const Vocabulary& vocabulary = shipped();
  CHECK(vocabulary.size() == vocabulary.entries().size());
  CHECK(vocabulary.size() > 400);
  auto schema = normgraph::ontology::Schema::load_default();
  for (const VocabularyEntry& entry : vocabulary.entries()) {
    INFO(entry.id);
    CHECK(schema.kind(entry.kind));
    CHECK_FALSE(entry.name.empty());
    CHECK(vocabulary.find(entry.id) == &entry);
    CHECK(entry.file.size() > 5);
    CHECK(entry.file.substr(entry.file.size() - 5) == ".json");
    CHECK(entry.line > 0);
  }
  CHECK(vocabulary.find("state:XYZ") == nullptr);
  CHECK(vocabulary.find("") == nullptr);
}

TEST_CASE("the 193 UN member states and 2 observer states, by ISO 3166 alpha-3 code",
          "[vocabulary]") {
  auto states = with_prefix("state:");
  CHECK(states.size() == 195);
  size_t members = 0, observers = 0;
  std::set<std::string> codes;
  for (const VocabularyEntry* state : states) {
    INFO(state->id);
    CHECK(state->kind == "Actor");
    std::string code = state->id.substr(6);
    CHECK(code.size() == 3);
    CHECK(std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; }));
    CHECK(codes.insert(code).second);
    REQUIRE(prop(*state, "iso3"));
    CHECK(prop(*state, "iso3")->as_string() == code);
    REQUIRE(prop(*state, "type"));
    CHECK(prop(*state, "type")->as_string() == "state");
    REQUIRE(prop(*state, "un_member"));
    (prop(*state, "un_member")->as_bool() ? members : observers)++;
  }
  CHECK(members == 193);
  CHECK(observers == 2);
  for (const char* observer : {"state:VAT", "state:PSE"}) {
    INFO(observer);
    REQUIRE(shipped().find(observer));
    CHECK_FALSE(prop(*shipped().find(observer), "un_member")->as_bool());
  }
  const VocabularyEntry* russia = shipped().find("state:RUS");
  REQUIRE(russia);
  CHECK(russia->name == "Russian Federation");
  CHECK(std::count(russia->aliases.begin(), russia->aliases.end(), "Russia") == 1);
}

TEST_CASE("organizations, forums and groups of the field", "[vocabulary]") {
  auto organizations = with_prefix("org:");
  CHECK(organizations.size() >= 45);
  for (const VocabularyEntry* organization : organizations) {
    INFO(organization->id);
    REQUIRE(prop(*organization, "type"));
    std::string type = prop(*organization, "type")->as_string();
    CHECK((type == "organization" || type == "forum" || type == "group"));
  }
  for (const char* id : {"org:un",    "org:unga",   "org:un-first-committee",
                         "org:unsc",  "org:un-gge", "org:oewg",
                         "org:arf",   "org:asean",  "org:eu",
                         "org:au",    "org:oas",    "org:osce",
                         "org:sco",   "org:brics",  "org:nato",
                         "org:g7",    "org:g20",    "org:itu",
                         "org:icann", "org:igf",    "org:boao-forum"}) {
    INFO(id);
    CHECK(shipped().find(id));
  }
}

TEST_CASE("each category has its minimum number of entries", "[vocabulary]") {
  CHECK(count_kind("Principle") >= 35);
  CHECK(count_kind("Practice") >= 15);
  CHECK(count_kind("Topic") >= 15);
  CHECK(count_kind("Document") >= 20);
  CHECK(count_kind("Event") >= 8);
}

TEST_CASE("the taxonomy is acyclic and links entries of one kind: principles, practices, topics",
          "[vocabulary]") {
  size_t roots = 0;
  for (const VocabularyEntry& entry : shipped().entries()) {
    if (entry.kind != "Principle" && entry.kind != "Practice" && entry.kind != "Topic") {
      CHECK(entry.specializes.empty());
      continue;
    }
    INFO(entry.id);
    if (entry.specializes.empty()) ++roots;
    // Walking up the first parent reaches a root in fewer steps than there are entries.
    const VocabularyEntry* at = &entry;
    size_t steps = 0;
    while (!at->specializes.empty() && steps <= shipped().size()) {
      for (const std::string& parent : at->specializes) {
        REQUIRE(shipped().find(parent));
        CHECK(shipped().find(parent)->kind == entry.kind);
      }
      at = shipped().find(at->specializes.front());
      ++steps;
    }
    CHECK(steps <= shipped().size());
  }
  CHECK(roots >= 1);
  const VocabularyEntry* non_interference = shipped().find("principle:non-interference");
  REQUIRE(non_interference);
  CHECK(non_interference->specializes == std::vector<std::string>{"principle:sovereignty"});
  const VocabularyEntry* cyber_sovereignty = shipped().find("principle:cyber-sovereignty");
  REQUIRE(cyber_sovereignty);
  CHECK(cyber_sovereignty->specializes == std::vector<std::string>{"principle:sovereignty"});
}

TEST_CASE("every object the seed gold file names is a vocabulary name or alias", "[vocabulary]") {
  std::ifstream gold(NORMGRAPH_SHARED_DIR "/gold/seed.gold.tsv");
  REQUIRE(gold);
  const std::set<std::string> vocabulary_relations = {"ENDORSES", "OPPOSES", "CONCERNED_ABOUT",
                                                      "REFERENCES", "SUBMITTED"};
  auto names = names_by_gold_form();
  std::string line;
  size_t rows_checked = 0;
  while (std::getline(gold, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> columns = split(line, '\t');
    if (columns.size() < 4 || columns[0] == "expect") continue;
    INFO(line);
    if (columns[1] != "THIS") CHECK(names[gold_form(columns[1])].count("Actor"));
    std::vector<std::string> relations = split(columns[2], '|');
    bool about_vocabulary =
        std::any_of(relations.begin(), relations.end(),
                    [&](const std::string& r) { return vocabulary_relations.count(r) > 0; });
    std::vector<std::string> objects = split(columns[3], '|');
    bool made_by_loader = std::any_of(objects.begin(), objects.end(), [](const std::string& o) {
      return gold_form(o).find("workshop") != std::string::npos;
    });
    if (!about_vocabulary || made_by_loader) continue;
    ++rows_checked;
    CHECK(std::any_of(objects.begin(), objects.end(), [&](const std::string& object) {
      auto it = names.find(gold_form(object));
      return it != names.end() && !it->second.count("Actor");
    }));
  }
  CHECK(rows_checked >= 20);
}

TEST_CASE("node_data gives id, kind label, name, aliases and props, not triggers", "[vocabulary]") {
  const VocabularyEntry* china = shipped().find("state:CHN");
  REQUIRE(china);
  normgraph::NodeData node = normgraph::loaders::vocabulary_node(*china);
  CHECK(node.id == "state:CHN");
  CHECK(node.labels == std::vector<std::string>{"Actor"});
  CHECK(node.name == "China");
  CHECK(std::count(node.aliases.begin(), node.aliases.end(), "People's Republic of China") == 1);
  CHECK(*normgraph::find_entry(node.props, "type") == Value("state"));
  CHECK(*normgraph::find_entry(node.props, "iso3") == Value("CHN"));
  CHECK(*normgraph::find_entry(node.props, "un_member") == Value(true));
  CHECK(node.evidence.empty());

  const VocabularyEntry* charter = shipped().find("doc:un-charter");
  REQUIRE(charter);
  node = normgraph::loaders::vocabulary_node(*charter);
  CHECK(node.labels == std::vector<std::string>{"Document"});
  CHECK(std::count(node.aliases.begin(), node.aliases.end(), "the Charter") == 0);
  CHECK(std::count(charter->triggers.begin(), charter->triggers.end(), "the Charter") == 1);
}

TEST_CASE("documents that share an alias are told apart by date", "[vocabulary]") {
  const char* title = "International Code of Conduct for Information Security";
  std::vector<std::string> dates;
  for (const VocabularyEntry& entry : shipped().entries())
    if (std::count(entry.aliases.begin(), entry.aliases.end(), title)) {
      CHECK(entry.kind == "Document");
      dates.push_back(prop(entry, "date")->as_string());
    }
  CHECK(dates == std::vector<std::string>{"2011-09", "2015-01"});
  const VocabularyEntry* gge = shipped().find("doc:gge-2015");
  REQUIRE(gge);
  CHECK(prop(*gge, "symbol")->as_string() == "A/70/174");
  CHECK(std::count(gge->descriptions.begin(), gge->descriptions.end(), "the Group's report") == 1);
}

TEST_CASE("file props are defaults under an entry's own, null removes one", "[vocabulary]") {
  TempDir dir;
  write_in(dir, "b.json",
           vocab_file("Topic",
                      {R"({"id": "topic:b", "name": "bee", "props": {"level": 2, "note": null}})",
                       R"({"id": "topic:c", "name": "sea", "aliases": "ocean"})"},
                      R"({"level": 1, "note": "default"})"));
  write_in(dir, "a.json", vocab_file("Practice", {R"({"id": "practice:a", "name": "ay"})"}));
  write_in(dir, "notes.txt", "not a vocabulary file");
  Vocabulary vocabulary = Vocabulary::load_dir(dir.path());
  REQUIRE(vocabulary.size() == 3);
  CHECK(vocabulary.entries()[0].id == "practice:a");  // files in name order
  const VocabularyEntry* b = vocabulary.find("topic:b");
  REQUIRE(b);
  CHECK(b->props == normgraph::ValueMap{{"level", Value(2)}});
  CHECK(b->line == 3);
  CHECK(b->file == dir.file("b.json"));
  const VocabularyEntry* c = vocabulary.find("topic:c");
  REQUIRE(c);
  CHECK(c->props == normgraph::ValueMap{{"level", Value(1)}, {"note", Value("default")}});
  CHECK(c->aliases == std::vector<std::string>{"ocean"});
}

TEST_CASE("NORMGRAPH_ONTOLOGY_DIR overrides where the default vocabulary is read", "[vocabulary]") {
  TempDir dir;
  write_in(dir, "schema.json",
           normgraph::testing::read_file(NORMGRAPH_SOURCE_DIR "/ontology/schema.json"));
  write_in(dir, "vocab/events.json", vocab_file("Event", {R"({"id": "event:x", "name": "X"})"}));
  ScopedEnv env("NORMGRAPH_ONTOLOGY_DIR", dir.path());
  Vocabulary vocabulary = Vocabulary::load_default();
  REQUIRE(vocabulary.size() == 1);
  CHECK(vocabulary.entries()[0].id == "event:x");
}

TEST_CASE("malformed vocabulary JSON names the file, line and column", "[vocabulary]") {
  check_single_file_error("{\"kind\": \"Topic\",\n \"entries\": [\n  {\"id\": \"topic:a\",}\n]}",
                          {"broken.json:3:", "malformed JSON"});
}

TEST_CASE("unknown keys, missing ids and names are errors", "[vocabulary]") {
  check_single_file_error(R"({"kind": "Topic", "entrys": []})", {"unknown key \"entrys\""});
  check_single_file_error(vocab_file("Topic", {R"({"id": "topic:a", "name": "a"})",
                                               R"({"id": "topic:b", "name": "b", "alias": []})"}),
                          {"broken.json:4:", "entry \"topic:b\"", "unknown key \"alias\""});
  check_single_file_error(vocab_file("Topic", {R"({"name": "a"})"}),
                          {"/entries/0", "missing \"id\""});
  check_single_file_error(vocab_file("Topic", {R"({"id": "topic:a"})"}),
                          {"entry \"topic:a\"", "missing \"name\""});
  check_single_file_error(vocab_file("Topic", {R"({"id": "topic:a", "name": 3})"}),
                          {"\"name\" should hold strings only"});
  check_single_file_error(vocab_file("Topic", {R"({"id": "topic:a", "name": "a", "name": "b"})"}),
                          {"key \"name\" given twice"});
  check_single_file_error(R"({"kind": "Topic"})", {"missing \"entries\""});
  check_single_file_error(R"(["Topic"])", {"expected an object"});
}

TEST_CASE("an id must start with its kind's prefix and be unique across files", "[vocabulary]") {
  check_single_file_error(vocab_file("Actor", {R"({"id": "country:CHN", "name": "China",
                                                    "props": {"type": "state"}})"}),
                          {"starts with state:, org:"});
  check_single_file_error(vocab_file("Principle", {R"({"id": "topic:a", "name": "a"})"}),
                          {"starts with principle:"});
  check_single_file_error(vocab_file("Principle", {R"({"id": "principle:", "name": "a"})"}),
                          {"nothing after principle:"});
  check_single_file_error(vocab_file("Principle", {R"({"id": "principle:a b", "name": "a"})"}),
                          {"space"});

  TempDir dir;
  std::string first = write_in(dir, "a.json", vocab_file("Topic", {R"({"id": "topic:x",
                                                                       "name": "x"})"}));
  std::string second = write_in(dir, "b.json",
                                vocab_file("Topic", {R"({"id": "topic:y",
                                                                        "name": "y"})",
                                                     R"({"id": "topic:x",
                                                                        "name": "x2"})"}));
  std::string message = load_error(dir.path());
  INFO(message);
  CHECK(message.rfind(second + ":5:", 0) == 0);
  CHECK(message.find("duplicate id") != std::string::npos);
  CHECK(message.find(first + ":3") != std::string::npos);
}

TEST_CASE("a kind the schema does not know is an error", "[vocabulary]") {
  check_single_file_error(vocab_file("Country", {R"({"id": "country:a", "name": "a"})"}),
                          {"unknown kind \"Country\"", "Actor"});
  check_single_file_error(R"({"entries": []})", {"missing \"kind\""});
}

TEST_CASE("props must satisfy the schema's kind", "[vocabulary]") {
  check_single_file_error(vocab_file("Actor", {R"({"id": "org:a", "name": "a"})"}),
                          {"missing property \"type\""});
  check_single_file_error(
      vocab_file("Actor", {R"({"id": "org:a", "name": "a", "props": {"type": "club"}})"}),
      {"\"club\"", "allowed: state, organization, forum, group"});
  check_single_file_error(
      vocab_file("Actor", {R"({"id": "state:AAA", "name": "a", "props": {"un_member": "yes"}})"},
                 R"({"type": "state"})"),
      {"\"un_member\" should be a boolean"});
  check_single_file_error(vocab_file("Topic", {R"({"id": "topic:a", "name": "a", "props": 1})"}),
                          {"\"props\" should be an object"});
}

TEST_CASE("empty phrases are errors", "[vocabulary]") {
  check_single_file_error(vocab_file("Topic", {R"({"id": "topic:a", "name": ""})"}),
                          {"empty phrase"});
  check_single_file_error(
      vocab_file("Topic", {R"({"id": "topic:a", "name": "a", "aliases": ["b", "  "]})"}),
      {"entry \"topic:a\"", "empty phrase", "\"aliases\""});
  check_single_file_error(
      vocab_file("Topic", {R"({"id": "topic:a", "name": "a", "triggers": ["-"]})"}),
      {"empty phrase", "\"triggers\""});
  check_single_file_error(
      vocab_file("Document", {R"({"id": "doc:a", "name": "a", "props": {"type": "report"},
                                  "descriptions": [""]})"}),
      {"empty phrase", "\"descriptions\""});
}

TEST_CASE("only documents may share a phrase", "[vocabulary]") {
  check_single_file_error(
      vocab_file("Topic", {R"({"id": "topic:a", "name": "cyber crime"})",
                           R"({"id": "topic:b", "name": "b", "triggers": ["Cyber-Crime"]})"}),
      {"entry \"topic:b\"", "\"Cyber-Crime\" also stands for \"topic:a\""});
  TempDir dir;
  write_in(dir, "documents.json",
           vocab_file("Document", {R"({"id": "doc:a", "name": "A of 2011", "aliases": ["Code"],
                                       "props": {"type": "code", "date": "2011"}})",
                                   R"({"id": "doc:b", "name": "A of 2015", "aliases": ["code"],
                                       "props": {"type": "code", "date": "2015"}})"}));
  CHECK(Vocabulary::load_dir(dir.path()).size() == 2);
}

TEST_CASE("specializes names known principles without cycles", "[vocabulary]") {
  check_single_file_error(
      vocab_file("Principle", {R"({"id": "principle:a", "name": "a",
                                    "specializes": ["principle:missing"]})"}),
      {"entry \"principle:a\"", "specializes unknown principle \"principle:missing\""});
  check_single_file_error(
      vocab_file("Document", {R"({"id": "doc:a", "name": "a", "specializes": ["doc:b"]})"}),
      {"\"specializes\" is for principles, practices and topics only"});
  check_single_file_error(
      vocab_file("Principle",
                 {R"({"id": "principle:a", "name": "a", "specializes": ["principle:c"]})",
                  R"({"id": "principle:b", "name": "b", "specializes": ["principle:a"]})",
                  R"({"id": "principle:c", "name": "c", "specializes": ["principle:b"]})"}),
      {"makes a cycle", "principle:a -> principle:c -> principle:b -> principle:a"});
  check_single_file_error(
      vocab_file("Principle",
                 {R"({"id": "principle:a", "name": "a", "specializes": ["principle:a"]})"}),
      {"makes a cycle"});
  check_single_file_error(
      vocab_file("Topic", {R"({"id": "topic:a", "name": "a", "specializes": ["topic:b"]})"}),
      {"specializes unknown topic \"topic:b\""});

  TempDir dir;
  write_in(dir, "a.json", vocab_file("Topic", {R"({"id": "topic:t", "name": "t"})"}));
  std::string principles = write_in(
      dir, "b.json",
      vocab_file("Principle", {R"({"id": "principle:p", "name": "p", "specializes": "topic:t"})"}));
  std::string message = load_error(dir.path());
  INFO(message);
  CHECK(message.rfind(principles, 0) == 0);
  CHECK(message.find("which is a Topic, not a Principle") != std::string::npos);
}

TEST_CASE("a folder without vocabulary files is an error", "[vocabulary]") {
  TempDir dir;
  CHECK(load_error(dir.path()).find("no vocabulary files") != std::string::npos);
  CHECK(load_error(dir.file("missing")).find("not a folder") != std::string::npos);
}
