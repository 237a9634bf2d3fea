#pragma once
// A buffered writer to a FILE* for the exporters, usable as a RapidJSON output stream.
// stdio's own buffer would do, but a write error must surface as an exception naming the
// output, and one fwrite per 64 KiB keeps the per-character cost to a store into an array.
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace normgraph::viz::detail {

class FileSink {
 public:
  using Ch = char;  // RapidJSON's stream concept

  // `name` is used in error messages: the path, or a description of the stream.
  FileSink(std::FILE* out, std::string name) : out_(out), name_(std::move(name)), buffer_(kSize) {}

  void Put(char c) {
    if (used_ == buffer_.size()) drain();
    buffer_[used_++] = c;
  }
  void write(std::string_view text) {
    while (!text.empty()) {
      if (used_ == buffer_.size()) drain();
      size_t n = std::min(text.size(), buffer_.size() - used_);
      std::memcpy(buffer_.data() + used_, text.data(), n);
      used_ += n;
      text.remove_prefix(n);
    }
  }
  // RapidJSON's Writer calls Flush at the end of every top-level value; data is written when
  // the buffer fills or in finish() instead, so that each exported element costs no syscall.
  void Flush() {}

  // Writes what is buffered and flushes the FILE*.
  void finish() {
    drain();
    if (std::fflush(out_) != 0) fail();
  }

  const std::string& name() const { return name_; }

 private:
  static constexpr size_t kSize = size_t{64} << 10;

  void drain() {
    if (used_ > 0 && std::fwrite(buffer_.data(), 1, used_, out_) != used_) fail();
    used_ = 0;
  }
  [[noreturn]] void fail() {
    throw std::runtime_error(name_ + ": cannot write: " + std::strerror(errno));
  }

  std::FILE* out_;
  std::string name_;
  std::vector<char> buffer_;
  size_t used_ = 0;
};

// Creates or truncates `path` and calls fill(FileSink&). A failed write removes the partial
// file, which would otherwise pass for a complete export. Errors name the path.
template <class Fill>
void write_file(const std::string& path, Fill&& fill) {
  std::FILE* out = std::fopen(path.c_str(), "wb");
  if (!out) throw std::runtime_error(path + ": cannot open for writing: " + std::strerror(errno));
  try {
    FileSink sink(out, path);
    fill(sink);
    sink.finish();
  } catch (...) {
    std::fclose(out);
    std::remove(path.c_str());
    throw;
  }
  if (std::fclose(out) != 0) {
    int error = errno;
    std::remove(path.c_str());
    throw std::runtime_error(path + ": cannot write: " + std::strerror(error));
  }
}

// Like write_file, with "-" meaning stdout.
template <class Fill>
void write_output(const std::string& path, Fill&& fill) {
  if (path != "-") return write_file(path, fill);
  FileSink sink(stdout, "<stdout>");
  fill(sink);
  sink.finish();
}

}  // namespace normgraph::viz::detail
