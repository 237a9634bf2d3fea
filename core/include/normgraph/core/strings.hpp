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

// The id form of a name: ASCII letters lowercased and digits kept, every other run of bytes
// one '-', none at either end ("UN GGE 2015" -> "un-gge-2015"). Node ids are made with it.
inline std::string slug(std::string_view text) {
  std::string out;
  for (char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out += c;
    } else if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c + 32);
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

}  // namespace normgraph
