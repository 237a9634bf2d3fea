#include "text_escape.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <string>
#include <string_view>

#include "normgraph/core/json_value.hpp"

namespace normgraph::viz::detail {
namespace {

// Number of continuation bytes expected after a lead byte, or -1 for an invalid lead.
int continuation_count(unsigned char lead) {
  if (lead < 0x80) return 0;
  if (lead >= 0xC2 && lead <= 0xDF) return 1;
  if (lead >= 0xE0 && lead <= 0xEF) return 2;
  if (lead >= 0xF0 && lead <= 0xF4) return 3;
  return -1;
}

// XML 1.0 characters, less DEL and the C1 controls, which XML allows but discourages and
// some readers reject.
bool is_xml_char(char32_t cp) {
  if (cp < 0x20) return cp == 0x9 || cp == 0xA || cp == 0xD;
  if (cp >= 0x7F && cp <= 0x9F) return false;
  return cp != 0xFFFE && cp != 0xFFFF;
}

void put_hex(FileSink& sink, const char* format, unsigned value) {
  char buffer[16];
  int n = std::snprintf(buffer, sizeof buffer, format, value);
  sink.write(std::string_view(buffer, static_cast<size_t>(n)));
}

}  // namespace

char32_t next_code_point(std::string_view text, size_t& pos) {
  unsigned char lead = static_cast<unsigned char>(text[pos]);
  int more = continuation_count(lead);
  if (more == 0) {
    ++pos;
    return lead;
  }
  if (more < 0 || pos + static_cast<size_t>(more) >= text.size()) {
    ++pos;
    return kReplacement;
  }
  char32_t cp = lead & (0x3F >> more);
  for (int i = 1; i <= more; ++i) {
    unsigned char c = static_cast<unsigned char>(text[pos + i]);
    if ((c & 0xC0) != 0x80) {
      ++pos;
      return kReplacement;
    }
    cp = (cp << 6) | (c & 0x3F);
  }
  // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
  static constexpr char32_t kMinimum[] = {0, 0x80, 0x800, 0x10000};
  if (cp < kMinimum[more] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
    ++pos;
    return kReplacement;
  }
  pos += static_cast<size_t>(more) + 1;
  return cp;
}

void put_utf8(FileSink& sink, char32_t cp) {
  if (cp < 0x80) {
    sink.Put(static_cast<char>(cp));
  } else if (cp < 0x800) {
    sink.Put(static_cast<char>(0xC0 | (cp >> 6)));
    sink.Put(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    sink.Put(static_cast<char>(0xE0 | (cp >> 12)));
    sink.Put(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    sink.Put(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    sink.Put(static_cast<char>(0xF0 | (cp >> 18)));
    sink.Put(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    sink.Put(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    sink.Put(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string shorten(std::string_view text, size_t max_chars) {
  std::string out;
  size_t pos = 0, chars = 0;
  while (pos < text.size()) {
    if (chars == max_chars) {
      out += "\u2026";
      break;
    }
    append_utf8(out, next_code_point(text, pos));
    ++chars;
  }
  return out;
}

void put_dot_string(FileSink& sink, std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    char32_t cp = next_code_point(text, pos);
    switch (cp) {
      case '\\':
        sink.write("\\\\");
        break;
      case '"':
        sink.write("\\\"");
        break;
      case '\n':
        sink.write("\\n");
        break;
      case '\r':
        break;
      default:
        // Other controls have no meaning in a label and some confuse Graphviz's parser.
        if (cp < 0x20 || cp == 0x7F)
          sink.Put(' ');
        else
          put_utf8(sink, cp);
    }
  }
}

void put_xml_text(FileSink& sink, std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    char32_t cp = next_code_point(text, pos);
    switch (cp) {
      case '&':
        sink.write("&amp;");
        break;
      case '<':
        sink.write("&lt;");
        break;
      case '>':
        sink.write("&gt;");
        break;
      case '"':
        sink.write("&quot;");
        break;
      case '\'':
        sink.write("&apos;");
        break;
      default:
        put_utf8(sink, is_xml_char(cp) ? cp : kReplacement);
    }
  }
}

void put_rdf_string(FileSink& sink, std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    char32_t cp = next_code_point(text, pos);
    switch (cp) {
      case '\\':
        sink.write("\\\\");
        break;
      case '"':
        sink.write("\\\"");
        break;
      case '\n':
        sink.write("\\n");
        break;
      case '\r':
        sink.write("\\r");
        break;
      case '\t':
        sink.write("\\t");
        break;
      default:
        if (cp >= 0x20 && cp < 0x7F)
          sink.Put(static_cast<char>(cp));
        else if (cp < 0x10000)
          put_hex(sink, "\\u%04X", static_cast<unsigned>(cp));
        else
          put_hex(sink, "\\U%08X", static_cast<unsigned>(cp));
    }
  }
}

void put_percent_encoded(FileSink& sink, std::string_view text) {
  for (char ch : text) {
    unsigned char c = static_cast<unsigned char>(ch);
    bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                c == '-' || c == '.' || c == '_' || c == '~' || c == ':' || c == '@';
    if (keep)
      sink.Put(ch);
    else
      put_hex(sink, "%%%02X", c);
  }
}

void put_json_string(FileSink& sink, std::string_view text) {
  sink.Put('"');
  size_t pos = 0;
  while (pos < text.size()) {
    char32_t cp = next_code_point(text, pos);
    switch (cp) {
      case '"':
        sink.write("\\\"");
        break;
      case '\\':
        sink.write("\\\\");
        break;
      case '\n':
        sink.write("\\n");
        break;
      case '\r':
        sink.write("\\r");
        break;
      case '\t':
        sink.write("\\t");
        break;
      default:
        if (cp < 0x20)
          put_hex(sink, "\\u%04X", static_cast<unsigned>(cp));
        else
          put_utf8(sink, cp);
    }
  }
  sink.Put('"');
}

std::string format_double(double d) {
  char buffer[32];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, d);
  std::string text(buffer, result.ptr);
  // Keep the value a number of floating type when read back ("1" would read as an integer).
  if (text.find_first_of(".eEn") == std::string::npos) text += ".0";
  return text;
}

namespace {

// A RapidJSON-style writer onto a sink, for json::write_value: put_json_string's escapes and
// format_double's numbers.
class SinkJsonWriter {
 public:
  explicit SinkJsonWriter(FileSink& sink) : sink_(sink) {}
  bool Null() { return put("null"); }
  bool Bool(bool b) { return put(b ? "true" : "false"); }
  bool Int64(int64_t i) { return put(std::to_string(i)); }
  bool Double(double d) { return put(format_double(d)); }
  bool String(const char* s, unsigned n) {
    separate();
    put_json_string(sink_, std::string_view(s, n));
    comma_ = true;
    return true;
  }
  bool Key(const char* s, unsigned n) {
    String(s, n);
    sink_.Put(':');
    comma_ = false;
    return true;
  }
  bool StartArray() { return open('['); }
  bool EndArray() { return close(']'); }
  bool StartObject() { return open('{'); }
  bool EndObject() { return close('}'); }

 private:
  void separate() {
    if (comma_) sink_.Put(',');
  }
  bool put(std::string_view text) {
    separate();
    sink_.write(text);
    comma_ = true;
    return true;
  }
  bool open(char c) {
    separate();
    sink_.Put(c);
    comma_ = false;
    return true;
  }
  bool close(char c) {
    sink_.Put(c);
    comma_ = true;
    return true;
  }

  FileSink& sink_;
  bool comma_ = false;  // a value came before: the next one needs a comma
};

}  // namespace

void put_json_value(FileSink& sink, const Value& value) {
  SinkJsonWriter writer(sink);
  json::write_value(writer, value);
}

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

namespace {

// What `write` puts into a sink, as a string: a memory stream lets the writers above that
// stream to files serve strings too.
template <class Write>
std::string sink_text(Write write) {
  char* data = nullptr;
  size_t size = 0;
  std::FILE* memory = open_memstream(&data, &size);
  if (!memory) throw std::bad_alloc();
  {
    FileSink sink(memory, "memory");
    write(sink);
    sink.finish();
  }
  std::fclose(memory);
  std::string text(data, size);
  std::free(data);
  return text;
}

}  // namespace

std::string xml_short(std::string_view text, size_t max_chars) {
  return sink_text([&](FileSink& sink) { put_xml_text(sink, shorten(text, max_chars)); });
}

std::string json_text(const Value& value) {
  return sink_text([&](FileSink& sink) { put_json_value(sink, value); });
}

}  // namespace normgraph::viz::detail
