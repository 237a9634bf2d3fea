#pragma once
// The embedded HTTP endpoint (docs/http.md): a JSON API under /api/ and the web explorer at /,
// over one graph loaded from a data directory. Many readers at once, one writer; a posted
// document is journaled and fsynced before it is acknowledged (docs/storage.md "Journal").
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace normgraph::server {

struct ServerOptions {
  std::string data_dir;
  std::string host = "127.0.0.1";
  int port = 8080;         // 0: any free port (see Server::port())
  unsigned threads = 0;    // workers running requests; 0: 4 per core, at least 32
  std::string token_file;  // the bearer token for writes; empty: writes are refused
  size_t max_body_bytes = 16u << 20;
  double read_timeout_seconds = 10;   // the whole request, head and body, must arrive in this
  double write_timeout_seconds = 10;  // the whole answer must be taken in this
  size_t max_connections = 256;       // open at once; 503 beyond
  // Host header names accepted besides 127.0.0.1, localhost, [::1] and `host` (with no port
  // or the server's): NAME (any port), NAME:PORT, or * for any.
  std::vector<std::string> allowed_hosts;
  // The memory budget of a query (QueryOptions::max_memory_bytes; 0: none).
  uint64_t query_max_memory_bytes = uint64_t{1} << 30;
  double query_time_limit_seconds = 10;     // the most a query may run (a request may ask less)
  uint64_t query_max_rows = 100'000;        // the most rows a query result may hold
  std::string cors_origin;                  // empty: no CORS headers
  std::vector<std::string> rule_files;      // checked with /api/check besides ontology/rules/
  uint64_t journal_fold_bytes = 64u << 20;  // fold the journal into the snapshot beyond this
  std::FILE* log = stderr;                  // one line per request; nullptr: quiet
};

class Server {
 public:
  // Locks the data directory for writing, loads the snapshot and replays the journal, reads
  // the token, parses the rule files. Throws StorageError, InputError.
  explicit Server(ServerOptions options);
  // Stops and folds the journal into the snapshot.
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the socket; returns the port (the chosen one when the options said 0). Throws
  // StorageError when the address cannot be bound.
  int bind();
  int port() const;
  // Serves until stop(); binds first when bind() was not called.
  void run();
  // Thread-safe; run() returns soon after.
  void stop();
  // Saves the graph as a snapshot and empties the journal (also done by the destructor).
  void fold_journal();

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace normgraph::server
