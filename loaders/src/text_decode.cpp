// Bytes to UTF-8 (with a Windows-1252 fallback) and the `key: value` metadata header.
#include <cstring>

#include "normgraph/core/strings.hpp"
#include "normgraph/loaders/text.hpp"

namespace normgraph::loaders::text {

namespace {

// Windows-1252 bytes 0x80..0x9F; the five bytes it leaves undefined map to the C1 control of
// the same value, as the WHATWG encoding standard does.
constexpr char32_t kWindows1252High[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  // 80..87
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,  // 88..8F
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 90..97
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,  // 98..9F
};

constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool is_continuation(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

// The length of the valid UTF-8 sequence at s[i], or 0 when it is not valid.
size_t valid_sequence_length(std::string_view s, size_t i) {
  auto c = static_cast<unsigned char>(s[i]);
  size_t len = c < 0x80 ? 1 : c < 0xC2 ? 0 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF5 ? 4 : 0;
  if (len == 0 || i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k)
    if (!is_continuation(static_cast<unsigned char>(s[i + k]))) return 0;
  auto c1 = static_cast<unsigned char>(len > 1 ? s[i + 1] : 0);
  if (c == 0xE0 && c1 < 0xA0) return 0;   // overlong
  if (c == 0xED && c1 >= 0xA0) return 0;  // surrogate
  if (c == 0xF0 && c1 < 0x90) return 0;   // overlong
  if (c == 0xF4 && c1 >= 0x90) return 0;  // above U+10FFFF
  return len;
}

bool is_valid_utf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    // Skip ASCII eight bytes at a time.
    while (i + 8 <= s.size()) {
      uint64_t chunk;
      std::memcpy(&chunk, s.data() + i, 8);
      if (chunk & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= s.size()) break;
    size_t len = valid_sequence_length(s, i);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

std::string windows1252_to_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (char ch : bytes) {
    auto c = static_cast<unsigned char>(ch);
    if (c < 0x80)
      out.push_back(ch);
    else
      detail::append_utf8(out, c < 0xA0 ? kWindows1252High[c - 0x80] : char32_t{c});
  }
  return out;
}

// The line starting at `pos` (without its '\n' and a trailing '\r'); `next` is set past it.
std::string_view line_at(std::string_view text, size_t pos, size_t& next) {
  size_t nl = text.find('\n', pos);
  size_t end = nl == std::string_view::npos ? text.size() : nl;
  next = nl == std::string_view::npos ? text.size() : nl + 1;
  std::string_view line = text.substr(pos, end - pos);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

bool is_key_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

// Splits "key: value"; false when the line is not of that form.
bool split_field(std::string_view line, std::pair<std::string, std::string>& field) {
  size_t colon = line.find(':');
  if (colon == 0 || colon == std::string_view::npos) return false;
  for (size_t i = 0; i < colon; ++i)
    if (!is_key_char(line[i])) return false;
  field.first.assign(line.substr(0, colon));
  field.second.assign(trim(line.substr(colon + 1), " \t"));
  return true;
}

bool is_rule(std::string_view line) {
  return trim(line, " \t") == "---";
}

}  // namespace

namespace detail {

char32_t decode_utf8(std::string_view s, size_t& i) {
  size_t len = valid_sequence_length(s, i);
  auto c = static_cast<unsigned char>(s[i]);
  if (len == 0) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += len;
  return cp;
}

int windows1252_byte(char32_t cp) {
  if (cp >= 0xA0 && cp <= 0xFF) return static_cast<int>(cp);
  if (cp >= 0x80 && cp <= 0x9F) return static_cast<int>(cp);  // C1: undefined bytes, Latin-1
  for (int b = 0; b < 32; ++b)
    if (kWindows1252High[b] == cp) return 0x80 + b;
  return -1;
}

std::string_view ascii_lower(std::string_view s, char (&buffer)[64], std::string& spill) {
  char* out = buffer;
  if (s.size() > sizeof buffer) {
    spill.resize(s.size());
    out = spill.data();
  }
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    out[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
  }
  return {out, s.size()};
}

}  // namespace detail

size_t first_invalid_utf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    const size_t len = valid_sequence_length(s, i);
    if (len == 0) return i;
    i += len;
  }
  return std::string_view::npos;
}

std::string to_utf8(std::string_view bytes, bool* fallback) {
  bool valid = is_valid_utf8(bytes);
  if (fallback) *fallback = !valid;
  if (!valid) return windows1252_to_utf8(bytes);
  if (bytes.substr(0, kBom.size()) == kBom) bytes.remove_prefix(kBom.size());
  return std::string(bytes);
}

Header parse_header(std::string_view text) {
  Header header;
  size_t pos = 0, next = 0;
  if (is_rule(line_at(text, 0, next))) pos = next;  // an opening "---" (YAML front matter)
  std::pair<std::string, std::string> field;
  while (pos < text.size()) {
    std::string_view line = line_at(text, pos, next);
    if (is_rule(line)) {
      if (header.fields.empty()) return {};
      header.body_begin = next;
      return header;
    }
    if (!split_field(line, field)) return {};
    header.fields.push_back(field);
    pos = next;
  }
  return {};  // no closing "---"
}

}  // namespace normgraph::loaders::text
