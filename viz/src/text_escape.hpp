#pragma once
// Escaping for the export formats. Every writer spells strings from the store through one of
// these, so a quote, a backslash, a line break, a control character or a broken UTF-8 byte in a
// name cannot break the syntax of the file. Invalid UTF-8 is written as U+FFFD.
#include <cstdint>
#include <string>
#include <string_view>
#include "normgraph/core/utf8.hpp"

#include "file_sink.hpp"
#include "normgraph/core/value.hpp"

namespace normgraph::viz::detail {

inline constexpr char32_t kReplacement = 0xFFFD;

// Decodes the code point at text[pos] and advances pos; invalid or truncated sequences yield
// U+FFFD and advance one byte.
char32_t next_code_point(std::string_view text, size_t& pos);
void put_utf8(FileSink& sink, char32_t cp);
using normgraph::append_utf8;  // normgraph/core/utf8.hpp

// At most `max_chars` code points of `text`, with "…" when cut; invalid UTF-8 repaired.
std::string shorten(std::string_view text, size_t max_chars);

// Inside a DOT double-quoted string (an escString): \ " and line breaks escaped.
void put_dot_string(FileSink& sink, std::string_view text);
// XML character data or attribute value: & < > " ' as entities; characters XML 1.0 forbids
// (most C0 controls), DEL and the C1 controls become U+FFFD.
void put_xml_text(FileSink& sink, std::string_view text);
// The body of an N-Triples / Turtle string literal, ASCII only (\uXXXX escapes).
void put_rdf_string(FileSink& sink, std::string_view text);
// Percent-encodes every byte outside A-Z a-z 0-9 - . _ ~ : @, so the encoding is injective.
void put_percent_encoded(FileSink& sink, std::string_view text);
// A JSON string literal, quotes included.
void put_json_string(FileSink& sink, std::string_view text);
// A property value as JSON (NaN and infinities as null, which every JSON reader accepts).
void put_json_value(FileSink& sink, const Value& value);
// The same as text, for values that are escaped again (JSON inside an XML attribute).
std::string json_text(const Value& value);
// A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break.
std::string csv_field(std::string_view text);
// At most `max_chars` code points of `text` as XML character data (put_xml_text's escapes).
std::string xml_short(std::string_view text, size_t max_chars = 60);
// A double in the shortest form that reads back to the same value.
std::string format_double(double d);

}  // namespace normgraph::viz::detail
