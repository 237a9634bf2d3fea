// The HTTP layer: cpp-httplib routes, the token check, limits, JSON errors and the request log.
// The only translation unit that includes httplib.h.
#include <httplib.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "assets.hpp"
#include "front_door.hpp"
#include "normgraph/core/errors.hpp"
#include "normgraph/core/strings.hpp"
#include "normgraph/server/server.hpp"
#include "service.hpp"

namespace normgraph::server {

namespace {

struct Route {
  std::regex pattern;
  const char* methods;  // for the Allow header of a 405
};

const std::vector<Route>& routes() {
  static const std::vector<Route> r = {
      {std::regex("/api/health"), "GET"},    {std::regex("/api/stats"), "GET"},
      {std::regex("/api/nodes"), "GET"},     {std::regex("/api/nodes/.+"), "GET"},
      {std::regex("/api/paths"), "GET"},     {std::regex("/api/query"), "POST"},
      {std::regex("/api/check"), "GET"},     {std::regex("/api/explain"), "GET"},
      {std::regex("/api/export"), "GET"},    {std::regex("/api/documents"), "POST"},
      {std::regex("/api/sentences"), "GET"}, {std::regex("/api/compare"), "GET"},
      {std::regex("/api/timeline"), "GET"},  {std::regex("/api/alignment"), "GET"},
  };
  return r;
}

const char* reason(int status) {
  switch (status) {
    case 400:
      return "bad_request";
    case 401:
      return "unauthorized";
    case 404:
      return "not_found";
    case 405:
      return "method_not_allowed";
    case 408:
      return "request_timeout";
    case 415:
      return "unsupported_media_type";
    case 421:
      return "misdirected_host";
    case 431:
      return "headers_too_large";
    case 413:
      return "payload_too_large";
    case 414:
      return "uri_too_long";
    case 422:
      return "unprocessable";
    default:
      return status >= 500 ? "internal" : "error";
  }
}

const char* message_for(int status) {
  switch (status) {
    case 400:
      return "the request could not be read";
    case 404:
      return "no such resource";
    case 408:
      return "the request took too long to arrive";
    case 413:
      return "the request body is larger than the server accepts";
    case 414:
      return "the request line is too long";
    default:
      return "the request failed";
  }
}

// Equal-time comparison: the time taken does not depend on where the strings differ.
bool same_token(const std::string& given, const std::string& expected) {
  unsigned char diff = given.size() == expected.size() ? 0 : 1;
  const size_t n = std::max(given.size(), expected.size());
  for (size_t i = 0; i < n; ++i) {
    unsigned char a = i < given.size() ? static_cast<unsigned char>(given[i]) : 0;
    unsigned char b = i < expected.size() ? static_cast<unsigned char>(expected[i]) : 0;
    diff |= static_cast<unsigned char>(a ^ b);
  }
  return diff == 0;
}

thread_local std::chrono::steady_clock::time_point tl_request_start;
// Set by a handler that answered without reading the whole body: the connection closes after
// the answer, since the rest of the body would be read as the next request.
thread_local bool tl_close_after_answer = false;

using Clock = std::chrono::steady_clock;

// Waits until the socket is ready for `events` or the deadline passes.
bool wait_for(int fd, short events, Clock::time_point deadline) {
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return false;
    pollfd p{fd, events, 0};
    const int r = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, 60'000)));
    if (r > 0) return true;
    if (r < 0 && errno != EINTR) return false;
  }
}

void socket_address(const sockaddr_storage& addr, socklen_t len, std::string& ip, int& port) {
  char host[NI_MAXHOST], service[NI_MAXSERV];
  if (::getnameinfo(reinterpret_cast<const sockaddr*>(&addr), len, host, sizeof host, service,
                    sizeof service, NI_NUMERICHOST | NI_NUMERICSERV) == 0) {
    ip = host;
    port = std::atoi(service);
  }
}

// A request's bytes for cpp-httplib: first what the front door read, then the socket, every
// read bounded by the request's deadline and the whole answer by the write timeout.
class ConnectionStream final : public httplib::Stream {
 public:
  ConnectionStream(Connection& c, Clock::time_point read_deadline,
                   std::chrono::milliseconds write_timeout)
      : c_(c), read_deadline_(read_deadline), write_timeout_(write_timeout) {}

  bool is_readable() const override {
    return !c_.unread().empty() || wait_for(c_.fd, POLLIN, read_deadline_);
  }
  bool is_writable() const override { return wait_for(c_.fd, POLLOUT, write_deadline()); }

  ssize_t read(char* ptr, size_t size) override {
    if (c_.unread().empty()) {
      c_.buffer.clear();
      c_.consumed = 0;
      char chunk[16 * 1024];
      for (;;) {
        if (!wait_for(c_.fd, POLLIN, read_deadline_)) return -1;
        const ssize_t n = ::recv(c_.fd, chunk, sizeof chunk, MSG_DONTWAIT);
        if (n == 0) return 0;
        if (n > 0) {
          c_.buffer.append(chunk, static_cast<size_t>(n));
          break;
        }
        if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) return -1;
      }
    }
    const std::string_view unread = c_.unread();
    const size_t n = std::min(size, unread.size());
    std::memcpy(ptr, unread.data(), n);
    c_.consumed += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, size_t size) override {
    // "100 Continue" comes before the body is read and the request runs: the answer's clock
    // starts later, with the answer.
    const bool interim =
        !write_started_ && std::string_view(ptr, size).starts_with("HTTP/1.1 100 ");
    const Clock::time_point deadline = interim ? Clock::now() + write_timeout_ : write_deadline();
    for (;;) {
      const ssize_t n = ::send(c_.fd, ptr, size, MSG_DONTWAIT | MSG_NOSIGNAL);
      if (n >= 0) return n;
      if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) return -1;
      if (!wait_for(c_.fd, POLLOUT, deadline)) return -1;
    }
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    if (::getpeername(c_.fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
      socket_address(addr, len, ip, port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    if (::getsockname(c_.fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
      socket_address(addr, len, ip, port);
  }
  socket_t socket() const override { return c_.fd; }

 private:
  // The answer's clock starts with its first byte.
  Clock::time_point write_deadline() const {
    if (!write_started_) {
      write_started_ = true;
      write_deadline_ = Clock::now() + write_timeout_;
    }
    return write_deadline_;
  }

  Connection& c_;
  Clock::time_point read_deadline_;
  std::chrono::milliseconds write_timeout_;
  mutable bool write_started_ = false;
  mutable Clock::time_point write_deadline_;
};

// cpp-httplib's server with its connections handed to the front door instead of a thread
// each: its accepting loop calls process_and_close_socket for every new socket.
class DoorServer final : public httplib::Server {
 public:
  FrontDoor* door = nullptr;

  // cpp-httplib listens with a backlog of 5: a burst of connections would have their SYNs
  // dropped and retried a second later. Listening again on the bound socket raises it.
  void widen_backlog() {
    if (svr_sock_ != INVALID_SOCKET) ::listen(svr_sock_, SOMAXCONN);
  }

  // One request of the connection; true when the connection stays open.
  bool serve(Connection& c) {
    const auto& limits = door->limits();
    ConnectionStream stream(c, c.deadline, limits.write_timeout);
    tl_close_after_answer = false;
    bool closed = false;
    const bool ok = process_request(stream, false, closed, nullptr);
    return ok && !closed && !tl_close_after_answer;
  }

 protected:
  bool process_and_close_socket(socket_t sock) override {
    door->adopt(sock);
    return true;
  }
};

// The accepting loop's task queue: a new socket goes to the front door at once.
class DoorQueue final : public httplib::TaskQueue {
 public:
  explicit DoorQueue(FrontDoor& door) : door_(door) {}
  void enqueue(std::function<void()> fn) override { fn(); }
  void shutdown() override { door_.shutdown(); }

 private:
  FrontDoor& door_;
};

std::chrono::milliseconds to_ms(double seconds) {
  return std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
}

// The log shows a path as text: control characters (a decoded %0A or %00) are escaped.
std::string printable_path(const std::string& path) {
  if (!valid_utf8(path)) return "(invalid UTF-8)";
  std::string out;
  for (char c : path) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", static_cast<unsigned char>(c));
      out += hex;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

struct Server::Impl {
  ServerOptions options;
  std::unique_ptr<GraphService> service;
  DoorServer http;
  std::unique_ptr<FrontDoor> door;
  std::string token;
  int port = -1;
  std::mutex log_mutex;
  std::atomic<bool> stop_requested{false}, in_run{false};

  std::vector<std::string> own_host_names;    // with no port or this server's port
  std::vector<std::string> extra_host_names;  // --allowed-hosts: NAME (any port), NAME:PORT, *

  explicit Impl(ServerOptions o) : options(std::move(o)) {
    own_host_names = {"127.0.0.1", "localhost", "[::1]"};
    std::string bound = ascii_lower(options.host);
    if (bound.find(':') != std::string::npos && bound.front() != '[') bound = "[" + bound + "]";
    own_host_names.push_back(bound);
    for (const auto& h : options.allowed_hosts)
      if (!h.empty()) extra_host_names.push_back(ascii_lower(h));
    if (!options.token_file.empty()) {
      std::ifstream in(options.token_file, std::ios::binary);
      if (!in) throw InputError(options.token_file + ": cannot read the token file");
      std::stringstream ss;
      ss << in.rdbuf();
      token = ss.str();
      while (!token.empty() && std::isspace(static_cast<unsigned char>(token.back())))
        token.pop_back();
      if (token.size() < 16)
        throw InputError(options.token_file + ": the token must have at least 16 characters");
    }
    service = std::make_unique<GraphService>(options);
    setup();
  }

  static void send(httplib::Response& res, const Reply& reply) {
    res.status = reply.status;
    for (const auto& [k, v] : reply.headers) res.set_header(k, v);
    res.set_content(reply.body, reply.content_type.c_str());
  }
  static void send_error(httplib::Response& res, int status, const std::string& code,
                         const std::string& message) {
    res.status = status;
    res.set_content(error_body(code, message), "application/json");
  }

  // Runs a handler; every failure becomes a JSON error.
  template <class F>
  httplib::Server::Handler guard(F f) {
    return [f](const httplib::Request& req, httplib::Response& res) {
      try {
        for (const auto& [k, v] : req.params)
          if (!valid_utf8(k) || !valid_utf8(v))
            throw ApiError(400, "invalid_utf8", "a query parameter is not valid UTF-8");
        if (!valid_utf8(req.path))
          throw ApiError(400, "invalid_utf8", "the path is not valid UTF-8");
        send(res, f(req));
      } catch (const ApiError& e) {
        send_error(res, e.status(), e.code(), e.message());
      } catch (const InputError& e) {
        send_error(res, 422, "bad_input", e.what());
      } catch (const StorageError& e) {
        send_error(res, 500, "storage", e.what());
      } catch (const std::bad_alloc&) {
        send_error(res, 500, "out_of_memory", "out of memory");
      } catch (const std::exception& e) {
        send_error(res, 500, "internal", e.what());
      }
    };
  }

  // A POST handler that reads its body itself, so that every body, whatever its Content-Type
  // or Content-Encoding, has the --max-body limit (cpp-httplib's own reading stops
  // form-encoded bodies at 8 KB and does not bound chunked or compressed ones).
  template <class F>
  httplib::Server::HandlerWithContentReader with_body(F f) {
    return [inner = guard(std::move(f)), max = options.max_body_bytes](
               const httplib::Request& req, httplib::Response& res,
               const httplib::ContentReader& reader) {
      std::string body;
      if (!read_body(req, res, reader, max, body)) return;
      // The request is process_request's own object, handed to us as const.
      const_cast<httplib::Request&>(req).body = std::move(body);
      inner(req, res);
    };
  }

  // False when it answered: a body over the limit, unreadable, or multipart.
  static bool read_body(const httplib::Request& req, httplib::Response& res,
                        const httplib::ContentReader& reader, size_t max, std::string& body) {
    const bool framed =
        req.has_header("Content-Length") ||
        req.get_header_value("Transfer-Encoding").find("chunked") != std::string::npos;
    if (!framed) return true;  // a request without Content-Length has no body
    bool too_large = false, ok = true;
    if (req.is_multipart_form_data()) {
      ok = reader([](const httplib::MultipartFormData&) { return true; },
                  [](const char*, size_t) { return true; });
      if (ok) {
        send_error(res, 415, "unsupported_media_type",
                   "multipart/form-data bodies are not accepted; send JSON");
        return false;
      }
    } else {
      ok = reader([&](const char* data, size_t n) {
        if (body.size() + n > max) {
          too_large = true;
          return false;
        }
        body.append(data, n);
        return true;
      });
    }
    if (ok) return true;
    tl_close_after_answer = true;  // the rest of the body is still on the connection
    res.set_header("Connection", "close");
    if (too_large || res.status == 413)
      send_error(res, 413, "payload_too_large",
                 "the request body is larger than the server accepts (--max-body)");
    else if (res.status == 415)
      send_error(res, 415, "unsupported_media_type",
                 "the body's Content-Encoding is not supported");
    else
      send_error(res, 400, "bad_request", "the request body could not be read");
    return false;
  }

  // The Host header names this server (docs/http.md "Security"): a page on another name that
  // resolves to this address (DNS rebinding) is refused.
  bool host_allowed(const httplib::Request& req) const {
    if (!req.has_header("Host")) return req.version == "HTTP/1.0";
    const std::string host = ascii_lower(req.get_header_value("Host"));
    // The name without its port: "[::1]:8080" -> "[::1]", "localhost:8080" -> "localhost".
    std::string name = host, port;
    const size_t colon = host.rfind(':');
    if (colon != std::string::npos && host.find(']', colon) == std::string::npos) {
      name = host.substr(0, colon);
      port = host.substr(colon + 1);
    }
    for (const auto& own : own_host_names)
      if (name == own && (port.empty() || port == std::to_string(this->port))) return true;
    for (const auto& extra : extra_host_names)
      if (extra == "*" || extra == host || extra == name) return true;
    return false;
  }

  // One line of the request log: time (UTC), client, method, path, status, bytes, ms.
  void log_line(const std::string& client, const std::string& method, const std::string& path,
                int status, size_t bytes, double ms) {
    if (!options.log) return;
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char when[32];
    std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    std::lock_guard<std::mutex> g(log_mutex);
    std::fprintf(options.log, "%s %s %s %s %d %zu %.2fms\n", when, client.c_str(), method.c_str(),
                 path.c_str(), status, bytes, ms);
    std::fflush(options.log);
  }

  void require_token(const httplib::Request& req) const {
    if (token.empty())
      throw ApiError(401, "unauthorized",
                     "writes are disabled: the server was started without --token-file");
    const std::string auth = req.get_header_value("Authorization");
    const std::string prefix = "Bearer ";
    if (auth.compare(0, prefix.size(), prefix) != 0 ||
        !same_token(auth.substr(prefix.size()), token))
      throw ApiError(401, "unauthorized", "writes need 'Authorization: Bearer <token>'");
  }

  void setup() {
    FrontDoorLimits limits;
    limits.workers =
        options.threads ? options.threads : std::max(32u, 4 * std::thread::hardware_concurrency());
    limits.request_timeout = to_ms(options.read_timeout_seconds);
    limits.write_timeout = to_ms(options.write_timeout_seconds);
    limits.max_body_bytes = options.max_body_bytes;
    limits.max_connections = options.max_connections;
    std::vector<std::string> door_headers = {"X-Content-Type-Options: nosniff",
                                             "Cache-Control: no-store"};
    if (!options.cors_origin.empty())
      door_headers.push_back("Access-Control-Allow-Origin: " + options.cors_origin);
    door = std::make_unique<FrontDoor>(
        limits, [this](Connection& c) { return http.serve(c); }, door_headers);
    http.door = door.get();
    door->on_refused = [this](int fd, int status) {
      std::string ip = "?";
      int port = 0;
      sockaddr_storage addr{};
      socklen_t len = sizeof addr;
      if (::getpeername(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
        socket_address(addr, len, ip, port);
      log_line(ip, "-", "(refused at the door)", status, 0, 0);
    };
    http.new_task_queue = [this] {
      door->start();
      return new DoorQueue(*door);
    };
    http.set_payload_max_length(options.max_body_bytes);
    http.set_keep_alive_max_count(100000);
    http.set_keep_alive_timeout(
        std::chrono::duration_cast<std::chrono::seconds>(limits.keep_alive).count());
    http.set_tcp_nodelay(true);
    httplib::Headers defaults = {{"X-Content-Type-Options", "nosniff"},
                                 {"Cache-Control", "no-store"}};
    if (!options.cors_origin.empty()) {
      defaults.emplace("Access-Control-Allow-Origin", options.cors_origin);
      defaults.emplace("Access-Control-Allow-Headers", "Authorization, Content-Type");
      defaults.emplace("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
      defaults.emplace("Vary", "Origin");
    }
    http.set_default_headers(defaults);

    GraphService& s = *service;
    http.Get("/api/health", guard([&s](const httplib::Request&) { return s.health(); }));
    http.Get("/api/stats", guard([&s](const httplib::Request&) { return s.stats(); }));
    http.Get("/api/nodes",
             guard([&s](const httplib::Request& r) { return s.search_nodes(r.params); }));
    http.Get("/api/nodes/(.+)/neighbors", guard([&s](const httplib::Request& r) {
               return s.neighbors(r.matches[1], r.params);
             }));
    http.Get("/api/nodes/(.+)",
             guard([&s](const httplib::Request& r) { return s.node(r.matches[1]); }));
    http.Get("/api/paths", guard([&s](const httplib::Request& r) { return s.paths(r.params); }));
    http.Get("/api/check", guard([&s](const httplib::Request& r) { return s.check(r.params); }));
    http.Get("/api/explain",
             guard([&s](const httplib::Request& r) { return s.explain(r.params); }));
    http.Get("/api/export",
             guard([&s](const httplib::Request& r) { return s.export_graph(r.params); }));
    http.Get("/api/sentences",
             guard([&s](const httplib::Request& r) { return s.sentences(r.params); }));
    http.Get("/api/compare",
             guard([&s](const httplib::Request& r) { return s.compare(r.params); }));
    http.Get("/api/timeline",
             guard([&s](const httplib::Request& r) { return s.timeline(r.params); }));
    http.Get("/api/alignment",
             guard([&s](const httplib::Request& r) { return s.alignment(r.params); }));
    http.Post("/api/query", with_body([this, &s](const httplib::Request& r) {
                return s.query(r.body, [this, &r] { require_token(r); });
              }));
    http.Post("/api/documents", with_body([this, &s](const httplib::Request& r) {
                require_token(r);
                return s.post_document(r.body);
              }));
    // The web explorer, compiled in.
    http.Get("/(|index\\.html|app\\.js|style\\.css)", [](const httplib::Request& req,
                                                         httplib::Response& res) {
      std::string name = req.matches[1];
      if (name.empty()) name = "index.html";
      for (size_t i = 0; i < kAssetCount; ++i)
        if (name == kAssets[i].name) {
          res.set_header(
              "Content-Security-Policy",
              "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:");
          res.set_content(reinterpret_cast<const char*>(kAssets[i].data), kAssets[i].size,
                          kAssets[i].type);
          return;
        }
      send_error(res, 404, "not_found", "no such page");
    });
    if (!options.cors_origin.empty())
      http.Options("/api/.*",
                   [](const httplib::Request&, httplib::Response& res) { res.status = 204; });
    // Anything else: 405 for a known path with another method, else 404.
    auto fallback = [](const httplib::Request& req, httplib::Response& res) {
      for (const auto& r : routes())
        if (std::regex_match(req.path, r.pattern)) {
          res.set_header("Allow", r.methods);
          send_error(
              res, 405, "method_not_allowed",
              req.method + " is not allowed on " + req.path + " (allowed: " + r.methods + ")");
          return;
        }
      send_error(res, 404, "not_found",
                 "no such resource: " + (valid_utf8(req.path) ? req.path : std::string("?")));
    };
    // With a body: read (within --max-body) and dropped, so the connection stays usable.
    auto fallback_with_body = [fallback, max = options.max_body_bytes](
                                  const httplib::Request& req, httplib::Response& res,
                                  const httplib::ContentReader& reader) {
      std::string body;
      if (read_body(req, res, reader, max, body)) fallback(req, res);
    };
    http.Get(".*", fallback);
    http.Post(".*", fallback_with_body);
    http.Put(".*", fallback_with_body);
    http.Patch(".*", fallback_with_body);
    http.Delete(".*", fallback_with_body);
    if (options.cors_origin.empty()) http.Options(".*", fallback);
    // Errors httplib answers itself (413, 400 for a bad request line, ...) get a JSON body too.
    http.set_error_handler(
        httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
          if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
          send_error(res, res.status, reason(res.status), message_for(res.status));
          return httplib::Server::HandlerResponse::Handled;
        }));
    http.set_exception_handler(
        [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
          send_error(res, 500, "internal", "the request failed");
        });
    http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      tl_request_start = std::chrono::steady_clock::now();
      if (host_allowed(req)) return httplib::Server::HandlerResponse::Unhandled;
      tl_close_after_answer = true;  // a body, if any, is not read
      res.set_header("Connection", "close");
      send_error(res, 421, "misdirected_host",
                 "this server does not answer for the host named in the Host header (see "
                 "--allowed-hosts)");
      return httplib::Server::HandlerResponse::Handled;
    });
    http.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
      const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                                  tl_request_start)
                            .count();
      log_line(req.remote_addr, req.method, printable_path(req.path), res.status, res.body.size(),
               ms);
    });
  }
};

Server::Server(ServerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

Server::~Server() {
  stop();
  try {
    impl_->service->fold_journal();
  } catch (const std::exception& e) {
    if (impl_->options.log)
      std::fprintf(impl_->options.log, "normgraph serve: could not fold the journal: %s\n",
                   e.what());
  }
}

int Server::bind() {
  if (impl_->port >= 0) return impl_->port;
  const auto& o = impl_->options;
  if (o.port == 0) {
    impl_->port = impl_->http.bind_to_any_port(o.host);
  } else {
    impl_->port = impl_->http.bind_to_port(o.host, o.port) ? o.port : -1;
  }
  if (impl_->port < 0)
    throw StorageError("cannot listen on " + o.host + ":" + std::to_string(o.port));
  impl_->http.widen_backlog();
  return impl_->port;
}

int Server::port() const {
  return impl_->port;
}

void Server::run() {
  bind();
  impl_->in_run = true;
  if (!impl_->stop_requested) impl_->http.listen_after_bind();
  impl_->in_run = false;
}

void Server::stop() {
  impl_->stop_requested = true;
  // run() may be between its check and the listening loop: wait until it listens or returns.
  for (int i = 0; i < 1000; ++i) {
    if (impl_->http.is_running()) {
      impl_->http.stop();
      return;
    }
    if (!impl_->in_run) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

void Server::fold_journal() {
  impl_->service->fold_journal();
}

}  // namespace normgraph::server
