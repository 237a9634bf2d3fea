#include "json_text.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>

#include "normgraph/core/errors.hpp"

namespace normgraph::ontology {

std::string read_whole_file(const std::string& path) {
  if (std::filesystem::is_directory(path)) throw InputError(located(path, 0, 0, "is a directory"));
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                       &std::fclose);
  if (!file)
    throw InputError(located(path, 0, 0, std::string("cannot open: ") + std::strerror(errno)));
  std::string text;
  char buffer[1 << 14];
  size_t got;
  while ((got = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) text.append(buffer, got);
  if (std::ferror(file.get())) throw InputError(located(path, 0, 0, "read error"));
  return text;
}

std::pair<size_t, size_t> line_and_column(std::string_view text, size_t offset) {
  offset = std::min(offset, text.size());
  std::string_view before = text.substr(0, offset);
  size_t line = 1 + std::count(before.begin(), before.end(), '\n');
  size_t line_start = before.rfind('\n');
  size_t column = offset - (line_start == std::string_view::npos ? 0 : line_start + 1) + 1;
  return {line, column};
}

}  // namespace normgraph::ontology
