// normgraph serve: the HTTP endpoint and web explorer (docs/http.md) over a data directory.
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cstdio>
#include <thread>

#include "commands.hpp"
#include "normgraph/server/server.hpp"

namespace normgraph::cli {

namespace {

template <class T>
T number_option(const ParsedArgs& args, const std::string& name, T fallback) {
  auto text = args.get(name);
  if (!text || text->empty()) return fallback;
  T value{};
  auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc() || end != text->data() + text->size() || value < T{})
    throw UsageError("--" + name + " needs a non-negative number, got '" + *text + "'");
  return value;
}

int run_serve(const ParsedArgs& args) {
  server::ServerOptions o;
  o.data_dir = args.get_or("data", "");
  o.host = args.get_or("host", "127.0.0.1");
  o.port = number_option<int>(args, "port", 8080);
  if (o.port > 65535) throw UsageError("--port is at most 65535");
  o.threads = number_option<unsigned>(args, "threads", 0);
  o.token_file = args.get_or("token-file", "");
  o.max_body_bytes = number_option<size_t>(args, "max-body", 16u << 20);
  o.query_time_limit_seconds = number_option<double>(args, "query-timeout", 10);
  o.query_max_rows = number_option<uint64_t>(args, "max-rows", 100000);
  o.query_max_memory_bytes = byte_size("query-max-memory", args.get_or("query-max-memory", "1G"));
  o.read_timeout_seconds = number_option<double>(args, "read-timeout", 10);
  o.write_timeout_seconds = number_option<double>(args, "write-timeout", 10);
  o.journal_fold_bytes = number_option<uint64_t>(args, "journal-limit", 64u << 20);
  o.max_connections = number_option<size_t>(args, "max-connections", 256);
  // Sockets past FD_SETSIZE (1024) are refused by cpp-httplib: stay well below.
  if (o.max_connections == 0 || o.max_connections > 900)
    throw UsageError("--max-connections is 1 to 900");
  if (o.read_timeout_seconds <= 0 || o.write_timeout_seconds <= 0)
    throw UsageError("--read-timeout and --write-timeout are positive numbers of seconds");
  for (const auto& list : args.all("allowed-hosts")) {
    size_t start = 0;
    while (start <= list.size()) {
      const size_t comma = std::min(list.find(',', start), list.size());
      if (comma > start) o.allowed_hosts.push_back(list.substr(start, comma - start));
      start = comma + 1;
    }
  }
  o.cors_origin = args.get_or("cors-origin", "");
  o.rule_files = args.all("rules");
  if (args.flag("quiet")) o.log = nullptr;

  // SIGINT and SIGTERM stop the server cleanly (the journal is folded into the snapshot); they
  // are blocked here so that every thread inherits the mask and one thread waits for them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  server::Server srv(o);
  const int port = srv.bind();
  std::fprintf(stderr, "normgraph serve: listening on http://%s:%d/ (data %s)\n", o.host.c_str(),
               port, o.data_dir.c_str());
  std::atomic<bool> signalled{false};
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    signalled = true;
    srv.stop();
  });
  srv.run();
  if (!signalled) ::kill(::getpid(), SIGTERM);  // wakes the waiter
  waiter.join();
  std::fprintf(stderr, "normgraph serve: stopping; folding the journal into the snapshot\n");
  return kExitOk;  // ~Server folds the journal
}

}  // namespace

Command serve_command() {
  return {{"serve",
           "serve the JSON API and the web explorer over HTTP (docs/http.md)",
           "Loads the data directory (snapshot plus journal) and answers HTTP requests: the JSON\n"
           "API under /api/ and the web explorer at /. Binds loopback unless --host says\n"
           "otherwise. Writes (POST /api/documents) need 'Authorization: Bearer TOKEN' with the\n"
           "token from --token-file; without one, writes are refused. A posted document is\n"
           "journaled and fsynced before it is acknowledged; SIGINT or SIGTERM folds the journal\n"
           "into the snapshot and exits. One line per request goes to stderr.",
           {data_option(),
            {"host", 0, "ADDR", "the address to bind", "127.0.0.1"},
            {"port", 0, "N", "the port (0: any free port, printed at start)", "8080"},
            {"threads", 0, "N", "worker threads running requests (0: 4 per core, >= 32)", "0"},
            {"max-connections", 0, "N", "connections open at once (503 beyond)", "256"},
            {"allowed-hosts", 0, "NAMES",
             "Host header names accepted besides 127.0.0.1, localhost, [::1] and --host: NAME, "
             "NAME:PORT or * (comma-separated, repeatable)",
             "", true},
            {"token-file", 0, "FILE", "the bearer token for writes (at least 16 characters)", ""},
            {"max-body", 0, "BYTES", "the largest request body (413 beyond)", "16777216"},
            {"query-timeout", 0, "SECONDS", "the time limit of a query (408 beyond)", "10"},
            {"max-rows", 0, "N", "the row limit of a query result (422 beyond)", "100000"},
            {"query-max-memory", 0, "BYTES",
             "the memory budget of a query: lists, strings and maps it builds (512M, 2G; 0: none)",
             "1G"},
            {"read-timeout", 0, "SECONDS",
             "the whole request (head and body) must arrive within this (408 beyond)", "10"},
            {"write-timeout", 0, "SECONDS", "the whole answer must be taken within this", "10"},
            {"journal-limit", 0, "BYTES", "fold the journal into the snapshot beyond this size",
             "67108864"},
            {"cors-origin", 0, "ORIGIN", "send CORS headers allowing this origin (none by default)",
             ""},
            {"rules", 'r', "FILE",
             "a rule file for /api/check and /api/explain besides the "
             "default ones (repeatable)",
             "", true},
            {"quiet", 'q', "", "no request log", ""}},
           "",
           0,
           0},
          run_serve};
}

}  // namespace normgraph::cli
