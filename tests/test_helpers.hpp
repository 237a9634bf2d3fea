#pragma once
// Small helpers shared by the tests: temporary folders, file contents, running commands.
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>
#include <string>

namespace normgraph::testing {

// A fresh folder under the system temp dir, removed when the object goes.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("normgraph-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string path() const { return path_.string(); }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

inline void write_file(const std::string& path, const std::string& text) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Writes `content` to the file `name` in `dir` and returns the file's path.
inline std::string write_in(const TempDir& dir, const std::string& name,
                            const std::string& content) {
  std::string path = dir.file(name);
  write_file(path, content);
  return path;
}

// Sets an environment variable for the scope and restores the old value after.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (old_)
      setenv(name_, old_->c_str(), 1);
    else
      unsetenv(name_);
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

// A command's exit code (-1 when it did not exit normally or could not start) and its
// standard output and error together.
struct CommandRun {
  int code = -1;
  std::string out;
};

inline CommandRun run_command(const std::string& command) {
  CommandRun run;
  std::FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe) {
    run.out = "cannot start: " + command;
    return run;
  }
  std::array<char, 4096> buf{};
  size_t got;
  while ((got = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) run.out.append(buf.data(), got);
  const int status = pclose(pipe);
  run.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

#ifdef NORMGRAPH_CLI
// The normgraph binary under test with these arguments (shell words).
inline CommandRun run_cli(const std::string& args) {
  return run_command(std::string(NORMGRAPH_CLI) + " " + args);
}
#endif

}  // namespace normgraph::testing
