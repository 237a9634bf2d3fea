#pragma once
// The values of TCK result tables and parameter tables: Cypher literals plus the notation for
// nodes `(:A {k: 1})`, relationships `[:T {k: 1}]` and paths `<(:A)-[:T]->(:B)>`. Expected
// values are parsed from the feature files, actual ones are built from query results; both
// are compared through one canonical text (canonical()), which also shows them in reports.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace normgraph::tck {

struct TckEntry;
// A map's entries in the order written; defined below TckValue, which must be complete there.
using TckEntries = std::vector<TckEntry>;

struct TckValue {
  enum class Kind { Null, Bool, Int, Float, String, List, Map, Node, Relationship, Path };
  Kind kind = Kind::Null;
  bool boolean = false;
  int64_t integer = 0;
  double real = 0;
  std::string text;                 // a string's value; a relationship's type
  std::vector<TckValue> items;      // a list's elements; a path's nodes and relationships in turn
  TckEntries entries;               // a map's entries; a node's or relationship's properties
  std::vector<std::string> labels;  // a node's labels
  bool backward = false;            // a relationship in a path that points from right to left

  static TckValue null();
  static TckValue of_bool(bool b);
  static TckValue of_int(int64_t i);
  static TckValue of_float(double d);
  static TckValue of_string(std::string s);
  static TckValue of_list(std::vector<TckValue> items);
  static TckValue of_map(TckEntries entries);
  static TckValue node(std::vector<std::string> labels, TckEntries properties);
  static TckValue relationship(std::string type, TckEntries properties);
};

struct TckEntry {
  std::string key;
  TckValue value;
};

// A malformed value literal; the message names the offset in the literal.
class ValueSyntaxError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Parses one value literal of a table cell (Gherkin escapes already removed).
TckValue parse_tck_value(std::string_view text);

struct CanonicalOptions {
  bool unordered_lists = false;  // lists compare as multisets ("ignoring element order for lists")
};

// A text that is equal for two values exactly when they are equal in the TCK's sense: labels
// are a set, map keys are sorted, floats are compared by value (NaN equals NaN, -0.0 equals
// 0.0) and are never equal to integers.
std::string canonical(const TckValue& value, const CanonicalOptions& options = {});

// A result table: the header row and the value rows.
struct TckTable {
  std::vector<std::string> columns;
  std::vector<std::vector<TckValue>> rows;
};

enum class RowOrder { Any, Exact };

// Compares an actual result with an expected one. Returns an empty string when they match,
// else a description of the difference (both tables in canonical form).
std::string compare_tables(const TckTable& expected, const TckTable& actual, RowOrder order,
                           const CanonicalOptions& options = {});

}  // namespace normgraph::tck
