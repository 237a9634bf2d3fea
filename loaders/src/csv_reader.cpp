#include "csv_reader.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "normgraph/core/errors.hpp"

namespace normgraph::loaders {

namespace {

const char* quoted_field(const char* p, const char* end, bool at_eof, std::string& out) {
  const char* open = p++;  // past the opening quote
  out.clear();
  for (;;) {
    const char* q = static_cast<const char*>(std::memchr(p, '"', end - p));
    if (!q) {
      if (at_eof) throw CsvSyntaxError{open, "unterminated quoted field"};
      return nullptr;
    }
    out.append(p, q);
    if (q + 1 < end && q[1] == '"') {  // "" is a quote
      out.push_back('"');
      p = q + 2;
      continue;
    }
    if (q + 1 == end && !at_eof) return nullptr;
    return q + 1;
  }
}

}  // namespace

const char* split_csv_record(const char* p, const char* end, bool at_eof,
                             std::vector<std::string_view>& fields, UnescapedFields& unescaped) {
  fields.clear();
  size_t quoted = 0;
  for (;;) {
    if (p < end && *p == '"') {
      if (unescaped.size() <= quoted) unescaped.resize(quoted + 1);
      std::string& text = unescaped[quoted++];
      const char* after = quoted_field(p, end, at_eof, text);
      if (!after) return nullptr;
      fields.emplace_back(text);
      p = after;
      if (p == end) return p;
      if (*p == ',') {
        ++p;
        continue;
      }
      if (*p == '\r' && p + 1 < end && p[1] == '\n') return p + 2;
      if (*p == '\n') return p + 1;
      throw CsvSyntaxError{p, "expected a comma or the end of the line after a quoted field"};
    }
    const char* stop = p;
    while (stop < end && *stop != ',' && *stop != '\n') ++stop;
    if (stop == end && !at_eof) return nullptr;
    const char* field_end = stop;
    if (field_end > p && field_end[-1] == '\r' && (stop == end || *stop == '\n')) --field_end;
    fields.emplace_back(p, field_end - p);
    if (stop == end) return end;
    if (*stop == '\n') return stop + 1;
    p = stop + 1;
  }
}

CsvBlockReader::CsvBlockReader(const std::string& path, size_t block_bytes)
    : path_(path), block_bytes_(block_bytes) {
  file_ = std::fopen(path.c_str(), "rb");
  if (!file_) throw InputError(path + ": cannot open: " + std::strerror(errno));
  std::error_code ec;
  size_ = std::filesystem::file_size(path, ec);
  // A small file needs no 16 MiB buffer (a folder of small CSVs, a fuzzer): a bit more than the
  // file, so one read sees its end.
  if (!ec) block_bytes_ = std::min<size_t>(block_bytes_, std::max<uint64_t>(size_ + 1, 4096));
}

CsvBlockReader::~CsvBlockReader() {
  if (file_) std::fclose(file_);
}

bool CsvBlockReader::next_block() {
  if (eof_ && filled_ == 0) return false;
  if (eof_) return filled_ > 0;
  // Whatever was left over stays at the front; top up to at least block_bytes_ of room.
  if (buf_.size() < filled_ + block_bytes_) buf_.resize(filled_ + block_bytes_);
  size_t got = std::fread(buf_.data() + filled_, 1, buf_.size() - filled_, file_);
  if (got == 0 && std::ferror(file_))
    throw InputError(path_ + ": read failed: " + std::strerror(errno));
  filled_ += got;
  if (got == 0 || std::feof(file_)) eof_ = true;
  return filled_ > 0;
}

void CsvBlockReader::consumed(const char* upto) {
  size_t used = upto - buf_.data();
  std::memmove(buf_.data(), buf_.data() + used, filled_ - used);
  filled_ -= used;
  block_offset_ += used;
  // A single record longer than a block: make room for more.
  if (used == 0 && !eof_) buf_.resize(buf_.size() * 2);
}

std::pair<size_t, size_t> line_and_column(const std::string& path, uint64_t at) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return {0, 0};
  size_t line = 1, column = 1;
  std::vector<char> buf(1 << 20);
  uint64_t pos = 0;
  while (pos < at) {
    size_t got = std::fread(buf.data(), 1, std::min<uint64_t>(buf.size(), at - pos), f);
    if (got == 0) break;
    for (size_t i = 0; i < got; ++i) {
      if (buf[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    pos += got;
  }
  std::fclose(f);
  return {line, column};
}

}  // namespace normgraph::loaders
