#include "normgraph/engine/journal.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

#include "normgraph/core/errors.hpp"

namespace normgraph {

namespace {

[[noreturn]] void fail(const std::string& path, const char* what) {
  throw StorageError(path + ": " + what + ": " + std::strerror(errno));
}

uint64_t record_hash(uint32_t length, std::string_view payload) {
  XXH3_state_t* state = XXH3_createState();
  XXH3_64bits_reset(state);
  XXH3_64bits_update(state, &length, sizeof length);
  XXH3_64bits_update(state, payload.data(), payload.size());
  uint64_t h = XXH3_64bits_digest(state);
  XXH3_freeState(state);
  return h;
}

void write_all(int fd, const char* data, size_t size, const std::string& path) {
  while (size) {
    ssize_t n = ::write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail(path, "write failed");
    data += n;
    size -= static_cast<size_t>(n);
  }
}

void fsync_parent(const std::string& path) {
  std::string dir = std::filesystem::path(path).parent_path().string();
  int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) fail(dir, "cannot open folder for fsync");
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) fail(dir, "fsync failed");
}

}  // namespace

Journal::Journal(std::string path, bool read_only) : path_(std::move(path)), read_only_(read_only) {
  if (read_only_) {
    fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0 && errno == ENOENT) return;  // no journal: nothing to replay
  } else {
    fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  }
  if (fd_ < 0) fail(path_, "cannot open the journal");
  struct stat st {};
  if (::fstat(fd_, &st) != 0) fail(path_, "cannot stat");
  if (read_only_ && st.st_size < static_cast<off_t>(sizeof kFileMagic - 1)) {
    ::close(fd_);
    fd_ = -1;
    return;
  }
  if (st.st_size < static_cast<off_t>(sizeof kFileMagic - 1)) {
    // New, or cut short before its header was whole: start it over.
    if (::ftruncate(fd_, 0) != 0) fail(path_, "cannot truncate");
    write_all(fd_, kFileMagic, sizeof kFileMagic - 1, path_);
    if (::fsync(fd_) != 0) fail(path_, "fsync failed");
    fsync_parent(path_);
    size_ = sizeof kFileMagic - 1;
    return;
  }
  char magic[sizeof kFileMagic - 1];
  if (::pread(fd_, magic, sizeof magic, 0) != static_cast<ssize_t>(sizeof magic))
    fail(path_, "cannot read");
  if (std::memcmp(magic, kFileMagic, sizeof magic) != 0) {
    ::close(fd_);
    fd_ = -1;
    throw StorageError(path_ + ": not a normgraph journal (bad magic)");
  }
  size_ = static_cast<uint64_t>(st.st_size);
}

Journal::~Journal() {
  if (fd_ >= 0) ::close(fd_);
}

Journal::ReplayReport Journal::replay(const std::function<void(std::string_view)>& f) {
  ReplayReport report;
  if (fd_ < 0) return report;
  const uint64_t file_size = size_;
  uint64_t pos = sizeof kFileMagic - 1;
  std::vector<char> payload;
  while (pos < file_size) {
    if (file_size - pos < kRecordHeader) break;
    char header[kRecordHeader];
    if (::pread(fd_, header, sizeof header, static_cast<off_t>(pos)) != sizeof header)
      fail(path_, "cannot read");
    uint32_t magic, length;
    uint64_t hash;
    std::memcpy(&magic, header, 4);
    std::memcpy(&length, header + 4, 4);
    std::memcpy(&hash, header + 8, 8);
    if (magic != kRecordMagic || length > kMaxRecord || file_size - pos - kRecordHeader < length)
      break;
    payload.resize(length);
    if (length && ::pread(fd_, payload.data(), length, static_cast<off_t>(pos + kRecordHeader)) !=
                      static_cast<ssize_t>(length))
      fail(path_, "cannot read");
    std::string_view text(payload.data(), length);
    if (record_hash(length, text) != hash) break;
    f(text);
    ++report.records;
    pos += kRecordHeader + length;
  }
  records_ = report.records;
  if (pos < file_size && read_only_) {
    report.dropped_bytes = file_size - pos;  // left in place for a writer to cut
  } else if (pos < file_size) {
    // A torn or corrupt tail: keep a copy of its bytes, then cut it off.
    report.dropped_bytes = file_size - pos;
    std::vector<char> tail(report.dropped_bytes);
    if (::pread(fd_, tail.data(), tail.size(), static_cast<off_t>(pos)) !=
        static_cast<ssize_t>(tail.size()))
      fail(path_, "cannot read");
    const std::string dropped = path_ + ".dropped";
    int out = ::open(dropped.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (out < 0) fail(dropped, "cannot open");
    write_all(out, tail.data(), tail.size(), dropped);
    ::fsync(out);
    ::close(out);
    if (::ftruncate(fd_, static_cast<off_t>(pos)) != 0) fail(path_, "cannot truncate");
    if (::fsync(fd_) != 0) fail(path_, "fsync failed");
    size_ = pos;
  }
  return report;
}

void Journal::append(std::string_view payload) {
  if (read_only_ || fd_ < 0) throw StorageError(path_ + ": opened read-only");
  if (payload.size() > kMaxRecord) throw StorageError(path_ + ": record too large");
  const uint32_t length = static_cast<uint32_t>(payload.size());
  const uint64_t hash = record_hash(length, payload);
  std::string record(kRecordHeader, '\0');
  std::memcpy(record.data(), &kRecordMagic, 4);
  std::memcpy(record.data() + 4, &length, 4);
  std::memcpy(record.data() + 8, &hash, 8);
  record.append(payload);
  if (::lseek(fd_, static_cast<off_t>(size_), SEEK_SET) < 0) fail(path_, "cannot seek");
  try {
    write_all(fd_, record.data(), record.size(), path_);
    if (::fdatasync(fd_) != 0) fail(path_, "fsync failed");
  } catch (...) {
    if (::ftruncate(fd_, static_cast<off_t>(size_)) == 0) ::fdatasync(fd_);
    throw;
  }
  size_ += record.size();
  ++records_;
}

void Journal::reset() {
  if (read_only_ || fd_ < 0) throw StorageError(path_ + ": opened read-only");
  if (::ftruncate(fd_, sizeof kFileMagic - 1) != 0) fail(path_, "cannot truncate");
  if (::fsync(fd_) != 0) fail(path_, "fsync failed");
  size_ = sizeof kFileMagic - 1;
  records_ = 0;
}

}  // namespace normgraph
