#include "normgraph/core/files.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "normgraph/core/errors.hpp"

namespace normgraph {

std::string read_file(const std::string& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                       &std::fclose);
  if (!file) throw InputError(path + ": cannot open: " + std::strerror(errno));
  std::string text;
  struct stat info;
  if (fstat(fileno(file.get()), &info) == 0) {
    if (S_ISDIR(info.st_mode)) throw InputError(path + ": is a directory");
    // One read of the size the file has now; the loop after it catches pipes and growth.
    if (S_ISREG(info.st_mode)) {
      text.resize(static_cast<size_t>(info.st_size));
      text.resize(std::fread(text.data(), 1, text.size(), file.get()));
    }
  }
  char chunk[1 << 16];
  while (size_t got = std::fread(chunk, 1, sizeof chunk, file.get())) text.append(chunk, got);
  if (std::ferror(file.get())) throw InputError(path + ": cannot read: " + std::strerror(errno));
  return text;
}

}  // namespace normgraph
