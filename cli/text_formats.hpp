#pragma once
// The two escapes the commands' own JSON and CSV output needs (RFC 8259 strings, RFC 4180
// fields), in one place.
#include <cstdio>
#include <string>
#include <string_view>

namespace normgraph::cli {

// A JSON string literal, quotes included: " and \ escaped, control characters as \u00XX.
inline std::string json_quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// A CSV field: quoted (quotes doubled) when it holds a comma, a quote or a line break.
inline std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace normgraph::cli
