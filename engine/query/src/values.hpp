#pragma once
// Cypher value semantics: equality and comparison with null (ternary logic), the total order
// of ORDER BY, equivalence and hashing for DISTINCT and grouping, arithmetic with Cypher's
// typing, and conversion to text.
#include <cstddef>
#include <cstdint>
#include <string>

#include "normgraph/core/value.hpp"

namespace normgraph::query {

// Ternary logic: a comparison with null (or of incomparable values) is Null.
enum class Tri : uint8_t { False, True, Null };
inline Tri tri(bool b) {
  return b ? Tri::True : Tri::False;
}
Value to_value(Tri t);  // Null -> null
Tri tri_and(Tri a, Tri b);
Tri tri_or(Tri a, Tri b);
Tri tri_xor(Tri a, Tri b);
Tri tri_not(Tri a);
// A boolean or null as Tri; any other value throws QueryError TypeError/InvalidArgumentType.
Tri truth(const Value& v);

// `a = b` (and `<>` as its negation). Lists and maps compare element-wise; an integer equals
// the float with the same value; null anywhere inside makes the answer Null when no other
// element decides it; NaN equals nothing.
Tri equals(const Value& a, const Value& b);

enum class CompareOp : uint8_t { Lt, Le, Gt, Ge };
// `a < b` etc.: numbers with numbers, strings with strings, booleans with booleans, lists with
// lists (lexicographically); anything else (different types, maps, graph elements) is Null.
// NaN against a number is false for every operator (TCK Comparison2 [5]). Strings compare by
// UTF-8 bytes, which is code point order.
Tri compare(const Value& a, const Value& b, CompareOp op);

// `x IN list`: true when an element equals x, else null when some comparison was null, else
// false (TCK List5, Null3 [4]). A null list gives null; a non-list throws TypeError.
Tri in_list(const Value& x, const Value& list);

// The total order of ORDER BY (openCypher "orderability"): maps < nodes < relationships <
// lists < paths < strings < booleans < numbers (NaN last among numbers) < null, ascending.
// Returns <0, 0, >0.
int order_compare(const Value& a, const Value& b);

// Equivalence for DISTINCT, grouping and IN-list deduplication: like equals, but null is
// equivalent to null and NaN to NaN. An integer is equivalent to the float of the same value
// (1 and 1.0 are one group): no TCK scenario mixes them under DISTINCT, so this follows the
// openCypher equivalence CIP (equivalence is equality plus null and NaN) and Neo4j, whose
// number values are equal and hash alike across types. hash_value is consistent with it.
bool equivalent(const Value& a, const Value& b);
size_t hash_value(const Value& v);

// Arithmetic. Integer overflow and integer division (or modulo) by zero throw QueryError
// ArgumentError/NumberOutOfRange (runtime);
// a null operand gives null; wrong types throw TypeError/InvalidArgumentType.
// add also concatenates strings (string + number/boolean converts the other side; a map or
// graph element is a TypeError), and lists (list + x appends, x + list prepends; list + null
// is null, as in Neo4j).
Value add(const Value& a, const Value& b);
Value subtract(const Value& a, const Value& b);
Value multiply(const Value& a, const Value& b);
Value divide(const Value& a,
             const Value& b);  // integer / integer truncates; / 0 throws ArgumentError
Value modulo(const Value& a, const Value& b);
Value power(const Value& a, const Value& b);  // always a float
Value negate(const Value& a);

// A float as Cypher (Neo4j, with Java's Double.toString) prints it: 1.0, 0.5, -0.0,
// 1e20 -> "1.0E20", 1e-5 -> "1.0E-5", NaN, Infinity, -Infinity.
std::string format_double(double d);

}  // namespace normgraph::query
