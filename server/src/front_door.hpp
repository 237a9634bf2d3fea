#pragma once
// The server's front door (docs/http.md "Limits"): one thread polls every open connection and
// reads each request, head and body, into memory before a worker is taken, so a slow client
// costs a socket and a buffer, never a worker. The whole request must arrive within the
// request deadline (408 otherwise), the head within its size limit (431), the body within the
// body limit (413); beyond max_connections open at once, the one that waited longest for its
// request is closed (503). A complete request runs on a worker; GET /api/health runs on
// workers of its own, so it answers while every other worker is busy. Knows sockets, not HTTP
// handlers: the worker's `serve` callback runs the request (http.cpp hands it to cpp-httplib).
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace normgraph::server {

struct FrontDoorLimits {
  std::chrono::milliseconds request_timeout{10'000};  // the whole request: head and body
  std::chrono::milliseconds keep_alive{5'000};        // idle between two requests
  std::chrono::milliseconds write_timeout{10'000};    // the whole answer
  size_t max_head_bytes = 32 * 1024;                  // request line and headers
  size_t max_body_bytes = 16u << 20;
  size_t max_connections = 256;  // open at once, reading, waiting or being answered
  unsigned workers = 32;         // run requests
  unsigned health_workers = 2;   // run GET /api/health only
};

// How far a chunked body was read: where the next chunk's size line starts (from the start of
// the request) and the body bytes before it.
struct ChunkScan {
  size_t next = 0;
  size_t body = 0;
};

// A client connection and the bytes read from it that no request consumed yet.
struct Connection {
  int fd = -1;
  std::string buffer;
  size_t consumed = 0;  // bytes of buffer already read by a request
  bool request_started = false;
  std::chrono::steady_clock::time_point deadline;    // of the request being read
  std::chrono::steady_clock::time_point idle_since;  // after the last answer
  bool health = false;                               // the request is GET /api/health
  bool draining = false;  // refused: its answer is sent, its input is read and dropped
  ChunkScan chunks;       // of the request being read

  std::string_view unread() const { return std::string_view(buffer).substr(consumed); }
};

// Where the request at the start of `bytes` ends, as far as the front door reads it.
struct RequestExtent {
  enum class State { Incomplete, Complete, HeadTooLarge, BodyTooLarge, BadFraming };
  State state = State::Incomplete;
  size_t head_bytes = 0;  // up to and with the blank line
  bool health = false;    // GET /api/health
};
// Complete when the head and a Content-Length or chunked body are all there; a request that
// waits for "100 Continue" is complete with its head (its worker reads the body, under the
// same deadline).
// `scan` (may be null) carries a chunked body's progress from one call to the next.
RequestExtent request_extent(std::string_view bytes, size_t max_head_bytes, size_t max_body_bytes,
                             ChunkScan* scan = nullptr);

class FrontDoor {
 public:
  // Runs the next request of the connection on a worker; true when the connection stays open.
  using Serve = std::function<bool(Connection&)>;
  FrontDoor(FrontDoorLimits limits, Serve serve, std::vector<std::string> extra_headers);
  ~FrontDoor();
  FrontDoor(const FrontDoor&) = delete;
  FrontDoor& operator=(const FrontDoor&) = delete;

  void start();
  // Takes an accepted socket (from the accepting thread).
  void adopt(int fd);
  // Closes idle and waiting connections, lets running requests finish, joins the threads.
  void shutdown();
  const FrontDoorLimits& limits() const { return limits_; }
  // Told of each request the door answers itself (408, 413, 431, 400, 503), for the log; set
  // before start(). Called from the door's thread or the accepting one.
  std::function<void(int fd, int status)> on_refused;

  // A short JSON error written straight to the socket, and the connection closed.
  static std::string canned_answer(int status, std::string_view code, std::string_view message,
                                   const std::vector<std::string>& extra_headers);

 private:
  class Workers;
  void poll_loop();
  void take_inbox(std::vector<std::unique_ptr<Connection>>& waiting);
  // Beyond max_connections: closes (503) the connections that waited longest.
  void make_room(std::vector<std::unique_ptr<Connection>>& waiting);
  // Reads what the socket has; false when the connection is gone.
  bool receive(Connection& c);
  // Hands a complete request to a worker (c becomes null) or refuses a bad one (c drains).
  void advance(std::unique_ptr<Connection>& c);
  void refuse(Connection& c, int status, std::string_view code, std::string_view message);
  void send_refusal(int fd, int status, std::string_view code, std::string_view message);
  void close(std::unique_ptr<Connection> c);
  // After an answer: true when the connection's next request arrived whole at once (within
  // a couple of milliseconds) and is for this lane; it is served on the same worker.
  bool next_request_at_once(Connection& c, bool health);
  void finished(std::unique_ptr<Connection> c, bool keep_open);
  void wake();

  FrontDoorLimits limits_;
  Serve serve_;
  std::vector<std::string> extra_headers_;
  int wake_fd_ = -1;
  std::mutex inbox_mutex_;
  std::vector<std::unique_ptr<Connection>> inbox_;
  std::atomic<size_t> open_{0};
  std::atomic<bool> stopping_{false};
  std::unique_ptr<Workers> workers_, health_workers_;
  std::thread poller_;
  bool started_ = false;
};

}  // namespace normgraph::server
