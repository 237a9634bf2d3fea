#pragma once
// Small string helpers every layer uses. ASCII only: bytes of UTF-8 sequences (>= 0x80) are
// never changed or trimmed, whatever the C locale says.
#include <string>
#include <string_view>

namespace normgraph {

// `s` with A-Z turned to a-z; every other byte as it is.
inline std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// `s` without the bytes of `space` at either end (by default spaces, tabs and carriage
// returns: a line read with getline from a file that may have CRLF line ends).
inline std::string_view trim(std::string_view s, std::string_view space = " \t\r") {
  const size_t b = s.find_first_not_of(space);
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(space) - b + 1);
}

}  // namespace normgraph
