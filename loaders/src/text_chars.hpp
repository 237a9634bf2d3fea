#pragma once
// ASCII character classes shared by the text front end (normalize, repairs, segment). Bytes of
// multi-byte UTF-8 characters are never ASCII letters; is_letter_byte counts them as letters.
namespace normgraph::loaders::text {

inline bool is_lower(char c) {
  return c >= 'a' && c <= 'z';
}
inline bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
inline bool is_ascii_letter(char c) {
  return is_lower(c) || is_upper(c);
}
inline bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
// A letter of a word: ASCII letters and any byte of a non-ASCII character.
inline bool is_letter_byte(char c) {
  return is_ascii_letter(c) || static_cast<unsigned char>(c) >= 0x80;
}

}  // namespace normgraph::loaders::text
