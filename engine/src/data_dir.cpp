#include "normgraph/engine/data_dir.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "normgraph/core/errors.hpp"
#include "normgraph/engine/snapshot.hpp"

namespace normgraph {

DataDir::DataDir(std::string path, Access access) : path_(std::move(path)), access_(access) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (access == Access::Write) {
    fs::create_directories(path_, ec);
    if (ec) throw StorageError(path_ + ": cannot create the data directory: " + ec.message());
  } else if (!fs::exists(path_, ec)) {
    throw StorageError(path_ + ": no such data directory (ingest something first)");
  }
  if (!fs::is_directory(path_, ec)) throw StorageError(path_ + ": not a directory");
  const std::string lock_path = path_ + "/lock";
  lock_fd_ = ::open(lock_path.c_str(), access == Access::Write ? O_RDWR | O_CREAT : O_RDONLY, 0644);
  if (lock_fd_ < 0 && access == Access::Read) return;  // read-only folder without a lock file
  if (lock_fd_ < 0) throw StorageError(lock_path + ": cannot open: " + std::strerror(errno));
  if (::flock(lock_fd_, access == Access::Write ? LOCK_EX : LOCK_SH) != 0)
    throw StorageError(lock_path + ": cannot lock: " + std::strerror(errno));
}

DataDir::~DataDir() {
  if (lock_fd_ >= 0) ::close(lock_fd_);  // releases the lock
}

bool DataDir::has_snapshot() const {
  return std::filesystem::exists(snapshot_path());
}

uint64_t DataDir::snapshot_checksum() const {
  std::ifstream in(snapshot_path(), std::ios::binary | std::ios::ate);
  uint64_t checksum = 0;
  if (!in || in.tellg() < 8) return 0;
  in.seekg(-8, std::ios::end);
  in.read(reinterpret_cast<char*>(&checksum), 8);
  return in ? checksum : 0;
}

GraphStore DataDir::load(Progress* progress) const {
  if (!has_snapshot()) return GraphStore();
  return load_snapshot(snapshot_path(), progress);
}

void DataDir::save(GraphStore& store, Progress* progress) {
  if (access_ != Access::Write) throw StorageError(path_ + ": opened read-only");
  save_snapshot(store, snapshot_path(), progress);
}

}  // namespace normgraph
