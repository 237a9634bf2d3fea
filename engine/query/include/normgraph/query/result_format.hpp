#pragma once
// Query results as text other tools read: JSON (one object: columns, rows, stats), CSV
// (RFC 4180, a header row) and an aligned table for people. docs/query.md shows each.
#include <ostream>
#include <string>

#include "normgraph/query/query.hpp"

namespace normgraph::query {

enum class ResultFormat { Table, Json, Csv };

// "table", "json" or "csv"; throws InputError otherwise.
ResultFormat parse_result_format(std::string_view name);

void write_result(std::ostream& out, const GraphStore& store, const QueryResult& result,
                  ResultFormat format);
// The JSON object with `extra` members after the result's own (the server's "timing"); no
// newline after it.
void write_result_json(std::ostream& out, const GraphStore& store, const QueryResult& result,
                       const ValueMap& extra);

// A value as a Cypher literal: 'text', [1, 2], {k: true}, (:Actor {id: 'x', name: 'China'}),
// [:ENDORSES {..}], <(..)-[..]->(..)>.
std::string cypher_literal(const GraphStore& store, const Value& v);

}  // namespace normgraph::query
