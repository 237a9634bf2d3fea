// normgraph_tck: runs the openCypher TCK's feature files against normgraph's query engine and
// reports pass/fail counts per folder (docs/tck.md).
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "runner.hpp"
#include "tck/gherkin.hpp"

namespace fs = std::filesystem;
using namespace normgraph::tck;

namespace {

constexpr const char* kUsage =
    "usage: normgraph_tck [FEATURES_DIR] [--exclude DIR,DIR,...] [--report FILE]\n"
    "                     [--min-pass-rate PERCENT] [--filter TEXT] [--time-limit SECONDS]\n"
    "                     [--no-fork]\n";

struct Args {
  fs::path features = fs::path(NORMGRAPH_SHARED_DIR) / "tck" / "features";
  std::vector<std::string> include = {"clauses", "expressions"};
  std::vector<std::string> exclude = {"clauses/call", "clauses/merge"};
  std::string report;
  double min_pass_rate = 0;  // percent
  std::string filter;        // runs only scenarios whose file or name contains it
  double time_limit = 10;
  bool fork = true;  // each scenario in a child process, so that a crash ends only it
};

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> parts;
  std::stringstream in(text);
  std::string part;
  while (std::getline(in, part, ',')) {
    if (!part.empty()) parts.push_back(part);
  }
  return parts;
}

Args parse_args(int argc, char** argv) {
  Args args;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--exclude") {
      args.exclude = split_commas(value());
    } else if (arg == "--report") {
      args.report = value();
    } else if (arg == "--min-pass-rate") {
      args.min_pass_rate = std::stod(value());
    } else if (arg == "--filter") {
      args.filter = value();
    } else if (arg == "--time-limit") {
      args.time_limit = std::stod(value());
    } else if (arg == "--no-fork") {
      args.fork = false;
    } else if (arg == "-h" || arg == "--help") {
      std::cout << kUsage;
      std::exit(0);
    } else if (arg.starts_with("-")) {
      throw std::invalid_argument("unknown option " + arg);
    } else {
      args.features = arg;
    }
  }
  return args;
}

bool under(const std::string& relative, const std::string& folder) {
  return relative == folder || relative.starts_with(folder + "/");
}

// The feature files in scope, relative to the root, sorted.
std::vector<std::string> feature_files(const Args& args) {
  if (!fs::is_directory(args.features)) {
    throw std::invalid_argument("not a directory: " + args.features.string());
  }
  std::vector<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(args.features)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".feature") continue;
    std::string relative = fs::relative(entry.path(), args.features).generic_string();
    auto in = [&](const std::string& folder) { return under(relative, folder); };
    if (std::none_of(args.include.begin(), args.include.end(), in)) continue;
    if (std::any_of(args.exclude.begin(), args.exclude.end(), in)) continue;
    files.push_back(relative);
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Serialises an outcome through a pipe: "passed\nphase_mismatch_length\n" + mismatch + reason.
std::string encode(const Outcome& o) {
  return std::string(o.passed ? "1" : "0") + "\n" + std::to_string(o.phase_mismatch.size()) + "\n" +
         o.phase_mismatch + o.reason;
}

Outcome decode(const std::string& data) {
  Outcome o;
  size_t first = data.find('\n'), second = data.find('\n', first + 1);
  if (first == std::string::npos || second == std::string::npos) {
    o.reason = "runner: the scenario process wrote no outcome";
    return o;
  }
  o.passed = data.substr(0, first) == "1";
  size_t mismatch_length = std::stoul(data.substr(first + 1, second - first - 1));
  o.phase_mismatch = data.substr(second + 1, mismatch_length);
  o.reason = data.substr(second + 1 + mismatch_length);
  return o;
}

void write_all(int fd, const std::string& data) {
  size_t written = 0;
  while (written < data.size()) {
    ssize_t n = ::write(fd, data.data() + written, data.size() - written);
    if (n <= 0) return;
    written += static_cast<size_t>(n);
  }
}

// Runs the scenario in a child process: a crash or a hang (beyond the alarm) ends only it.
Outcome run_isolated(const Scenario& scenario, const RunOptions& options) {
  int fds[2];
  if (::pipe(fds) != 0) return run_scenario(scenario, options);
  std::cout.flush();
  pid_t pid = ::fork();
  if (pid < 0) return run_scenario(scenario, options);
  if (pid == 0) {
    ::close(fds[0]);
    ::alarm(static_cast<unsigned>(options.query_time_limit_seconds * 6 + 10));
    write_all(fds[1], encode(run_scenario(scenario, options)));
    ::close(fds[1]);
    std::_Exit(0);
  }
  ::close(fds[1]);
  std::string data;
  char buffer[4096];
  ssize_t n;
  while ((n = ::read(fds[0], buffer, sizeof buffer)) > 0) data.append(buffer, n);
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    Outcome o;
    o.reason = std::string(sig == SIGALRM ? "hang: killed after the time limit" : "crash: ") +
               (sig == SIGALRM ? "" : strsignal(sig)) + "\n  signal " + std::to_string(sig);
    return o;
  }
  return decode(data);
}

struct Counts {
  size_t passed = 0, failed = 0, skipped = 0;
};

struct Failure {
  std::string where;  // file:line name (example)
  std::string reason;
};

std::string scenario_title(const std::string& file, const Scenario& s) {
  std::string title = file + ":" + std::to_string(s.line) + ": " + s.name;
  if (s.example_line)
    title += "  (example at line " + std::to_string(s.example_line) + ": " + s.example + ")";
  return title;
}

// "clauses/match" for "clauses/match/Match1.feature:12: ...".
std::string folder_of(const std::string& where) {
  return fs::path(where.substr(0, where.find(':'))).parent_path().generic_string();
}

std::string first_line(const std::string& text) {
  return text.substr(0, text.find('\n'));
}

// The failures' reasons (first lines) with their counts, most frequent first.
void write_ranked_reasons(std::ostream& out, const std::vector<const Failure*>& failures,
                          const std::string& indent) {
  std::map<std::string, size_t> reasons;
  for (const Failure* f : failures) ++reasons[first_line(f->reason)];
  std::vector<std::pair<size_t, std::string>> ranked;
  for (const auto& [reason, count] : reasons) ranked.emplace_back(count, reason);
  std::sort(ranked.begin(), ranked.end(),
            [](const auto& a, const auto& b) { return a.first > b.first; });
  for (const auto& [count, reason] : ranked) out << indent << count << "  " << reason << "\n";
}

void write_report(const std::string& path, const std::vector<Failure>& failures,
                  const std::vector<Failure>& phase_mismatches, const std::string& summary) {
  std::ofstream out(path);
  if (!out) throw std::runtime_error("cannot write the report " + path);
  out << summary << "\n";
  std::vector<const Failure*> all;
  std::map<std::string, std::vector<const Failure*>> by_folder;
  for (const Failure& f : failures) {
    all.push_back(&f);
    by_folder[folder_of(f.where)].push_back(&f);
  }
  out << "Failure reasons (the first line of each reason), with counts:\n";
  write_ranked_reasons(out, all, "  ");
  out << "\nBy folder:\n";
  for (const auto& [folder, list] : by_folder) {
    out << "  " << folder << "\n";
    write_ranked_reasons(out, list, "    ");
  }
  out << "\nFailing scenarios:\n\n";
  for (const Failure& f : failures) out << "FAIL " << f.where << "\n  " << f.reason << "\n\n";
  out << "Passed with the error raised in another phase (" << phase_mismatches.size() << "):\n\n";
  for (const Failure& f : phase_mismatches) {
    out << "PHASE " << f.where << "\n  " << f.reason << "\n";
  }
}

int run(const Args& args) {
  RunOptions options;
  options.query_time_limit_seconds = args.time_limit;
  std::map<std::string, Counts> by_folder;
  std::vector<Failure> failures, phase_mismatches;
  for (const std::string& file : feature_files(args)) {
    Counts& counts = by_folder[folder_of(file)];
    Feature feature;
    try {
      feature = parse_feature_file((args.features / file).string());
    } catch (const GherkinError& e) {
      ++counts.failed;
      failures.push_back({file, "runner: malformed feature file\n  " + std::string(e.what())});
      continue;
    }
    for (const Scenario& scenario : feature.scenarios) {
      std::string title = scenario_title(file, scenario);
      if (!args.filter.empty() && title.find(args.filter) == std::string::npos) continue;
      if (std::find(scenario.tags.begin(), scenario.tags.end(), "@ignore") != scenario.tags.end()) {
        ++counts.skipped;
        continue;
      }
      Outcome outcome =
          args.fork ? run_isolated(scenario, options) : run_scenario(scenario, options);
      if (outcome.passed) {
        ++counts.passed;
        if (!outcome.phase_mismatch.empty())
          phase_mismatches.push_back({title, outcome.phase_mismatch});
      } else {
        ++counts.failed;
        failures.push_back({title, outcome.reason});
      }
    }
  }
  std::ostringstream summary;
  Counts total;
  char line[160];
  std::snprintf(line, sizeof line, "%-36s %6s %6s %6s\n", "folder", "pass", "fail", "skip");
  summary << line;
  for (const auto& [folder, c] : by_folder) {
    if (c.passed + c.failed + c.skipped == 0) continue;  // all filtered out
    std::snprintf(line, sizeof line, "%-36s %6zu %6zu %6zu\n", folder.c_str(), c.passed, c.failed,
                  c.skipped);
    summary << line;
    total.passed += c.passed;
    total.failed += c.failed;
    total.skipped += c.skipped;
  }
  size_t ran = total.passed + total.failed;
  double rate = ran ? 100.0 * static_cast<double>(total.passed) / static_cast<double>(ran) : 0;
  std::snprintf(line, sizeof line, "%-36s %6zu %6zu %6zu   pass rate %.1f%%\n", "total",
                total.passed, total.failed, total.skipped, rate);
  summary << line;
  summary << "passed with an error raised in another phase: " << phase_mismatches.size() << "\n";
  std::cout << summary.str();
  if (!args.report.empty()) {
    write_report(args.report, failures, phase_mismatches, summary.str());
    std::cout << "report: " << args.report << "\n";
  }
  if (rate < args.min_pass_rate) {
    std::cout << "pass rate " << rate << "% is below the minimum " << args.min_pass_rate << "%\n";
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(parse_args(argc, argv));
  } catch (const std::exception& e) {
    std::cerr << "normgraph_tck: " << e.what() << "\n" << kUsage;
    return 2;
  }
}
