#pragma once
// A CSV reader (RFC 4180: quoted fields with "" escapes and embedded newlines, LF or CRLF)
// that streams a file in blocks of 16 MiB and hands out complete records, keeping track of the
// physical line of each for error messages.
#include <cstdio>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace normgraph::loaders {

// Splits the record at `p`. Returns the position after it, or nullptr when the record does not
// end before `end` (and `at_eof` is false). Throws CsvSyntaxError on a malformed quote.
// Holds the text of quoted fields, which `fields` then views. A deque, because growing it must not
// move the strings already viewed (a vector would move short strings held inline).
using UnescapedFields = std::deque<std::string>;
struct CsvSyntaxError {
  const char* where;
  std::string what;
};
const char* split_csv_record(const char* p, const char* end, bool at_eof,
                             std::vector<std::string_view>& fields, UnescapedFields& unescaped);

class CsvBlockReader {
 public:
  explicit CsvBlockReader(const std::string& path, size_t block_bytes = 16u << 20);
  ~CsvBlockReader();
  // Reads the next block; the data from block_begin() up to the last newline before
  // block_end() (or all of it at the end of the file) holds complete lines; the caller consumes
  // records from block_begin() and reports how far it got with consumed().
  bool next_block();
  const char* block_begin() const { return buf_.data(); }
  const char* block_end() const { return buf_.data() + filled_; }
  bool at_eof() const { return eof_; }
  void consumed(const char* upto);
  uint64_t file_size() const { return size_; }
  uint64_t offset_of(const char* p) const { return block_offset_ + (p - buf_.data()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::FILE* file_ = nullptr;
  std::vector<char> buf_;
  size_t filled_ = 0;
  size_t block_bytes_;
  uint64_t block_offset_ = 0;  // file offset of buf_[0]
  uint64_t size_ = 0;
  bool eof_ = false;
};

// Calls on_record(record_start, fields) for each record after the reader's position, blank
// lines left out, and after_block(position) after each block. on_record returns false to stop.
// Throws CsvSyntaxError.
template <class OnRecord, class AfterBlock>
void for_each_record(CsvBlockReader& r, OnRecord&& on_record, AfterBlock&& after_block) {
  std::vector<std::string_view> fields;
  UnescapedFields unescaped;
  while (r.next_block()) {
    const char* p = r.block_begin();
    while (p < r.block_end()) {
      const char* record = p;
      const char* next = split_csv_record(p, r.block_end(), r.at_eof(), fields, unescaped);
      if (!next) break;  // the record goes on in the next block
      p = next;
      if (fields.size() == 1 && fields[0].empty()) continue;
      if (!on_record(record, fields)) return;
    }
    after_block(p);
    r.consumed(p);
  }
}

// "line L, column C" of byte `at` of a file, counting from the file's start; reads the file.
std::pair<size_t, size_t> line_and_column(const std::string& path, uint64_t at);

}  // namespace normgraph::loaders
