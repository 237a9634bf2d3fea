// The ontology schema (ontology/schema.json) and its reader.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "normgraph/core/errors.hpp"
#include "normgraph/ontology/schema.hpp"
#include "test_helpers.hpp"

using normgraph::InputError;
using normgraph::ontology::Schema;
using normgraph::testing::ScopedEnv;
using normgraph::testing::TempDir;
using normgraph::testing::write_in;

namespace {

// The message of the InputError that loading `path` throws ("" when it loads).
std::string load_error(const std::string& path) {
  try {
    Schema::load(path);
  } catch (const InputError& error) {
    return error.what();
  }
  return "";
}

const char* kMinimalSchema = R"({
  "format": "normgraph-ontology", "version": 1,
  "kinds": [
    {"name": "Actor", "description": "who acts",
     "required": ["type"], "properties": {"type": {"type": "string", "values": ["state"]}}},
    {"name": "Topic", "description": "what is discussed"}
  ],
  "edge_types": [
    {"name": "CONCERNED_ABOUT", "description": "worries", "domain": "Actor", "range": ["Topic"]}
  ]
})";

// kMinimalSchema with the first occurrence of `from` replaced by `to`.
std::string minimal_schema_with(const std::string& from, const std::string& to) {
  std::string text = kMinimalSchema;
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

struct ExpectedEdgeType {
  const char* name;
  std::vector<std::string> domain, range;
};

// The edge types of DESIGN.md, "Ontology".
const std::vector<ExpectedEdgeType> kDesignEdgeTypes = {
    {"DELIVERED", {"Actor"}, {"Document"}},
    {"MAKES", {"Actor"}, {"Commitment"}},
    {"STATED_IN", {"Commitment"}, {"Document"}},
    {"INVOKES", {"Commitment"}, {"Principle", "Norm", "Practice", "Topic"}},
    // DESIGN.md's range and, beyond it, a body the actor supports ("we support the OEWG").
    {"ENDORSES", {"Actor"}, {"Principle", "Norm", "Document", "Practice", "Actor"}},
    {"OPPOSES", {"Actor"}, {"Principle", "Norm", "Practice", "Topic"}},
    {"CONCERNED_ABOUT", {"Actor"}, {"Topic"}},
    {"REFERENCES", {"Document"}, {"Document"}},
    // Beyond DESIGN.md: the mention layer (docs/sentences.md).
    {"MENTIONS",
     {"Document"},
     {"Actor", "Document", "Principle", "Norm", "Practice", "Topic", "Event"}},
    {"SUBMITTED", {"Actor"}, {"Document"}},
    {"HOSTED", {"Actor"}, {"Event"}},
    {"PARTICIPATES_IN", {"Actor"}, {"Actor", "Event"}},
    {"MEMBER_OF", {"Actor"}, {"Actor"}},
    {"CONTAINS", {"Document"}, {"Norm"}},
    {"INSTANTIATES", {"Norm"}, {"Principle"}},
    {"SPECIALIZES", {"Principle", "Practice", "Topic"}, {"Principle", "Practice", "Topic"}},
};

}  // namespace

TEST_CASE("the default schema has the node kinds of DESIGN.md", "[ontology]") {
  Schema schema = Schema::load_default();
  for (const char* name :
       {"Actor", "Document", "Principle", "Norm", "Commitment", "Practice", "Topic", "Event"}) {
    INFO(name);
    const auto* kind = schema.kind(name);
    REQUIRE(kind);
    CHECK(kind->name == name);
    CHECK_FALSE(kind->description.empty());
  }
  CHECK(schema.kinds().size() == 8);
  CHECK(schema.kind("actor") == nullptr);  // names are case-sensitive
  CHECK(schema.kind("State") == nullptr);
}

TEST_CASE("kinds declare their required and known properties", "[ontology]") {
  Schema schema = Schema::load_default();
  const auto* actor = schema.kind("Actor");
  REQUIRE(actor);
  CHECK(actor->required_props == std::vector<std::string>{"type"});
  const auto* actor_type = actor->property("type");
  REQUIRE(actor_type);
  CHECK(actor_type->type == "string");
  CHECK(actor_type->values == std::vector<std::string>{"state", "organization", "forum", "group"});

  const auto* document = schema.kind("Document");
  REQUIRE(document);
  CHECK(document->required_props == std::vector<std::string>{"type"});
  CHECK(document->property("date"));
  CHECK(document->property("source"));

  const auto* norm = schema.kind("Norm");
  REQUIRE(norm);
  for (const char* property : {"modality", "addressee", "action", "text", "label"}) {
    INFO(property);
    CHECK(norm->property(property));
  }
  CHECK(norm->property("no-such-property") == nullptr);
}

TEST_CASE("the default schema has DESIGN.md's edge types with their domain and range",
          "[ontology]") {
  Schema schema = Schema::load_default();
  for (const auto& expected : kDesignEdgeTypes) {
    INFO(expected.name);
    const auto* edge_type = schema.edge_type(expected.name);
    REQUIRE(edge_type);
    CHECK(edge_type->domain == expected.domain);
    CHECK(edge_type->range == expected.range);
    CHECK_FALSE(edge_type->description.empty());
    CHECK_FALSE(edge_type->derived);
  }
  // Besides them, only the types the default rules derive (ontology/rules/).
  std::vector<std::string> derived;
  for (const auto& e : schema.edge_types())
    if (e.derived) derived.push_back(e.name);
  CHECK(derived == std::vector<std::string>{"SUPPORTS", "CONFLICTS_WITH"});
  CHECK(schema.edge_types().size() == kDesignEdgeTypes.size() + derived.size());
  CHECK(schema.edge_type("delivered") == nullptr);
}

TEST_CASE("allows() checks an edge's type, domain and range", "[ontology]") {
  Schema schema = Schema::load_default();
  CHECK(schema.allows("DELIVERED", "Actor", "Document"));
  CHECK(schema.allows("INVOKES", "Commitment", "Topic"));
  CHECK(schema.allows("PARTICIPATES_IN", "Actor", "Event"));
  CHECK(schema.allows("SPECIALIZES", "Principle", "Principle"));

  CHECK_FALSE(schema.allows("DELIVERED", "Document", "Actor"));  // reversed
  CHECK_FALSE(schema.allows("OPPOSES", "Actor", "Document"));    // not in the range
  CHECK_FALSE(schema.allows("INVOKES", "Actor", "Principle"));   // not in the domain
  CHECK_FALSE(schema.allows("SUPPORTS", "Actor", "Actor"));      // unknown type
  CHECK_FALSE(schema.allows("delivered", "Actor", "Document"));
  CHECK_FALSE(schema.allows("DELIVERED", "actor", "Document"));
  CHECK_FALSE(schema.allows("", "", ""));
}

TEST_CASE("a schema is read from any file, lists given as strings or arrays", "[ontology]") {
  TempDir dir;
  Schema schema = Schema::load(write_in(dir, "schema.json", kMinimalSchema));
  CHECK(schema.kinds().size() == 2);
  REQUIRE(schema.edge_types().size() == 1);
  CHECK(schema.edge_types()[0].domain == std::vector<std::string>{"Actor"});
  CHECK(schema.allows("CONCERNED_ABOUT", "Actor", "Topic"));
  CHECK(schema.kind("Topic")->required_props.empty());

  std::string derived =
      minimal_schema_with(R"("range": ["Topic"])", R"("range": ["Topic"], "derived": true)");
  CHECK(Schema::load(write_in(dir, "derived.json", derived)).edge_types()[0].derived);
}

TEST_CASE("NORMGRAPH_ONTOLOGY_DIR overrides where the default schema is read", "[ontology]") {
  TempDir dir;
  write_in(dir, "schema.json", kMinimalSchema);
  ScopedEnv env("NORMGRAPH_ONTOLOGY_DIR", dir.path());
  CHECK(Schema::default_path() == dir.file("schema.json"));
  CHECK(Schema::load_default().kinds().size() == 2);
}

TEST_CASE("malformed schema JSON is an InputError naming the file, line and column", "[ontology]") {
  TempDir dir;
  std::string path =
      write_in(dir, "broken.json", "{\n  \"format\": \"normgraph-ontology\",\n  \"kinds\": [}\n");
  std::string message = load_error(path);
  CHECK_THAT(message, Catch::StartsWith(path + ":3:"));
  CHECK_THAT(message, Catch::Contains("malformed JSON"));

  CHECK_THAT(load_error(write_in(dir, "empty.json", "")), Catch::Contains("empty.json:1:1"));
}

TEST_CASE("a missing schema file is an InputError naming it", "[ontology]") {
  TempDir dir;
  std::string path = dir.file("absent.json");
  CHECK_THAT(load_error(path), Catch::StartsWith(path + ": cannot open"));
  CHECK_THAT(load_error(dir.path()), Catch::Contains("is a directory"));
}

TEST_CASE("schema mistakes are InputErrors naming the file and the offending value", "[ontology]") {
  TempDir dir;
  struct Case {
    const char* from;
    const char* to;
    const char* expected;
  };
  const std::vector<Case> cases = {
      {R"("range": ["Topic"])", R"("range": ["Topik"])",
       R"(/edge_types/0/range: unknown kind "Topik")"},
      {R"("domain": "Actor", )", "", R"(/edge_types/0: missing key "domain")"},
      {R"("range": ["Topic"])", R"("range": [])", "/edge_types/0/range: needs at least one kind"},
      {R"("range": ["Topic"])", R"("range": ["Topic"], "ranges": 1)", R"(unknown key "ranges")"},
      {R"("name": "CONCERNED_ABOUT")", R"("name": "concerned-about")",
       "/edge_types/0/name: edge type names are UPPER_SNAKE"},
      {R"("name": "Topic")", R"("name": "Actor")", R"(/kinds/1/name: duplicate kind "Actor")"},
      {R"("required": ["type"])", R"("required": ["kind"])",
       R"(/kinds/0/required/0: required property "kind" is not in "properties")"},
      {R"({"type": "string", "values")", R"({"type": "text", "values")",
       R"(/kinds/0/properties/type/type: unknown property type "text")"},
      {R"("format": "normgraph-ontology")", R"("format": "normgraph-graph")",
       R"(/format: expected "normgraph-ontology")"},
      {R"("version": 1)", R"("version": 2)", "/version: unsupported version"},
      {R"("description": "who acts",)", "", R"(/kinds/0: missing key "description")"},
  };
  for (const auto& c : cases) {
    INFO(c.expected);
    std::string path = write_in(dir, "bad.json", minimal_schema_with(c.from, c.to));
    std::string message = load_error(path);
    CHECK_THAT(message, Catch::StartsWith(path + ": "));
    CHECK_THAT(message, Catch::Contains(c.expected));
  }
}
