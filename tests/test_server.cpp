// The HTTP endpoint (docs/http.md), over loopback with httplib's client: every endpoint, every
// error status, the token, limits, and a query that hits its time limit while other requests
// are answered.
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "normgraph/core/errors.hpp"
#include "normgraph/engine/data_dir.hpp"
#include "normgraph/engine/journal.hpp"
#include "normgraph/loaders/ingest.hpp"
#include "normgraph/server/server.hpp"
#include "test_helpers.hpp"

using namespace normgraph;
using normgraph::testing::TempDir;

namespace {

const std::string kSeed =
    std::string(NORMGRAPH_SHARED_DIR) + "/corpus/statements/000_f7b3e24bbd779271.txt";
const std::string kToken = "test-token-0123456789abcdef";

void seed(const std::string& data) {
  DataDir dir(data, DataDir::Access::Write);
  GraphStore store;
  loaders::ingest_path(kSeed, store);
  dir.save(store);
}

// A server on a free loopback port, served from a thread for the test's duration.
class Running {
 public:
  explicit Running(server::ServerOptions o) {
    o.port = 0;
    o.log = nullptr;
    srv_ = std::make_unique<server::Server>(o);
    port_ = srv_->bind();
    thread_ = std::thread([this] { srv_->run(); });
    httplib::Client c("127.0.0.1", port_);
    for (int i = 0; i < 200; ++i) {
      if (auto r = c.Get("/api/health"); r && r->status == 200) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    FAIL("the server did not answer");
  }
  ~Running() { stop(); }
  void stop() {
    if (!srv_) return;
    srv_->stop();
    thread_.join();
    srv_.reset();
  }
  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(30, 0);
    return c;
  }
  int port() const { return port_; }

 private:
  std::unique_ptr<server::Server> srv_;
  std::thread thread_;
  int port_ = 0;
};

server::ServerOptions options(const TempDir& tmp) {
  server::ServerOptions o;
  o.data_dir = tmp.file("data");
  normgraph::testing::write_file(tmp.file("token"), kToken + "\n");
  o.token_file = tmp.file("token");
  return o;
}

rapidjson::Document json(const httplib::Result& r) {
  REQUIRE(r);
  rapidjson::Document d;
  d.Parse(r->body.c_str(), r->body.size());
  INFO(r->body);
  REQUIRE_FALSE(d.HasParseError());
  return d;
}

// An error answer: the status and {"error": {"code", "message"}}.
std::string error_code(const httplib::Result& r, int status) {
  REQUIRE(r);
  INFO(r->body);
  CHECK(r->status == status);
  CHECK(r->get_header_value("Content-Type") == "application/json");
  auto d = json(r);
  REQUIRE(d.HasMember("error"));
  REQUIRE(d["error"]["code"].IsString());
  REQUIRE(d["error"]["message"].IsString());
  return d["error"]["code"].GetString();
}

httplib::Headers auth(const std::string& token = kToken) {
  return {{"Authorization", "Bearer " + token}};
}

std::string doc_body(const std::string& name, const std::string& text) {
  rapidjson::StringBuffer b;
  rapidjson::Writer<rapidjson::StringBuffer> w(b);
  w.StartObject();
  w.Key("name");
  w.String(name.c_str());
  w.Key("text");
  w.String(text.c_str(), static_cast<rapidjson::SizeType>(text.size()));
  w.Key("metadata");
  w.StartObject();
  w.Key("speaker");
  w.String("MYS");
  w.Key("date");
  w.String("2019-10-10");
  w.EndObject();
  w.EndObject();
  return b.GetString();
}

const std::string kStatement =
    "Mr. Chairman, Malaysia supports the principle of state sovereignty in cyberspace. "
    "We are concerned about cyber crime and cyber terrorism. We call for capacity building "
    "for developing countries.";

}  // namespace

TEST_CASE("server: read endpoints", "[server]") {
  TempDir tmp;
  seed(tmp.file("data"));
  Running srv(options(tmp));
  auto c = srv.client();

  SECTION("health and stats") {
    auto h = json(c.Get("/api/health"));
    CHECK(std::string(h["status"].GetString()) == "ok");
    CHECK(h["nodes"].GetUint64() > 10);
    auto s = json(c.Get("/api/stats"));
    CHECK(s["kinds"]["Actor"].GetUint64() > 0);
    CHECK(s["edge_types"].HasMember("ENDORSES"));
  }
  SECTION("node search: prefix, case-insensitive, kind, limit") {
    auto r = json(c.Get("/api/nodes?q=CHIN"));
    REQUIRE(r["nodes"].Size() >= 1);
    CHECK(std::string(r["nodes"][0]["id"].GetString()) == "state:CHN");
    auto k = json(c.Get("/api/nodes?q=chin&kind=Principle"));
    for (const auto& n : k["nodes"].GetArray())
      CHECK(std::string(n["kind"].GetString()) == "Principle");
    auto all = json(c.Get("/api/nodes?kind=Principle&limit=3"));
    CHECK(all["nodes"].Size() == 3);
    CHECK(error_code(c.Get("/api/nodes?limit=abc"), 400) == "bad_parameter");
    CHECK(error_code(c.Get("/api/nodes?limit=5000"), 400) == "bad_parameter");
    CHECK(json(c.Get("/api/nodes?q=zzzzzz"))["nodes"].Size() == 0);
  }
  SECTION("a node and its neighbors with evidence") {
    auto n = json(c.Get("/api/nodes/state:CHN"));
    CHECK(std::string(n["name"].GetString()) == "China");
    CHECK(n["degree"]["out"].GetUint64() > 0);
    CHECK(error_code(c.Get("/api/nodes/state:NOPE"), 404) == "not_found");
    auto nb = json(c.Get("/api/nodes/state:CHN/neighbors?dir=out&type=ENDORSES"));
    REQUIRE(nb["edges"].Size() > 0);
    bool sentence = false;
    for (const auto& e : nb["edges"].GetArray()) {
      CHECK(std::string(e["type"].GetString()) == "ENDORSES");
      CHECK(std::string(e["source"].GetString()) == "state:CHN");
      for (const auto& ev : e["evidence"].GetArray())
        sentence = sentence || (ev["text"].GetStringLength() > 20 && ev.HasMember("doc_name"));
    }
    CHECK(sentence);
    auto d2 = json(c.Get("/api/nodes/state:CHN/neighbors?depth=2"));
    CHECK(d2["nodes"].Size() > nb["nodes"].Size());
    CHECK(error_code(c.Get("/api/nodes/state:CHN/neighbors?dir=sideways"), 400) == "bad_parameter");
    CHECK(error_code(c.Get("/api/nodes/state:CHN/neighbors?depth=9"), 400) == "bad_parameter");
    CHECK(error_code(c.Get("/api/nodes/state:CHN/neighbors?type=NO_SUCH"), 404) == "not_found");
  }
  SECTION("paths") {
    auto nb = json(c.Get("/api/nodes/state:CHN/neighbors?dir=out&type=ENDORSES"));
    std::string target = nb["edges"][0]["target"].GetString();
    auto p = json(c.Get(("/api/paths?from=China&to=" + target).c_str()));
    CHECK(p["length"].GetUint64() == 1);
    REQUIRE(p["paths"].Size() >= 1);
    CHECK(p["paths"][0]["nodes"].Size() == 2);
    CHECK(error_code(c.Get("/api/paths?from=China"), 400) == "bad_parameter");
    CHECK(error_code(c.Get("/api/paths?from=China&to=Atlantis"), 404) == "not_found");
  }
  SECTION("query: columns, rows, timing, params and errors") {
    auto r = json(c.Post(
        "/api/query",
        R"j({"query": "MATCH (a:Actor {id: $id})-[:ENDORSES]->(p) RETURN a.name AS who, count(p) AS n", "params": {"id": "state:CHN"}})j",
        "application/json"));
    CHECK(std::string(r["columns"][0].GetString()) == "who");
    CHECK(std::string(r["rows"][0][0].GetString()) == "China");
    CHECK(r["rows"][0][1].GetInt64() > 0);
    CHECK(r["timing"]["total_ms"].GetDouble() >= 0);
    CHECK(error_code(
              c.Post("/api/query", R"j({"query": "MATCH (n RETURN n"})j", "application/json"), 400)
              .rfind("SyntaxError", 0) == 0);
    CHECK(error_code(c.Post("/api/query", R"j({"query": "CREATE (n:Actor {id: 'x'})"})j",
                            "application/json"),
                     401) == "unauthorized");
    CHECK(error_code(c.Post("/api/query",
                            R"j({"query": "UNWIND range(1, 1000) AS x RETURN x", "max_rows": 10})j",
                            "application/json"),
                     422) == "row_limit");
    CHECK(error_code(c.Post("/api/query", R"j({"query": )j", "application/json"), 400) ==
          "malformed_json");
    CHECK(error_code(c.Post("/api/query", R"j([1, 2])j", "application/json"), 400) ==
          "malformed_json");
    // Deep nesting is refused, not walked recursively (a million '[' crashed the server).
    const std::string deep = std::string(1'000'000, '[') + std::string(1'000'000, ']');
    CHECK(
        error_code(c.Post("/api/query", R"j({"query": "RETURN 1", "params": {"x": )j" + deep + "}}",
                          "application/json"),
                   400) == "malformed_json");
    CHECK(error_code(c.Post("/api/query", std::string(1'000'000, '['), "application/json"), 400) ==
          "malformed_json");
    CHECK(c.Get("/api/health")->status == 200);
    CHECK(error_code(c.Post("/api/query", R"j({"params": {}})j", "application/json"), 400) ==
          "bad_request");
    CHECK(error_code(c.Post("/api/query", "{\"query\": \"RETURN '\xff\xfe'\"}", "application/json"),
                     400) == "invalid_utf8");
    CHECK(error_code(c.Get("/api/nodes?q=%FF%FE"), 400) == "invalid_utf8");
  }
  SECTION("the reference statement checks clean") {
    auto check = json(c.Get("/api/check"));
    CHECK(check["violations"].Size() == 0);
    CHECK(check["summary"]["errors"].GetUint64() == 0);
    CHECK(check["summary"]["checks"].GetUint64() == 7);
    CHECK(error_code(c.Get("/api/explain"), 400) == "bad_parameter");
  }
  SECTION("export: every format with its content type") {
    const std::vector<std::pair<std::string, std::string>> formats = {
        {"json", "application/json"},
        {"csv", "application/x-tar"},
        {"dot", "text/vnd.graphviz"},
        {"svg", "image/svg+xml"},
        {"graphml", "application/graphml+xml"},
        {"nt", "application/n-triples"},
        {"ttl", "text/turtle"},
        {"neo4j-csv", "application/x-tar"},
        {"kuzu", "application/x-tar"},
        {"cytoscape", "application/json"},
        {"matrix", "text/csv"},
        {"matrix-svg", "image/svg+xml"}};
    for (const auto& [format, type] : formats) {
      INFO(format);
      auto r = c.Get(("/api/export?format=" + format + "&focus=state:CHN&depth=1").c_str());
      REQUIRE(r);
      CHECK(r->status == 200);
      CHECK(r->get_header_value("Content-Type").rfind(type, 0) == 0);
      CHECK(r->body.size() > 50);
      if (type == "application/x-tar") CHECK(r->body.substr(257, 5) == "ustar");
      if (format == "svg") CHECK(r->body.find("<svg") != std::string::npos);
      if (format == "json") CHECK(json(r)["nodes"].Size() > 1);
    }
    CHECK(error_code(c.Get("/api/export?format=pdf"), 400) == "bad_parameter");
    CHECK(error_code(c.Get("/api/export?format=svg&focus=Atlantis"), 404) == "not_found");
    CHECK(error_code(c.Get("/api/export?format=dot&kinds=NoSuchKind"), 422) == "bad_selection");
  }
  SECTION("the web explorer is served, with no CORS by default") {
    auto r = c.Get("/");
    REQUIRE(r);
    CHECK(r->status == 200);
    CHECK(r->body.find("normgraph explorer") != std::string::npos);
    CHECK(r->get_header_value("Content-Type").rfind("text/html", 0) == 0);
    CHECK_FALSE(r->has_header("Access-Control-Allow-Origin"));
    auto js = c.Get("/app.js");
    CHECK(js->get_header_value("Content-Type").rfind("text/javascript", 0) == 0);
    CHECK(c.Get("/style.css")->status == 200);
  }
  SECTION("unknown paths 404, wrong methods 405") {
    CHECK(error_code(c.Get("/api/nope"), 404) == "not_found");
    CHECK(error_code(c.Get("/../../etc/passwd"), 404) == "not_found");
    auto r = c.Delete("/api/health");
    CHECK(error_code(r, 405) == "method_not_allowed");
    CHECK(r->get_header_value("Allow") == "GET");
    CHECK(error_code(c.Get("/api/query"), 405) == "method_not_allowed");
    CHECK(error_code(c.Put("/api/documents", "{}", "application/json"), 405) ==
          "method_not_allowed");
  }
}

TEST_CASE("server: posting documents needs the token and answers list the new facts", "[server]") {
  TempDir tmp;
  seed(tmp.file("data"));
  auto o = options(tmp);
  o.max_body_bytes = 64 * 1024;
  {
    Running srv(o);
    auto c = srv.client();
    const std::string body = doc_body("MYS_2019_test", kStatement);
    CHECK(error_code(c.Post("/api/documents", body, "application/json"), 401) == "unauthorized");
    CHECK(error_code(c.Post("/api/documents", auth("wrong-token-0123456789abcdef"), body,
                            "application/json"),
                     401) == "unauthorized");
    CHECK(error_code(c.Post("/api/documents", auth(kToken + "x"), body, "application/json"), 401) ==
          "unauthorized");
    CHECK(error_code(
              c.Post("/api/documents", auth(), std::string(100 * 1024, 'x'), "application/json"),
              413) == "payload_too_large");
    CHECK(error_code(c.Post("/api/documents", auth(), "{\"name\": ", "application/json"), 400) ==
          "malformed_json");
    CHECK(error_code(c.Post("/api/documents", auth(), "{\"name\": \"a\", \"text\": \"\xc3\x28\"}",
                            "application/json"),
                     400) == "invalid_utf8");
    CHECK(error_code(c.Post("/api/documents", auth(), R"j({"text": "x"})j", "application/json"),
                     400) == "bad_request");
    CHECK(error_code(c.Post("/api/documents", auth(), doc_body("../../etc/passwd", kStatement),
                            "application/json"),
                     422) == "bad_document");
    CHECK(
        error_code(c.Post("/api/documents", auth(), doc_body("empty", "  \n"), "application/json"),
                   422) == "bad_document");

    auto r = c.Post("/api/documents", auth(), body, "application/json");
    REQUIRE(r);
    INFO(r->body);
    CHECK(r->status == 201);
    auto d = json(r);
    REQUIRE(d["document"].IsString());
    const std::string doc_id = d["document"].GetString();
    CHECK(d["new_edges"].Size() > 0);
    CHECK(d["new_nodes"].Size() > 0);
    bool sovereignty = false;
    for (const auto& e : d["new_edges"].GetArray())
      sovereignty = sovereignty || (std::string(e["source"].GetString()) == "state:MYS" &&
                                    std::string(e["type"].GetString()) == "ENDORSES");
    CHECK(sovereignty);
    CHECK(c.Get(("/api/nodes/" + doc_id).c_str())->status == 200);
    // The search index knows the new document right away.
    auto s = json(c.Get("/api/nodes?q=MYS_2019_te"));
    CHECK(s["nodes"].Size() >= 1);
    auto h = json(c.Get("/api/health"));
    CHECK(h["journal_records"].GetUint64() == 1);
  }
  // A clean stop folds the journal into the snapshot: what is left is the base record.
  {
    std::vector<std::string> records;
    Journal(tmp.file("data") + "/journal", true).replay([&](std::string_view r) {
      records.emplace_back(r);
    });
    REQUIRE(records.size() == 1);
    CHECK(records[0].find(R"("kind":"base")") != std::string::npos);
  }
  Running again(o);
  auto c = again.client();
  CHECK(json(c.Get("/api/nodes?q=MYS_2019_test"))["nodes"].Size() >= 1);
}

TEST_CASE("server: writes are refused without a token file", "[server]") {
  TempDir tmp;
  seed(tmp.file("data"));
  auto o = options(tmp);
  o.token_file.clear();
  Running srv(o);
  auto c = srv.client();
  CHECK(error_code(c.Post("/api/documents", auth(), doc_body("x", kStatement), "application/json"),
                   401) == "unauthorized");
}

TEST_CASE("server: a query that hits its time limit while others are answered", "[server]") {
  TempDir tmp;
  seed(tmp.file("data"));
  auto o = options(tmp);
  o.query_time_limit_seconds = 1.5;
  Running srv(o);
  std::atomic<bool> done{false};
  int status = 0;
  std::string code;
  std::thread slow([&] {
    auto c = srv.client();
    auto r =
        c.Post("/api/query", R"j({"query": "MATCH (a), (b), (c), (d), (e), (f) RETURN count(*)"})j",
               "application/json");
    if (r) {
      status = r->status;
      code = r->body;
    }
    done = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  auto c = srv.client();
  int answered = 0;
  double worst_ms = 0;
  while (!done) {
    auto t0 = std::chrono::steady_clock::now();
    auto r = c.Get("/api/nodes/state:CHN");
    worst_ms = std::max(
        worst_ms,
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    REQUIRE(r);
    CHECK(r->status == 200);
    ++answered;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  slow.join();
  INFO(code);
  CHECK(status == 408);
  CHECK(code.find("time_limit") != std::string::npos);
  CHECK(answered >= 5);
  CHECK(worst_ms < 1000);
}

TEST_CASE("server: readers never see half a document", "[server]") {
  TempDir tmp;
  seed(tmp.file("data"));
  Running srv(options(tmp));
  auto c0 = srv.client();
  const uint64_t n0 = json(c0.Get("/api/health"))["nodes"].GetUint64();
  std::set<uint64_t> allowed{n0};
  std::atomic<bool> done{false};
  std::vector<std::vector<uint64_t>> seen(3);
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t)
    readers.emplace_back([&, t] {
      auto c = srv.client();
      while (!done) {
        auto r =
            c.Post("/api/query", R"j({"query": "MATCH (n) RETURN count(n)"})j", "application/json");
        if (r && r->status == 200) {
          rapidjson::Document d;
          d.Parse(r->body.c_str());
          seen[t].push_back(d["rows"][0][0].GetUint64());
        }
      }
    });
  uint64_t total = n0;
  auto c = srv.client();
  for (int i = 0; i < 8; ++i) {
    auto r = c.Post("/api/documents", auth(),
                    doc_body("MYS_2019_batch" + std::to_string(i),
                             kStatement + " Document " + std::to_string(i) + "."),
                    "application/json");
    REQUIRE(r);
    REQUIRE(r->status == 201);
    total += json(r)["new_nodes"].Size();
    allowed.insert(total);
  }
  done = true;
  for (auto& t : readers) t.join();
  size_t observations = 0;
  for (const auto& v : seen)
    for (uint64_t n : v) {
      INFO(n);
      CHECK(allowed.count(n) == 1);
      ++observations;
    }
  CHECK(observations > 0);
}

httplib::Result explain(httplib::Client& c, const std::string& key, const std::string& value) {
  return c.Get("/api/explain", httplib::Params{{key, value}}, httplib::Headers{});
}

namespace {
httplib::Result post_query(httplib::Client& c, const std::string& body, bool with_token = true) {
  return with_token ? c.Post("/api/query", auth(), body, "application/json")
                    : c.Post("/api/query", body, "application/json");
}
}  // namespace

TEST_CASE("server: a write query needs the token, is journaled first and replays exactly",
          "[server]") {
  TempDir tmp;
  seed(tmp.file("data"));
  Running srv(options(tmp));
  auto c = srv.client();
  const std::string create =
      R"j({"query": "CREATE (n:Actor {id: 'actor:testland', name: 'Testland', x: rand(), u: randomUUID(), t: timestamp()}) RETURN n.x AS x", "author": "tester", "reason": "a test"})j";
  CHECK(error_code(post_query(c, create, false), 401) == "unauthorized");
  CHECK(error_code(c.Post("/api/query", auth("wrong-token-0123456789"), create, "application/json"),
                   401) == "unauthorized");
  CHECK(json(c.Get("/api/nodes?q=testland"))["count"].GetUint64() == 0);

  auto created = json(post_query(c, create));
  CHECK(created["stats"]["nodes_created"].GetUint64() == 1);
  CHECK(json(c.Get("/api/health"))["journal_records"].GetUint64() == 1);
  CHECK(json(c.Get("/api/nodes?q=testland"))["count"].GetUint64() == 1);
  auto renamed = json(post_query(
      c,
      R"j({"query": "MATCH (n {id: 'actor:testland'}) SET n.name = $name", "params": {"name": "Renamedland"}})j"));
  CHECK(renamed["stats"]["properties_set"].GetUint64() == 1);
  CHECK(json(c.Get("/api/nodes?q=renamedland"))["count"].GetUint64() == 1);
  CHECK(json(c.Get("/api/nodes?q=testland"))["count"].GetUint64() == 0);

  // A write that fails half-way changes nothing and journals nothing; one that changes nothing
  // journals nothing either.
  CHECK(
      error_code(
          post_query(
              c,
              R"j({"query": "MATCH (n {id: 'actor:testland'}) DETACH DELETE n WITH count(*) AS k RETURN 1 / (k - k)"})j"),
          422) == "ArgumentError.NumberOutOfRange");
  CHECK(
      json(post_query(
          c, R"j({"query": "MATCH (n {id: 'nowhere'}) SET n.x = 1"})j"))["stats"]["properties_set"]
          .GetUint64() == 0);
  CHECK(json(c.Get("/api/health"))["journal_records"].GetUint64() == 2);
  auto before = json(c.Get("/api/nodes/actor:testland"));
  REQUIRE(before["properties"].HasMember("x"));

  // The data directory as a crash would leave it (snapshot and journal, the server never
  // folded): a server on it replays both writes to the same values.
  std::filesystem::create_directories(tmp.file("crash"));
  for (const char* f : {"graph.snapshot", "journal"})
    std::filesystem::copy_file(tmp.file(std::string("data/") + f),
                               tmp.file(std::string("crash/") + f));
  auto o = options(tmp);
  o.data_dir = tmp.file("crash");
  Running replayed(o);
  auto c2 = replayed.client();
  auto after = json(c2.Get("/api/nodes/actor:testland"));
  CHECK(std::string(after["name"].GetString()) == "Renamedland");
  for (const char* key : {"x", "u", "t"}) {
    INFO(key);
    CHECK(before["properties"][key] == after["properties"][key]);
  }
  CHECK(after["properties"]["x"].GetDouble() == created["rows"][0][0].GetDouble());
  REQUIRE(after["evidence"].Size() == 1);
  CHECK(std::string(after["evidence"][0]["extra"]["by"].GetString()) == "tester");
  CHECK(std::string(after["evidence"][0]["extra"]["why"].GetString()) == "a test");
}

TEST_CASE("server: check lists violations with evidence, explain walks down to sentences",
          "[server]") {
  TempDir tmp;
  {
    DataDir dir(tmp.file("data"), DataDir::Access::Write);
    GraphStore store;
    loaders::ingest_path(std::string(NORMGRAPH_SOURCE_DIR) + "/examples/rules/dual-stance.json",
                         store);
    dir.save(store);
  }
  Running srv(options(tmp));
  auto c = srv.client();
  auto check = json(c.Get("/api/check"));
  REQUIRE(check["violations"].Size() == 1);
  const auto& v = check["violations"][0];
  CHECK(std::string(v["check"].GetString()) == "dual_stance");
  CHECK(std::string(v["severity"].GetString()) == "error");
  CHECK(std::string(v["bindings"]["A"].GetString()) == "state:XYZ");
  const std::string fact = v["fact"].GetString();
  CHECK(fact == "dual_stance(state:XYZ, principle:sovereignty)");
  std::set<std::string> sentences;
  for (const auto& e : v["evidence"].GetArray()) {
    CHECK(std::string(e["doc_name"].GetString()) == "Statement of Examplestan, 2021");
    sentences.insert(e["text"].GetString());
  }
  CHECK(sentences ==
        std::set<std::string>{
            "Examplestan upholds the principle of state sovereignty in cyberspace.",
            "Examplestan rejects any appeal to sovereignty that shields attacks on others."});
  CHECK(check["summary"]["errors"].GetUint64() == 1);
  CHECK(check["summary"]["by_check"]["dual_stance"]["count"].GetUint64() == 1);
  CHECK_FALSE(check.HasMember("page"));  // everything is listed
  // Pages and filters; the summary counts everything either way.
  auto none = json(c.Get("/api/check?limit=0"));
  CHECK(none["violations"].Size() == 0);
  CHECK(none["page"]["total"].GetUint64() == 1);
  CHECK(none["page"]["listed"].GetUint64() == 0);
  CHECK(none["summary"]["errors"].GetUint64() == 1);
  CHECK(json(c.Get("/api/check?severity=warning"))["violations"].Size() == 0);
  CHECK(json(c.Get("/api/check?check=dual_stance&severity=error"))["page"]["listed"].GetUint64() ==
        1);
  CHECK(json(c.Get("/api/check?offset=1"))["violations"].Size() == 0);
  CHECK(error_code(c.Get("/api/check?severity=fatal"), 400) == "bad_parameter");
  CHECK(error_code(c.Get("/api/check?limit=100000"), 400) == "bad_parameter");

  // The violation's fact, explained: the check's rule, SUPPORTS derived from ENDORSES (no
  // derived edges were written: the tree comes from the evaluation), OPPOSES, each asserted
  // edge with its sentence, and at_one_time (both in one document or year, checks.rules).
  auto why = json(explain(c, "fact", fact));
  CHECK(std::string(why["fact"].GetString()) == fact);
  CHECK(why["derived"].GetBool());
  REQUIRE(why["premises"].Size() == 3);
  std::map<std::string, const rapidjson::Value*> premises;
  for (const auto& p : why["premises"].GetArray()) premises[p["fact"].GetString()] = &p;
  CHECK(premises.count("at_one_time(state:XYZ, principle:sovereignty)") == 1);
  const auto& supports = *premises.at("state:XYZ SUPPORTS principle:sovereignty");
  CHECK(std::string(supports["rule"].GetString()) == "supports_endorsed");
  REQUIRE(supports["premises"].Size() == 1);
  const auto& endorses = supports["premises"][0];
  CHECK(std::string(endorses["fact"].GetString()) == "state:XYZ ENDORSES principle:sovereignty");
  CHECK_FALSE(endorses["derived"].GetBool());
  CHECK(std::string(endorses["evidence"][0]["text"].GetString()) ==
        "Examplestan upholds the principle of state sovereignty in cyberspace.");
  const auto& opposes = *premises.at("state:XYZ OPPOSES principle:sovereignty");
  CHECK(opposes["evidence"][0]["sentence"].GetInt64() == 1);
  const auto& same_time = *premises.at("at_one_time(state:XYZ, principle:sovereignty)");
  CHECK(std::string(same_time["rule"].GetString()) == "at_one_time#1");
  REQUIRE(same_time["premises"].Size() == 2);
  CHECK(std::string(same_time["premises"][0]["fact"].GetString()) ==
        "supported_when(state:XYZ, principle:sovereignty, doc:xyz-2021)");

  // An edge, in either spelling.
  for (const std::string edge :
       {"state:XYZ-[OPPOSES]->principle:sovereignty", "state:XYZ OPPOSES principle:sovereignty"}) {
    auto x = json(explain(c, "edge", edge));
    CHECK(std::string(x["fact"].GetString()) == "state:XYZ OPPOSES principle:sovereignty");
    CHECK(x["evidence"][0]["paragraph"].GetInt64() == 3);
  }
  CHECK(error_code(explain(c, "edge", "state:XYZ-[SUPPORTS]->nowhere"), 404) == "not_found");
  CHECK(error_code(explain(c, "edge", "state:XYZ SUPPORTS"), 400) == "bad_parameter");
  CHECK(error_code(explain(c, "fact", "dual_stance(state:XYZ, state:XYZ)"), 404) == "not_found");
  CHECK(error_code(explain(c, "fact", "no_such_relation(a)"), 404) == "not_found");
  CHECK(error_code(explain(c, "fact", "dual_stance(state:XYZ)"), 400) == "bad_parameter");
  CHECK(error_code(explain(c, "fact", "dual_stance"), 400) == "bad_parameter");
  CHECK(error_code(c.Get("/api/explain?edge=a&fact=b"), 400) == "bad_parameter");
}

TEST_CASE("server: an internal failure answers 500 in JSON and the server goes on", "[server]") {
  TempDir tmp;
  seed(tmp.file("data"));
  Running srv(options(tmp));
  auto c = srv.client();
  {
    // Exports are written to a private temporary folder: make it impossible to create.
    normgraph::testing::ScopedEnv tmpdir("TMPDIR", tmp.file("no/such/folder"));
    CHECK(error_code(c.Get("/api/export?format=dot&focus=state:CHN&depth=1"), 500) == "storage");
  }
  CHECK(c.Get("/api/export?format=dot&focus=state:CHN&depth=1")->status == 200);
}

TEST_CASE("server: CORS headers only for the origin given", "[server]") {
  TempDir tmp;
  seed(tmp.file("data"));
  auto o = options(tmp);
  o.cors_origin = "http://localhost:3000";
  Running srv(o);
  auto c = srv.client();
  auto r = c.Get("/api/health");
  REQUIRE(r);
  CHECK(r->get_header_value("Access-Control-Allow-Origin") == "http://localhost:3000");
  auto pre = c.Options("/api/query");
  REQUIRE(pre);
  CHECK(pre->status == 204);
}

TEST_CASE("server: a posted norm text becomes norms", "[server]") {
  TempDir tmp;
  seed(tmp.file("data"));
  Running srv(options(tmp));
  auto c = srv.client();
  const std::string body = R"j({"name": "test_code_2020", "kind": "norm-text",
    "metadata": {"title": "A Test Code of Conduct", "date": "2020-01-01"},
    "text": "1. States should not conduct or knowingly support ICT activity that intentionally damages critical infrastructure.\n\n2. States should respect the sovereignty of other States.\n"})j";
  auto r = c.Post("/api/documents", auth(), body, "application/json");
  REQUIRE(r);
  INFO(r->body);
  REQUIRE(r->status == 201);
  auto d = json(r);
  size_t norms = 0;
  for (const auto& n : d["new_nodes"].GetArray())
    norms += std::string(n["kind"].GetString()) == "Norm";
  CHECK(norms == 2);
  // A header in the text and metadata too is refused; so is a norm text whose header lacks the
  // kind.
  CHECK(
      error_code(
          c.Post(
              "/api/documents", auth(),
              R"j({"name": "x", "kind": "norm-text", "metadata": {"title": "T"}, "text": "title: T\n---\n1. States should act."})j",
              "application/json"),
          422) == "bad_document");
  CHECK(
      error_code(
          c.Post(
              "/api/documents", auth(),
              R"j({"name": "x", "kind": "norm-text", "text": "title: T\n---\n1. States should act."})j",
              "application/json"),
          422) == "bad_document");
}

// ------------------------------------------------------------------ the front door (issue 16)

namespace {

// A raw loopback connection, for what httplib's client will not send.
class RawClient {
 public:
  explicit RawClient(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  }
  ~RawClient() { ::close(fd_); }
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  bool send(std::string_view bytes) {
    while (!bytes.empty()) {
      const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      bytes.remove_prefix(static_cast<size_t>(n));
    }
    return true;
  }
  // What arrived within `wait_ms` (0: only what is there now), up to the server's close.
  std::string receive(int wait_ms) {
    std::string out;
    for (;;) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, out.empty() ? wait_ms : 200) <= 0) return out;
      char buf[64 * 1024];
      const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) return out;
      out.append(buf, static_cast<size_t>(n));
    }
  }

 private:
  int fd_ = -1;
};

std::string status_line(const std::string& answer) {
  return answer.substr(0, answer.find("\r\n"));
}

}  // namespace

TEST_CASE("server: slow clients get 408 at the request deadline, health answers meanwhile",
          "[server][front-door]") {
  TempDir tmp;
  seed(tmp.file("data"));
  auto o = options(tmp);
  o.threads = 4;  // fewer workers than slow clients
  o.read_timeout_seconds = 1;
  Running srv(o);
  constexpr size_t kSlow = 40;
  std::vector<std::unique_ptr<RawClient>> slow;
  std::vector<std::string> answers(kSlow);
  for (size_t i = 0; i < kSlow; ++i) {
    slow.push_back(std::make_unique<RawClient>(srv.port()));
    CHECK(slow.back()->send("GET /api/nodes HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "));
  }
  // Each sends a byte every 100 ms, so that no single read ever waits long; the whole request
  // never arrives. The server must answer each 408 once its deadline passes.
  std::atomic<bool> health_answered{false};
  std::atomic<size_t> answered_before_health{0};
  std::thread trickle([&] {
    for (int round = 0; round < 100; ++round) {
      size_t open = 0;
      for (size_t i = 0; i < kSlow; ++i) {
        if (!answers[i].empty()) continue;
        answers[i] = slow[i]->receive(0);
        if (!answers[i].empty()) {
          if (!health_answered) ++answered_before_health;
          continue;
        }
        ++open;
        slow[i]->send("a");
      }
      if (!open) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  auto r = srv.client().Get("/api/health");
  health_answered = true;
  REQUIRE(r);
  CHECK(r->status == 200);
  trickle.join();
  CHECK(answered_before_health < kSlow);  // health did not wait for the slow clients
  for (const auto& answer : answers) {
    INFO(answer);
    CHECK(status_line(answer) == "HTTP/1.1 408 Request Timeout");
    CHECK(answer.find("\"request_timeout\"") != std::string::npos);
  }
  CHECK(srv.client().Get("/api/health")->status == 200);
}

TEST_CASE("server: the door's limits: head size, body size, framing, connections",
          "[server][front-door]") {
  TempDir tmp;
  seed(tmp.file("data"));
  auto o = options(tmp);
  o.max_body_bytes = 64 * 1024;
  o.max_connections = 8;
  Running srv(o);
  auto c = srv.client();

  SECTION("a head over 32 KiB: 431") {
    RawClient raw(srv.port());
    raw.send("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + std::string(40000, 'a'));
    const std::string answer = raw.receive(5000);
    CHECK(status_line(answer) == "HTTP/1.1 431 Request Header Fields Too Large");
    CHECK(answer.find("\"headers_too_large\"") != std::string::npos);
  }
  SECTION("bodies over --max-body: 413 in JSON, whatever their framing") {
    CHECK(error_code(c.Post("/api/query", std::string(70000, ' '), "application/json"), 413) ==
          "payload_too_large");
    RawClient raw(srv.port());
    std::string chunked =
        "POST /api/query HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n";
    for (int i = 0; i < 20; ++i) chunked += "1000\r\n" + std::string(4096, ' ') + "\r\n";
    raw.send(chunked);
    CHECK(status_line(raw.receive(5000)) == "HTTP/1.1 413 Payload Too Large");
  }
  SECTION("form-encoded bodies over 8 KB are read like any other") {
    const std::string body =
        R"j({"query": "RETURN 1 AS one", "reason": ")j" + std::string(20000, 'x') + "\"}";
    auto r = c.Post("/api/query", body, "application/x-www-form-urlencoded");
    REQUIRE(r);
    INFO(r->body);
    CHECK(r->status == 200);
    CHECK(json(r)["rows"][0][0].GetInt() == 1);
  }
  SECTION("a chunked body, and two requests in one write") {
    RawClient raw(srv.port());
    const std::string body = R"j({"query": "RETURN 2 AS two"})j";
    char size[16];
    std::snprintf(size, sizeof size, "%zx", body.size());
    raw.send(std::string("POST /api/query HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: "
                         "chunked\r\nContent-Type: application/json\r\n\r\n") +
             size + "\r\n" + body + "\r\n0\r\n\r\n" +
             "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    const std::string answers = raw.receive(5000);
    INFO(answers);
    CHECK(status_line(answers) == "HTTP/1.1 200 OK");
    CHECK(answers.find("[[2]]") != std::string::npos);
    CHECK(answers.find("\"status\":\"ok\"") != std::string::npos);
  }
  SECTION("a body in 30,000 one-byte chunks is read; chunk lines past twice the limit are not") {
    RawClient raw(srv.port());
    std::string head =
        "POST /api/query HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
        "Content-Type: application/json\r\n\r\n";
    const std::string body =
        R"j({"query": "RETURN 3 AS three", "reason": ")j" + std::string(30000, 'r') + "\"}";
    std::string chunks;
    for (char ch : body) chunks += std::string("1\r\n") + ch + "\r\n";
    raw.send(head + chunks + "0\r\n\r\n");
    const std::string answer = raw.receive(10000);
    CHECK(status_line(answer) == "HTTP/1.1 200 OK");
    CHECK(answer.find("[[3]]") != std::string::npos);

    RawClient padded(srv.port());
    std::string wasteful = head;
    for (int i = 0; i < 200; ++i) wasteful += "1;" + std::string(1000, 'x') + "\r\na\r\n";
    padded.send(wasteful);
    CHECK(status_line(padded.receive(5000)) == "HTTP/1.1 413 Payload Too Large");
  }
  SECTION("Content-Length and chunked together: 400") {
    RawClient raw(srv.port());
    raw.send(
        "POST /api/query HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 3\r\nTransfer-Encoding: "
        "chunked\r\n\r\n0\r\n\r\n");
    CHECK(status_line(raw.receive(5000)) == "HTTP/1.1 400 Bad Request");
  }
  SECTION("beyond --max-connections the one that waited longest is closed with 503") {
    std::vector<std::unique_ptr<RawClient>> slow;
    for (int i = 0; i < 8; ++i) {
      slow.push_back(std::make_unique<RawClient>(srv.port()));
      slow.back()->send("GET /api/nodes HTTP/1.1\r\n");
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    auto r = srv.client().Get("/api/health");
    REQUIRE(r);
    CHECK(r->status == 200);
    const std::string answer = slow.front()->receive(5000);
    CHECK(status_line(answer) == "HTTP/1.1 503 Service Unavailable");
    CHECK(answer.find("\"too_many_connections\"") != std::string::npos);
    slow.back()->send("Host: 127.0.0.1\r\n\r\n");
    CHECK(status_line(slow.back()->receive(5000)) == "HTTP/1.1 200 OK");
  }
}

TEST_CASE("server: only the configured Host names are answered", "[server][front-door]") {
  TempDir tmp;
  seed(tmp.file("data"));
  auto o = options(tmp);
  o.allowed_hosts = {"graph.example.org", "proxy.example.org:8443"};
  Running srv(o);
  auto c = srv.client();
  auto with_host = [&](const std::string& host) {
    return c.Get("/api/health", httplib::Headers{{"Host", host}});
  };
  const std::string port = std::to_string(srv.port());
  for (const std::string& host : std::vector<std::string>{
           "127.0.0.1", "127.0.0.1:" + port, "localhost:" + port, "LocalHost", "[::1]:" + port,
           "graph.example.org", "graph.example.org:99", "proxy.example.org:8443"}) {
    INFO(host);
    CHECK(with_host(host)->status == 200);
  }
  for (const std::string& host :
       std::vector<std::string>{"evil.example.com", "evil.example.com:" + port, "localhost:1",
                                "proxy.example.org", "127.0.0.1.evil.com"}) {
    INFO(host);
    CHECK(error_code(with_host(host), 421) == "misdirected_host");
  }
  // A rebinding page reads nothing and writes nothing either.
  CHECK(error_code(c.Post("/api/query", httplib::Headers{{"Host", "evil.example.com"}},
                          R"j({"query": "RETURN 1"})j", "application/json"),
                   421) == "misdirected_host");
}

TEST_CASE("server: any Host with --allowed-hosts '*'", "[server][front-door]") {
  TempDir tmp;
  seed(tmp.file("data"));
  auto o = options(tmp);
  o.allowed_hosts = {"*"};
  Running srv(o);
  CHECK(srv.client().Get("/api/health", httplib::Headers{{"Host", "any.example"}})->status == 200);
}

TEST_CASE("server: error messages keep a NUL and name no temporary file", "[server][front-door]") {
  TempDir tmp;
  {
    DataDir dir(tmp.file("data"), DataDir::Access::Write);
    GraphStore store;
    loaders::ingest_path(kSeed, store);
    const std::vector<std::string> actor = {"Actor"};
    store.add_node("actor:bad", actor, "Bad \xff\xfe name");  // as CSV ingest let in (item 7)
    dir.save(store);
  }
  Running srv(options(tmp));
  auto c = srv.client();
  auto d = json(c.Get("/api/nodes/%00abc"));
  const std::string message(d["error"]["message"].GetString(),
                            d["error"]["message"].GetStringLength());
  CHECK(message == std::string("no node with id '\0abc'", 22));

  std::filesystem::create_directories(tmp.file("exports"));
  normgraph::testing::ScopedEnv tmpdir("TMPDIR", tmp.file("exports"));
  auto r = c.Get("/api/export?format=json");
  REQUIRE(r);
  INFO(r->body);
  CHECK(r->status >= 400);
  CHECK(r->body.find(tmp.file("exports")) == std::string::npos);
  CHECK(r->body.find("normgraph-serve-") == std::string::npos);
}

TEST_CASE("server: health takes no lock: it answers while a writer waits for a long query",
          "[server][front-door]") {
  TempDir tmp;
  seed(tmp.file("data"));
  auto o = options(tmp);
  o.query_time_limit_seconds = 3;
  Running srv(o);
  std::atomic<bool> query_done{false}, write_done{false};
  std::thread reader([&] {
    srv.client().Post("/api/query",
                      R"j({"query": "MATCH (a), (b), (c), (d), (e), (f) RETURN count(*)"})j",
                      "application/json");
    query_done = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  std::thread writer([&] {
    srv.client().Post("/api/query", auth(), R"j({"query": "CREATE (:Topic {name: 'w'})"})j",
                      "application/json");
    write_done = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  auto r = srv.client().Get("/api/health");
  const bool answered_while_blocked = !query_done && !write_done;
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(answered_while_blocked);
  reader.join();
  writer.join();
  CHECK(json(srv.client().Get("/api/health"))["journal_records"].GetUint64() == 1);
}

TEST_CASE("server: a journal record of a newer version stops the server from starting",
          "[server]") {
  TempDir tmp;
  seed(tmp.file("data"));
  {
    Journal j(tmp.file("data") + "/journal");
    j.replay([](std::string_view) {});
    j.append(R"({"v": 2, "kind": "statement", "name": "later", "text": "Later."})");
  }
  const std::string before = normgraph::testing::read_file(tmp.file("data") + "/journal");
  auto o = options(tmp);
  o.log = nullptr;
  CHECK_THROWS_AS(server::Server(o), StorageError);
  CHECK(normgraph::testing::read_file(tmp.file("data") + "/journal") == before);
}

TEST_CASE("server: after 100 Continue the answer's write clock starts with the answer",
          "[server][front-door]") {
  TempDir tmp;
  seed(tmp.file("data"));
  auto o = options(tmp);
  o.write_timeout_seconds = 2;  // less than the query takes: only the answer is timed
  o.query_max_rows = 0;
  o.query_time_limit_seconds = 0;  // however loaded the machine, the query runs to its end
  Running srv(o);
  RawClient raw(srv.port());
  // An answer of about 20 MB, more than the socket buffers hold: writing it waits for the
  // client, which reads at once.
  const std::string body = R"j({"query": "UNWIND range(1, 2000000) AS x RETURN x"})j";
  raw.send(
      "POST /api/query HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
      "Expect: 100-continue\r\nConnection: close\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n");
  CHECK(status_line(raw.receive(5000)) == "HTTP/1.1 100 Continue");
  raw.send(body);
  const std::string answer = raw.receive(30000);
  CHECK(status_line(answer) == "HTTP/1.1 200 OK");
  const size_t length_at = answer.find("Content-Length: ");
  REQUIRE(length_at != std::string::npos);
  const size_t length = std::stoul(answer.substr(length_at + 16));
  CHECK(answer.size() - (answer.find("\r\n\r\n") + 4) == length);
}

TEST_CASE("server: health has workers of its own: it answers while every worker is busy",
          "[server][front-door]") {
  TempDir tmp;
  seed(tmp.file("data"));
  auto o = options(tmp);
  o.threads = 2;
  o.query_time_limit_seconds = 3;
  Running srv(o);
  std::atomic<int> running{2};
  std::vector<std::thread> busy;
  for (int i = 0; i < 2; ++i)
    busy.emplace_back([&] {
      srv.client().Post("/api/query",
                        R"j({"query": "MATCH (a), (b), (c), (d), (e), (f) RETURN count(*)"})j",
                        "application/json");
      --running;
    });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  auto r = srv.client().Get("/api/health");
  const int still_running = running;
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(still_running == 2);  // answered before either worker was free
  for (auto& t : busy) t.join();
}

TEST_CASE("server: sentence search over every sentence follows posted documents",
          "[server][sentences]") {
  TempDir tmp;
  seed(tmp.file("data"));
  Running srv(options(tmp));
  auto c = srv.client();
  auto before =
      json(c.Get("/api/sentences?q=security&limit=2&mark_open=%3Cb%3E&mark_close=%3C/b%3E"));
  CHECK(before["total"].GetUint64() > 2);
  REQUIRE(before["hits"].Size() == 2);
  const std::string marked = before["hits"][0]["marked"].GetString();
  CHECK(marked.find("<b>") != std::string::npos);
  CHECK(std::string(before["hits"][0]["doc"].GetString()).rfind("doc:", 0) == 0);
  CHECK(error_code(c.Get("/api/sentences?q="), 400) == "bad_search");
  CHECK(error_code(c.Get("/api/sentences?q=a%20AND%20(&match=1"), 400) == "bad_search");
  CHECK(error_code(c.Get("/api/sentences?q=x&order=colour"), 400) == "bad_parameter");
  CHECK(json(c.Get("/api/sentences?q=peaceful%20orbit%20of%20turnips"))["total"].GetUint64() == 0);

  auto r = c.Post("/api/documents", auth(),
                  doc_body("MYS_2019_turnips",
                           "Malaysia observes the peaceful orbit of turnips with interest."),
                  "application/json");
  REQUIRE(r);
  CHECK(r->status == 201);
  auto after = json(c.Get("/api/sentences?q=peaceful%20orbit%20of%20turnips"));
  REQUIRE(after["total"].GetUint64() == 1);
  CHECK(std::string(after["hits"][0]["doc"].GetString()) == "doc:mys-2019-turnips");
  auto years = json(c.Get("/api/sentences?q=turnips&count_by=year"));
  REQUIRE(years["counts"].Size() == 1);
  CHECK(std::string(years["counts"][0]["year"].GetString()) == "2019");
}

TEST_CASE("server: as-of views, compare and timeline", "[server][positions]") {
  TempDir tmp;
  {
    DataDir dir(tmp.file("data"), DataDir::Access::Write);
    GraphStore store;
    loaders::ingest_path(std::string(NORMGRAPH_SOURCE_DIR) + "/examples/positions/positions.json",
                         store);
    dir.save(store);
  }
  Running srv(options(tmp));
  auto c = srv.client();
  auto query = [&](const std::string& body) {
    return c.Post("/api/query", body, "application/json");
  };
  const std::string count = R"j("query": "MATCH (:Actor)-[r:ENDORSES]->() RETURN count(r)")j";
  CHECK(json(query("{" + count + "}"))["rows"][0][0].GetInt64() == 5);
  CHECK(json(query("{" + count + R"j(, "as_of": "2019"})j"))["rows"][0][0].GetInt64() == 3);
  CHECK(json(query("{" + count + R"j(, "exclude_sources": "supporters"})j"))["rows"][0][0]
            .GetInt64() == 4);
  CHECK(error_code(query("{" + count + R"j(, "since": "yesterday"})j"), 400) == "bad_parameter");
  CHECK(error_code(query(R"j({"query": "CREATE (:Topic {name: 'x'})", "as_of": "2019"})j"), 400) ==
        "bad_request");

  auto neighbors = json(c.Get("/api/nodes/state:OTH/neighbors?as_of=2019"));
  CHECK(neighbors["edges"].Size() == 0);
  CHECK(json(c.Get("/api/nodes/state:OTH/neighbors"))["edges"].Size() == 3);
  CHECK(error_code(c.Get("/api/nodes/state:OTH/neighbors?sources=rumour"), 400) == "bad_parameter");

  auto matrix = c.Get("/api/export?format=matrix&as_of=2019");
  REQUIRE(matrix);
  CHECK(matrix->status == 200);
  CHECK(matrix->body.find("Otherland") == std::string::npos);
  CHECK(c.Get("/api/export?format=matrix")->body.find("Otherland") != std::string::npos);

  auto changes = json(c.Get("/api/check?check=stance_change"));
  CHECK(changes["summary"]["by_check"]["stance_change"]["count"].GetUint64() == 1);
  auto early = json(c.Get("/api/check?as_of=2019"));
  CHECK(!early["summary"]["by_check"].HasMember("stance_change"));

  auto compare = json(c.Get("/api/compare?a=Examplestan&b=state:OTH"));
  CHECK(std::string(compare["first"]["id"].GetString()) == "state:XYZ");
  CHECK(std::string(compare["concepts"][0]["relation"].GetString()) == "collision");
  CHECK(std::string(compare["concepts"][0]["concept"]["id"].GetString()) ==
        "principle:sovereignty");
  auto compare_2019 = json(c.Get("/api/compare?a=Examplestan&b=state:OTH&until=2019"));
  for (const auto& cc : compare_2019["concepts"].GetArray())
    CHECK(std::string(cc["relation"].GetString()) == "only_first");
  auto svg = c.Get("/api/compare?a=Examplestan&b=Otherland&format=svg");
  REQUIRE(svg);
  CHECK(svg->get_header_value("Content-Type") == "image/svg+xml");
  CHECK(error_code(c.Get("/api/compare?a=Examplestan"), 400) == "bad_parameter");
  CHECK(error_code(c.Get("/api/compare?a=Examplestan&b=Nowhere"), 404) == "not_found");

  auto timeline = json(c.Get("/api/timeline?actor=Examplestan&concept=principle:sovereignty"));
  REQUIRE(timeline["concepts"].Size() == 1);
  CHECK(timeline["years"].Size() == 2);
  CHECK(std::string(timeline["concepts"][0]["years"][1]["event"].GetString()) == "change");
  auto csv = c.Get("/api/timeline?actor=Examplestan&format=csv");
  REQUIRE(csv);
  CHECK(csv->body.rfind("concept_id,concept,year,stance,event,sentences\n", 0) == 0);
  CHECK(error_code(c.Get("/api/timeline?actor=Examplestan&format=pdf"), 400) == "bad_parameter");

  auto alignment = json(c.Get("/api/alignment?actor=Examplestan&actor=state:OTH"));
  REQUIRE(alignment["pairs"].Size() == 1);
  CHECK(alignment["pairs"][0]["score"].GetDouble() == 0.0);
  const auto& collision = alignment["pairs"][0]["collisions"][0];
  CHECK(std::string(collision["concept"]["id"].GetString()) == "principle:sovereignty");
  CHECK(collision["first"][0]["sentences"].Size() >= 1);  // cited
  CHECK(collision["second"][0]["sentences"].Size() >= 1);
  CHECK(std::string(alignment["pairs"][0]["shared"][0]["concept"]["id"].GetString()) ==
        "principle:restraint");
  auto alignment_2019 = json(c.Get("/api/alignment?actor=Examplestan&actor=state:OTH&until=2019"));
  CHECK(alignment_2019["pairs"].Size() == 0);
  auto heat_map = c.Get("/api/alignment?format=svg");
  REQUIRE(heat_map);
  CHECK(heat_map->get_header_value("Content-Type") == "image/svg+xml");
  CHECK(error_code(c.Get("/api/alignment?actor=Nowhere"), 404) == "not_found");
}
