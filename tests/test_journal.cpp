// The append-only journal of the data directory (docs/storage.md "Journal").
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "normgraph/core/errors.hpp"
#include "normgraph/engine/data_dir.hpp"
#include "normgraph/engine/graph_store.hpp"
#include "normgraph/engine/journal.hpp"
#include "normgraph/rules/graph_rules.hpp"
#include "normgraph/workspace/journal_records.hpp"
#include "normgraph/workspace/workspace.hpp"
#include "test_helpers.hpp"

using normgraph::Journal;
using normgraph::testing::TempDir;

namespace {
std::vector<std::string> replay_all(Journal& j, Journal::ReplayReport* report = nullptr) {
  std::vector<std::string> out;
  auto r = j.replay([&](std::string_view p) { out.emplace_back(p); });
  if (report) *report = r;
  return out;
}

// The journal emptied to a base record naming `snapshot`, as a fold leaves it.
void reset_to_base(const std::string& path, uint64_t snapshot) {
  Journal j(path);
  replay_all(j);
  j.reset();
  j.append(normgraph::workspace::encode_record(normgraph::workspace::BaseRecord{snapshot}));
}
}  // namespace

TEST_CASE("journal: records come back in order after reopening", "[journal]") {
  TempDir dir;
  const std::string path = dir.file("journal");
  {
    Journal j(path);
    CHECK(replay_all(j).empty());
    j.append("first");
    j.append("");
    j.append(std::string(100000, 'x'));
    CHECK(j.record_count() == 3);
  }
  Journal j(path);
  Journal::ReplayReport report;
  auto records = replay_all(j, &report);
  REQUIRE(records.size() == 3);
  CHECK(records[0] == "first");
  CHECK(records[1].empty());
  CHECK(records[2].size() == 100000);
  CHECK(report.dropped_bytes == 0);
  j.append("fourth");
  CHECK(j.record_count() == 4);
}

TEST_CASE("journal: a torn tail is dropped and kept aside, earlier records survive", "[journal]") {
  TempDir dir;
  const std::string path = dir.file("journal");
  uint64_t good_size = 0;
  {
    Journal j(path);
    replay_all(j);
    j.append("one");
    j.append("two");
    good_size = j.size_bytes();
    j.append("three-is-longer");
  }
  // Cut the last record in the middle, as a crash during its write would.
  const auto full = std::filesystem::file_size(path);
  std::filesystem::resize_file(path, full - 5);
  {
    Journal j(path);
    Journal::ReplayReport report;
    auto records = replay_all(j, &report);
    CHECK(records == std::vector<std::string>{"one", "two"});
    CHECK(report.dropped_bytes == full - 5 - good_size);
    CHECK(std::filesystem::file_size(path) == good_size);
    CHECK(std::filesystem::exists(path + ".dropped"));
    j.append("four");  // follows the last intact record
  }
  Journal j(path);
  CHECK(replay_all(j) == std::vector<std::string>{"one", "two", "four"});
}

TEST_CASE("journal: a record whose checksum fails ends the journal", "[journal]") {
  TempDir dir;
  const std::string path = dir.file("journal");
  {
    Journal j(path);
    replay_all(j);
    j.append("alpha");
    j.append("bravo");
  }
  // Flip a payload byte of the second record.
  std::string bytes = normgraph::testing::read_file(path);
  auto at = bytes.rfind("bravo");
  REQUIRE(at != std::string::npos);
  bytes[at] = 'B';
  normgraph::testing::write_file(path, bytes);
  Journal j(path);
  CHECK(replay_all(j) == std::vector<std::string>{"alpha"});
}

TEST_CASE("journal: reset empties it and a foreign file is refused", "[journal]") {
  TempDir dir;
  const std::string path = dir.file("journal");
  {
    Journal j(path);
    replay_all(j);
    j.append("x");
    j.reset();
    CHECK(j.record_count() == 0);
  }
  Journal j(path);
  CHECK(replay_all(j).empty());
  normgraph::testing::write_file(dir.file("other"), "not a journal at all");
  CHECK_THROWS_AS(Journal(dir.file("other")), normgraph::StorageError);
}

TEST_CASE("document journal: records round-trip and replay into a store", "[journal]") {
  using namespace normgraph::workspace;
  DocumentRecord r{"statement", "MYS_2019_j",
                   "Malaysia supports the principle of state sovereignty in cyberspace."};
  const Record decoded = decode_record(encode_record(r));
  REQUIRE(std::holds_alternative<DocumentRecord>(decoded));
  const auto& back = std::get<DocumentRecord>(decoded);
  CHECK(back.kind == r.kind);
  CHECK(back.name == r.name);
  CHECK(back.text == r.text);
  CHECK_THROWS_AS(decode_record("{}"), normgraph::InputError);
  CHECK_THROWS_AS(decode_record("not json"), normgraph::InputError);
  CHECK_THROWS_AS(decode_record(R"({"v": 1, "kind": "poem", "name": "a", "text": "b"})"),
                  normgraph::InputError);
  CHECK_THROWS_AS(decode_record(R"({"v": 1, "kind": "base", "snapshot": "xyz"})"),
                  normgraph::InputError);
  CHECK(std::get<BaseRecord>(decode_record(encode_record(BaseRecord{0xabcdef}))).snapshot ==
        0xabcdef);

  TempDir dir;
  {
    Journal j(dir.file("journal"));
    j.replay([](std::string_view) {});
    j.append(encode_record(r));
    j.append("garbage that no loader takes");
  }
  // A torn tail after the two records: a reader leaves it, a writer cuts it.
  const auto intact = std::filesystem::file_size(dir.file("journal"));
  normgraph::testing::write_file(dir.file("journal"),
                                 normgraph::testing::read_file(dir.file("journal")) + "NJGR\x05");
  size_t nodes = 0;
  {
    normgraph::DataDir reader(dir.path(), normgraph::DataDir::Access::Read);
    Workspace ws(reader);
    CHECK(ws.replay().applied == 1);
    CHECK(ws.replay().errors.size() == 1);
    CHECK(ws.replay().dropped_bytes == 5);
    CHECK_FALSE(ws.replay().has_base);
    CHECK(ws.store().find_node("doc:mys-2019-j"));
    nodes = ws.store().node_count();
  }
  CHECK(std::filesystem::file_size(dir.file("journal")) == intact + 5);
  normgraph::DataDir writer(dir.path(), normgraph::DataDir::Access::Write);
  Workspace again(writer);
  CHECK(again.replay().applied == 1);
  CHECK(std::filesystem::file_size(dir.file("journal")) == intact);
  CHECK(again.store().node_count() == nodes);
  again.save();
  Journal after(dir.file("journal"), true);
  const auto records = replay_all(after);
  REQUIRE(records.size() == 1);  // the base record naming the snapshot just saved
  CHECK(std::get<BaseRecord>(decode_record(records[0])).snapshot == writer.snapshot_checksum());
  CHECK(writer.snapshot_checksum() != 0);
}

TEST_CASE("workspace: a journaled write is replayed by the next opening, a saved one is not",
          "[journal]") {
  using namespace normgraph;
  TempDir dir;
  {
    DataDir data(dir.path(), DataDir::Access::Write);
    workspace::Workspace ws(data, {.journaled = true});
    CHECK(ws.journal_records() == 0);
    ws.commit(ws.prepare({"statement", "MYS_2019_j",
                          "Malaysia supports the principle of state sovereignty in cyberspace."}));
    query::QueryOptions opts;
    ws.run_write({"CREATE (:Topic {name: 't', x: rand()})", {}, "tester", "", 5, 1}, opts);
    ws.run_write({"MATCH (n:Topic) RETURN n.x", {}, "tester", "", 5, 1}, opts);  // no change
    CHECK(ws.journal_records() == 2);
  }  // as a killed server leaves it: the snapshot has none of it
  DataDir data(dir.path(), DataDir::Access::Write);
  workspace::Workspace ws(data, {.journaled = true});
  CHECK(ws.replay().applied == 2);
  CHECK(ws.replay().has_base);
  CHECK(ws.store().find_node("doc:mys-2019-j"));
  CHECK(ws.journal_records() == 2);
  ws.save();
  CHECK(ws.journal_records() == 0);
}

TEST_CASE("journal: write queries replay to the same values, a folded journal is not reapplied",
          "[journal]") {
  using namespace normgraph;
  TempDir dir;
  DataDir data(dir.path(), DataDir::Access::Write);
  GraphStore store;
  const std::vector<std::string> actor = {"Actor"};
  store.add_node("actor:a", actor, "A");
  data.save(store);
  const uint64_t first = data.snapshot_checksum();
  CHECK(first != 0);
  {
    reset_to_base(dir.file("journal"), first);
    Journal j(dir.file("journal"));
    replay_all(j);
    workspace::CypherRecord r{
        "MATCH (a {id: 'actor:a'}) CREATE (a)-[:MEMBER_OF]->(:Organization "
        "{name: 'O', x: rand(), t: timestamp()})",
        {},
        "tester",
        "a test",
        7,
        1'700'000'000'000};
    j.append(workspace::encode_record(r));
  }
  auto replayed = [&] {
    workspace::Workspace ws(data);
    CHECK(ws.replay().has_base);
    return std::pair(std::move(ws.store()), ws.replay());
  };
  auto [one, replay_one] = replayed();
  auto [two, replay_two] = replayed();
  CHECK(replay_one.applied == 1);
  CHECK(one.node_count() == 2);
  CHECK(one.edge_count() == 1);
  auto org = [](const GraphStore& g) {
    NodeId n = 0;
    g.for_each_node_with_label("Organization", [&](NodeId m) {
      n = m;
      return false;
    });
    return g.node_props(n);
  };
  CHECK(org(one) == org(two));
  CHECK(*find_entry(org(one), "t") == Value(int64_t{1'700'000'000'000}));

  // A fold whose crash came after the snapshot was saved and before the journal was emptied:
  // the journal's base names the old snapshot, so the CREATE is not made twice.
  data.save(one);
  CHECK(data.snapshot_checksum() != first);
  auto [three, replay_three] = replayed();
  CHECK(replay_three.applied == 0);
  CHECK(replay_three.folded == 1);
  CHECK(three.node_count() == 2);
  reset_to_base(dir.file("journal"), data.snapshot_checksum());
  auto [four, replay_four] = replayed();
  CHECK(replay_four.folded == 0);
  CHECK(four.node_count() == 2);
}

TEST_CASE("journal: a record of a newer version refuses the data directory and stays",
          "[journal]") {
  using namespace normgraph;
  TempDir dir;
  {
    DataDir data(dir.path(), DataDir::Access::Write);
    GraphStore store;
    const std::vector<std::string> actor = {"Actor"};
    store.add_node("actor:a", actor, "A");
    data.save(store);
    reset_to_base(dir.file("journal"), data.snapshot_checksum());
    Journal j(dir.file("journal"));
    replay_all(j);
    j.append(workspace::encode_record(
        workspace::CypherRecord{"CREATE (:Topic {name: 't'})", {}, "", "", 3, 1}));
    j.append(R"j({"v": 2, "kind": "cypher", "query": "CREATE (:Topic {name: 'u'})"})j");
  }
  const std::string before = testing::read_file(dir.file("journal"));
  auto refused = [&](bool writable) {
    DataDir data(dir.path(), writable ? DataDir::Access::Write : DataDir::Access::Read);
    try {
      workspace::Workspace ws(data, {.journaled = writable});
      FAIL("the newer record was not refused");
    } catch (const StorageError& e) {
      const std::string message = e.what();
      INFO(message);
      CHECK(message.find(dir.file("journal")) != std::string::npos);
      CHECK(message.find("record 3") != std::string::npos);
      CHECK(message.find("version 2") != std::string::npos);
    }
  };
  refused(false);
  refused(true);
  // Nothing was cut, reset or folded: a newer normgraph still finds its record.
  CHECK(testing::read_file(dir.file("journal")) == before);
}

TEST_CASE("workspace: each change makes a new version, and rules are evaluated once a version",
          "[journal][rules]") {
  using namespace normgraph;
  TempDir dir;
  DataDir data(dir.path(), DataDir::Access::Write);
  workspace::Workspace ws(data, {.journaled = true});
  const auto rule_files = rules::default_rule_files();
  const uint64_t v0 = ws.generation();
  const auto first = ws.evaluated(rule_files, {});
  CHECK(first->generation == v0);
  CHECK(ws.evaluated(rule_files, {}) == first);  // shared, not evaluated again
  query::QueryOptions opts;
  ws.run_write({"MATCH (n) RETURN count(n)", {}, "", "", 1, 1}, opts);
  CHECK(ws.generation() == v0);  // a query that changed nothing
  ws.commit(ws.prepare({"statement", "MYS_2019_j",
                        "Malaysia supports the principle of state sovereignty in cyberspace."}));
  const uint64_t v1 = ws.generation();
  CHECK(v1 != v0);
  const auto second = ws.evaluated(rule_files, {});
  CHECK(second != first);
  CHECK(second->generation == v1);
  CHECK(second->rules->evaluation().store().find_node("doc:mys-2019-j"));
  ws.save();
  CHECK(ws.generation() != v1);  // saving renumbers nodes
}
