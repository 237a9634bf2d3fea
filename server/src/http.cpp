// The HTTP layer: cpp-httplib routes, the token check, limits, JSON errors and the request log.
// The only translation unit that includes httplib.h.
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "assets.hpp"
#include "normgraph/engine/errors.hpp"
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
      {std::regex("/api/health"), "GET"}, {std::regex("/api/stats"), "GET"},
      {std::regex("/api/nodes"), "GET"},  {std::regex("/api/nodes/.+"), "GET"},
      {std::regex("/api/paths"), "GET"},  {std::regex("/api/query"), "POST"},
      {std::regex("/api/check"), "GET"},  {std::regex("/api/explain"), "GET"},
      {std::regex("/api/export"), "GET"}, {std::regex("/api/documents"), "POST"},
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
      return "timeout";
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

}  // namespace

struct Server::Impl {
  ServerOptions options;
  std::unique_ptr<GraphService> service;
  httplib::Server http;
  std::string token;
  int port = -1;
  std::mutex log_mutex;
  std::atomic<bool> stop_requested{false}, in_run{false};

  explicit Impl(ServerOptions o) : options(std::move(o)) {
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
        send_error(res, e.status(), e.code(), e.what());
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
    const unsigned threads =
        options.threads ? options.threads : std::max(32u, 4 * std::thread::hardware_concurrency());
    http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    http.set_payload_max_length(options.max_body_bytes);
    auto secs = [](double s) {
      return std::pair<time_t, time_t>(static_cast<time_t>(s),
                                       static_cast<time_t>((s - static_cast<time_t>(s)) * 1e6));
    };
    auto [rs, ru] = secs(options.read_timeout_seconds);
    auto [ws, wu] = secs(options.write_timeout_seconds);
    http.set_read_timeout(rs, ru);
    http.set_write_timeout(ws, wu);
    http.set_keep_alive_max_count(100000);
    http.set_keep_alive_timeout(5);
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
    http.Post("/api/query", guard([this, &s](const httplib::Request& r) {
                return s.query(r.body, [this, &r] { require_token(r); });
              }));
    http.Post("/api/documents", guard([this, &s](const httplib::Request& r) {
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
    http.Get(".*", fallback);
    http.Post(".*", fallback);
    http.Put(".*", fallback);
    http.Patch(".*", fallback);
    http.Delete(".*", fallback);
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
    http.set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
      tl_request_start = std::chrono::steady_clock::now();
      return httplib::Server::HandlerResponse::Unhandled;
    });
    http.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
      if (!options.log) return;
      double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                            tl_request_start)
                      .count();
      std::time_t now = std::time(nullptr);
      std::tm tm{};
      gmtime_r(&now, &tm);
      char when[32];
      std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
      std::string path = valid_utf8(req.path) ? req.path : "(invalid UTF-8)";
      std::lock_guard<std::mutex> g(log_mutex);
      std::fprintf(options.log, "%s %s %s %s %d %zu %.2fms\n", when, req.remote_addr.c_str(),
                   req.method.c_str(), path.c_str(), res.status, res.body.size(), ms);
      std::fflush(options.log);
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
