#pragma once
// An append-only journal of records next to the snapshot (docs/storage.md "Journal"): what
// was written since the snapshot was saved, one checksummed record per write, fsynced before
// the write is acknowledged. Replayed after the snapshot on start; folded into the snapshot
// (and emptied) on a clean shutdown or when it grows. A record cut short by a crash, or one
// whose checksum does not match, ends the journal: it and everything after it is dropped
// (after a copy of those bytes is kept in PATH.dropped).
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace normgraph {

class Journal {
 public:
  // Opens PATH, creating it (with its header) when missing. Read-only: a missing file is an
  // empty journal, and replay() leaves a torn tail where it is; append() and reset() throw.
  // Throws StorageError.
  explicit Journal(std::string path, bool read_only = false);
  ~Journal();
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  struct ReplayReport {
    size_t records = 0;          // intact records passed to the callback
    uint64_t dropped_bytes = 0;  // bytes of a torn or corrupt tail, cut off
  };
  // Calls f(payload) for each intact record in order, then cuts off a torn tail so that the
  // next append follows the last intact record. Call once, before any append.
  ReplayReport replay(const std::function<void(std::string_view payload)>& f);

  // Appends one record and fsyncs the file before returning. On failure the file is cut back
  // to where it was and StorageError is thrown.
  void append(std::string_view payload);

  // Empties the journal (its records are in a saved snapshot now); fsynced.
  void reset();

  uint64_t size_bytes() const { return size_; }
  uint64_t record_count() const { return records_; }
  const std::string& path() const { return path_; }

  // The layout: an 8-byte file magic, then records of [u32 magic][u32 length][u64 XXH3 of
  // length and payload][payload].
  static constexpr char kFileMagic[9] = "NGJRNL01";
  static constexpr uint32_t kRecordMagic = 0x5247'4A4E;  // "NJGR" little-endian
  static constexpr size_t kRecordHeader = 16;
  static constexpr uint32_t kMaxRecord = 1u << 30;

 private:
  std::string path_;
  int fd_ = -1;
  bool read_only_ = false;
  uint64_t size_ = 0;
  uint64_t records_ = 0;
};

}  // namespace normgraph
