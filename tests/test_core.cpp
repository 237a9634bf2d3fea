// core/: the ontology folder, the string and file helpers every layer shares.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "normgraph/core/errors.hpp"
#include "normgraph/core/files.hpp"
#include "normgraph/core/ontology_dir.hpp"
#include "normgraph/core/strings.hpp"
#include "test_helpers.hpp"

using normgraph::testing::ScopedEnv;
using normgraph::testing::TempDir;

namespace {

std::string read_error(const std::string& path) {
  try {
    normgraph::read_file(path);
  } catch (const normgraph::InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("the ontology folder is the source tree's unless NORMGRAPH_ONTOLOGY_DIR says", "[core]") {
  const std::string source = NORMGRAPH_SOURCE_DIR "/ontology";
  CHECK(std::filesystem::equivalent(normgraph::default_ontology_dir(), source));
  SECTION("unset: the compiled-in default") {
    ScopedEnv env("NORMGRAPH_ONTOLOGY_DIR", "");
    unsetenv("NORMGRAPH_ONTOLOGY_DIR");
    CHECK(normgraph::ontology_dir() == normgraph::default_ontology_dir());
    CHECK(std::filesystem::exists(normgraph::ontology_path("schema.json")));
  }
  SECTION("empty: the compiled-in default") {
    ScopedEnv env("NORMGRAPH_ONTOLOGY_DIR", "");
    CHECK(normgraph::ontology_dir() == normgraph::default_ontology_dir());
  }
  SECTION("set: the variable's folder") {
    TempDir dir;
    ScopedEnv env("NORMGRAPH_ONTOLOGY_DIR", dir.path());
    CHECK(normgraph::ontology_dir() == dir.path());
    CHECK(normgraph::ontology_path("vocab") == dir.file("vocab"));
    CHECK(normgraph::ontology_path("viz/styles.json") == dir.path() + "/viz/styles.json");
  }
}

TEST_CASE("ascii_lower changes A-Z only and leaves UTF-8 bytes alone", "[core]") {
  CHECK(normgraph::ascii_lower("Hello, World 42") == "hello, world 42");
  CHECK(normgraph::ascii_lower("") == "");
  // Ä (C3 84), Ü (C3 9C), É (C3 89): multi-byte sequences pass unchanged whatever the locale.
  CHECK(normgraph::ascii_lower("\xC3\x84LAND \xC3\x9C"
                               "BER \xC3\x89TAT") ==
        "\xC3\x84land \xC3\x9C"
        "ber \xC3\x89tat");
  CHECK(normgraph::ascii_lower("C\xC3\xB4TE D'IVOIRE") == "c\xC3\xB4te d'ivoire");
}

TEST_CASE("trim removes the given bytes at both ends and no others", "[core]") {
  using normgraph::trim;
  CHECK(trim("  a b \t\r") == "a b");
  CHECK(trim(" \t\r ").empty());
  CHECK(trim("").empty());
  CHECK(trim("x") == "x");
  CHECK(trim("\na\n") == "\na\n");  // not in the default set
  CHECK(trim("\na\n", " \t\r\n") == "a");
  CHECK(trim(" \ta\t ", " ") == "\ta\t");
  // A no-break space (C2 A0) is text, not a byte to trim; UTF-8 at the ends stays whole.
  CHECK(trim("\xC2\xA0x\xC2\xA0") == "\xC2\xA0x\xC2\xA0");
  CHECK(trim(" \xC3\xA9t\xC3\xA9 ") == "\xC3\xA9t\xC3\xA9");
}

TEST_CASE("read_file returns every byte or says why it cannot", "[core]") {
  TempDir dir;
  const std::string bytes("a\0b\r\n\xC3\xA9\xFF", 8);
  normgraph::testing::write_file(dir.file("f.bin"), bytes);
  CHECK(normgraph::read_file(dir.file("f.bin")) == bytes);
  normgraph::testing::write_file(dir.file("empty"), "");
  CHECK(normgraph::read_file(dir.file("empty")).empty());
  const std::string big(300000, 'x');
  normgraph::testing::write_file(dir.file("big"), big);
  CHECK(normgraph::read_file(dir.file("big")) == big);

  CHECK(read_error(dir.file("missing")) ==
        dir.file("missing") + ": cannot open: No such file or directory");
  CHECK(read_error(dir.path()) == dir.path() + ": is a directory");
}
