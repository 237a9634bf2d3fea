#include "front_door.hpp"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <exception>

#include "normgraph/core/errors.hpp"

namespace normgraph::server {

namespace {

using Clock = std::chrono::steady_clock;

bool same_letters(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

bool contains_letters(std::string_view haystack, std::string_view needle) {
  if (needle.size() > haystack.size()) return false;
  for (size_t i = 0; i + needle.size() <= haystack.size(); ++i)
    if (same_letters(haystack.substr(i, needle.size()), needle)) return true;
  return false;
}

// Where a chunked body ends; npos while incomplete. Resumes at `scan` (the next chunk's size
// line and the body bytes before it) and leaves it there, so that each byte is looked at once
// however slowly the body arrives. `bad` for framing that cannot be read, `too_large` beyond
// the body limit.
size_t chunked_end(std::string_view bytes, ChunkScan& scan, size_t max_body, bool& bad,
                   bool& too_large) {
  for (;;) {
    const size_t pos = scan.next;
    const size_t eol = bytes.find("\r\n", pos);
    if (eol == std::string_view::npos) {
      if (bytes.size() - pos > 1024) bad = true;
      return std::string_view::npos;
    }
    std::string_view line = bytes.substr(pos, eol - pos);
    line = line.substr(0, line.find(';'));  // chunk extensions
    line = trim(line);
    size_t size = 0;
    auto [end, ec] = std::from_chars(line.data(), line.data() + line.size(), size, 16);
    if (line.empty() || ec != std::errc() || end != line.data() + line.size()) {
      bad = true;
      return std::string_view::npos;
    }
    if (size == 0) {  // the last chunk, then trailer lines up to a blank line
      if (bytes.compare(eol + 2, 2, "\r\n") == 0) return eol + 4;
      const size_t blank = bytes.find("\r\n\r\n", eol);
      return blank == std::string_view::npos ? blank : blank + 4;
    }
    if (size > max_body || scan.body + size > max_body) {
      too_large = true;
      return std::string_view::npos;
    }
    if (eol + 2 + size + 2 > bytes.size()) return std::string_view::npos;
    scan.body += size;
    scan.next = eol + 2 + size + 2;
  }
}

void send_best_effort(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
}

}  // namespace

RequestExtent request_extent(std::string_view bytes, size_t max_head_bytes, size_t max_body_bytes,
                             ChunkScan* scan) {
  RequestExtent out;
  const size_t blank = bytes.find("\r\n\r\n");
  if (blank == std::string_view::npos || blank + 4 > max_head_bytes) {
    if (bytes.size() >= max_head_bytes) out.state = RequestExtent::State::HeadTooLarge;
    return out;
  }
  out.head_bytes = blank + 4;
  const std::string_view head = bytes.substr(0, blank + 2);
  const size_t first_eol = head.find("\r\n");
  const std::string_view request_line = head.substr(0, first_eol);
  constexpr std::string_view kHealth = "GET /api/health";
  out.health = request_line.size() > kHealth.size() &&
               request_line.compare(0, kHealth.size(), kHealth) == 0 &&
               (request_line[kHealth.size()] == ' ' || request_line[kHealth.size()] == '?');
  bool chunked = false, expect_continue = false, has_length = false;
  uint64_t length = 0;
  for (size_t pos = first_eol + 2; pos < head.size();) {
    const size_t eol = head.find("\r\n", pos);
    const std::string_view line = head.substr(pos, eol - pos);
    pos = eol + 2;
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string_view name = trim(line.substr(0, colon)), value = trim(line.substr(colon + 1));
    if (same_letters(name, "Transfer-Encoding")) {
      chunked = chunked || contains_letters(value, "chunked");
    } else if (same_letters(name, "Expect")) {
      expect_continue = same_letters(value, "100-continue");
    } else if (same_letters(name, "Content-Length")) {
      uint64_t v = 0;
      auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
      if (value.empty() || ec != std::errc() || end != value.data() + value.size() ||
          (has_length && v != length)) {
        out.state = RequestExtent::State::BadFraming;
        return out;
      }
      has_length = true;
      length = v;
    }
  }
  if (chunked && has_length) {  // ambiguous framing: the way to smuggle a request
    out.state = RequestExtent::State::BadFraming;
    return out;
  }
  if (has_length && length > max_body_bytes) {
    out.state = RequestExtent::State::BodyTooLarge;
    return out;
  }
  if (expect_continue) {  // the client sends the body after the worker's "100 Continue"
    out.state = RequestExtent::State::Complete;
    return out;
  }
  if (chunked) {
    ChunkScan fresh;
    ChunkScan& at = scan ? *scan : fresh;
    if (at.next < out.head_bytes) at = {out.head_bytes, 0};
    // Chunk lines cost bytes too: the buffered body is bounded, not only its data.
    bool bad = false, too_large = bytes.size() - out.head_bytes > 2 * max_body_bytes + 65536;
    const size_t end =
        too_large ? std::string_view::npos : chunked_end(bytes, at, max_body_bytes, bad, too_large);
    if (bad) out.state = RequestExtent::State::BadFraming;
    if (too_large) out.state = RequestExtent::State::BodyTooLarge;
    if (!bad && !too_large && end != std::string_view::npos)
      out.state = RequestExtent::State::Complete;
    return out;
  }
  if (bytes.size() - out.head_bytes >= length) out.state = RequestExtent::State::Complete;
  return out;
}

// ------------------------------------------------------------------ workers

class FrontDoor::Workers {
 public:
  // `nice`: added to the threads' nice value, so that under a full CPU long requests yield to
  // the door and to health (only this thread's value changes; raising it needs no privilege).
  Workers(FrontDoor& door, unsigned count, int nice) : door_(door) {
    for (unsigned i = 0; i < std::max(1u, count); ++i)
      threads_.emplace_back([this, nice] {
        if (nice) ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), nice);
        run();
      });
  }
  ~Workers() { stop(); }

  void push(std::unique_ptr<Connection> c) {
    {
      std::lock_guard<std::mutex> g(mutex_);
      queue_.push_back(std::move(c));
    }
    ready_.notify_one();
  }

  // Requests running finish; queued ones are closed.
  void stop() {
    {
      std::lock_guard<std::mutex> g(mutex_);
      if (stopped_) return;
      stopped_ = true;
    }
    ready_.notify_all();
    for (auto& t : threads_) t.join();
    for (auto& c : queue_) door_.close(std::move(c));
    queue_.clear();
  }

 private:
  void run() {
    for (;;) {
      std::unique_ptr<Connection> c;
      {
        std::unique_lock<std::mutex> g(mutex_);
        ready_.wait(g, [&] { return stopped_ || !queue_.empty(); });
        if (stopped_) return;
        c = std::move(queue_.front());
        queue_.pop_front();
      }
      bool keep_open = false;
      const bool health = c->health;
      try {
        do keep_open = door_.serve_(*c);
        while (keep_open && door_.next_request_at_once(*c, health));
      } catch (...) {
        keep_open = false;  // the handlers answer their own errors; this is the socket failing
      }
      door_.finished(std::move(c), keep_open);
    }
  }

  FrontDoor& door_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::unique_ptr<Connection>> queue_;
  std::vector<std::thread> threads_;
  bool stopped_ = false;
};

// ------------------------------------------------------------------ the door

FrontDoor::FrontDoor(FrontDoorLimits limits, Serve serve, std::vector<std::string> extra_headers)
    : limits_(limits), serve_(std::move(serve)), extra_headers_(std::move(extra_headers)) {
  wake_fd_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (wake_fd_ < 0) throw StorageError(std::string("eventfd: ") + std::strerror(errno));
}

FrontDoor::~FrontDoor() {
  shutdown();
  ::close(wake_fd_);
}

void FrontDoor::start() {
  if (started_) return;
  started_ = true;
  workers_ = std::make_unique<Workers>(*this, limits_.workers, 5);
  health_workers_ = std::make_unique<Workers>(*this, limits_.health_workers, 0);
  poller_ = std::thread([this] { poll_loop(); });
}

void FrontDoor::shutdown() {
  if (!started_ || stopping_.exchange(true)) return;
  wake();
  poller_.join();
  workers_->stop();
  health_workers_->stop();
  std::vector<std::unique_ptr<Connection>> left;
  take_inbox(left);
  for (auto& c : left) close(std::move(c));
}

std::string FrontDoor::canned_answer(int status, std::string_view code, std::string_view message,
                                     const std::vector<std::string>& extra_headers) {
  std::string body = "{\"error\":{\"code\":\"";
  body.append(code);
  body += "\",\"message\":\"";
  body.append(message);  // constant text: nothing to escape
  body += "\"}}";
  const char* reason = status == 408   ? "Request Timeout"
                       : status == 413 ? "Payload Too Large"
                       : status == 431 ? "Request Header Fields Too Large"
                       : status == 503 ? "Service Unavailable"
                                       : "Bad Request";
  std::string out = "HTTP/1.1 " + std::to_string(status) + " " + reason + "\r\n";
  for (const auto& h : extra_headers) out += h + "\r\n";
  out += "Content-Type: application/json\r\nConnection: close\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\n\r\n" + body;
  return out;
}

void FrontDoor::send_refusal(int fd, int status, std::string_view code, std::string_view message) {
  send_best_effort(fd, canned_answer(status, code, message, extra_headers_));
  if (on_refused) on_refused(fd, status);
}

void FrontDoor::adopt(int fd) {
  // Past the limit the poller closes the connection that waited longest (make_room); past
  // the limit and a margin, while it catches up, the new one is refused at once.
  // (At most 1000 sockets in all: cpp-httplib refuses descriptors past FD_SETSIZE, 1024.)
  const size_t hard_limit =
      std::min<size_t>(limits_.max_connections + limits_.max_connections / 4 + 16, 1000);
  if (stopping_ || open_.load() >= hard_limit) {
    send_refusal(fd, 503, "too_many_connections",
                 "the server has as many connections open as it takes; "
                 "try again");
    ::shutdown(fd, SHUT_RDWR);
    ::close(fd);
    return;
  }
  ++open_;
  const int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  auto c = std::make_unique<Connection>();
  c->fd = fd;
  c->idle_since = Clock::now();
  {
    std::lock_guard<std::mutex> g(inbox_mutex_);
    inbox_.push_back(std::move(c));
  }
  wake();
}

void FrontDoor::wake() {
  const uint64_t one = 1;
  [[maybe_unused]] ssize_t n = ::write(wake_fd_, &one, sizeof one);
}

void FrontDoor::close(std::unique_ptr<Connection> c) {
  if (!c) return;
  ::close(c->fd);
  --open_;
}

bool FrontDoor::next_request_at_once(Connection& c, bool health) {
  if (stopping_) return false;
  c.buffer.erase(0, c.consumed);
  c.consumed = 0;
  c.chunks = {};
  c.request_started = false;
  c.idle_since = Clock::now();
  // A keep-alive client usually sends its next request as soon as it has the answer: wait a
  // moment for it rather than pass the connection to the door and back (two thread wake-ups).
  // Only a whole request is served here, so a slow client holds the worker that moment only.
  constexpr auto kLinger = std::chrono::milliseconds(2);
  const auto until = c.idle_since + kLinger;
  for (;;) {
    const RequestExtent extent =
        request_extent(c.unread(), limits_.max_head_bytes, limits_.max_body_bytes, &c.chunks);
    if (extent.state == RequestExtent::State::Complete && extent.health == health) {
      if (!c.request_started) c.deadline = Clock::now() + limits_.request_timeout;
      c.request_started = true;
      return true;
    }
    if (extent.state != RequestExtent::State::Incomplete) return false;  // for the door
    const auto left =
        std::chrono::duration_cast<std::chrono::microseconds>(until - Clock::now()).count();
    if (left <= 0) return false;
    pollfd p{c.fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>((left + 999) / 1000)) <= 0) return false;
    char chunk[16 * 1024];
    const ssize_t n = ::recv(c.fd, chunk, sizeof chunk, MSG_DONTWAIT);
    if (n <= 0) return false;  // the door sees the close or the error again
    if (!c.request_started) c.deadline = Clock::now() + limits_.request_timeout;
    c.request_started = true;
    c.buffer.append(chunk, static_cast<size_t>(n));
  }
}

void FrontDoor::finished(std::unique_ptr<Connection> c, bool keep_open) {
  if (!keep_open || stopping_) return close(std::move(c));
  if (c->consumed) {  // else next_request_at_once did this and may have read more
    c->buffer.erase(0, c->consumed);
    c->consumed = 0;
    c->chunks = {};
    c->request_started = false;
  }
  c->idle_since = Clock::now();
  // A pipelined request already read starts its deadline now.
  if (!c->request_started && !c->buffer.empty()) {
    c->request_started = true;
    c->deadline = c->idle_since + limits_.request_timeout;
  }
  {
    std::lock_guard<std::mutex> g(inbox_mutex_);
    inbox_.push_back(std::move(c));
  }
  wake();
}

void FrontDoor::make_room(std::vector<std::unique_ptr<Connection>>& waiting) {
  while (open_.load() > limits_.max_connections) {
    // The connection that has waited longest without a whole request: idle since its last
    // answer, or reading a request that started earliest. A new client is the youngest.
    std::unique_ptr<Connection>* victim = nullptr;
    Clock::time_point oldest = Clock::time_point::max();
    for (auto& c : waiting) {
      if (!c || c->draining) continue;
      const auto since = c->request_started ? c->deadline - limits_.request_timeout : c->idle_since;
      if (since < oldest) {
        oldest = since;
        victim = &c;
      }
    }
    if (!victim) return;
    send_refusal((*victim)->fd, 503, "too_many_connections",
                 "the server has as many connections open as it takes; this "
                 "one waited longest and is closed");
    close(std::move(*victim));
  }
}

void FrontDoor::take_inbox(std::vector<std::unique_ptr<Connection>>& waiting) {
  std::vector<std::unique_ptr<Connection>> in;
  {
    std::lock_guard<std::mutex> g(inbox_mutex_);
    in.swap(inbox_);
  }
  for (auto& c : in) {
    if (!c->unread().empty()) advance(c);
    if (c) waiting.push_back(std::move(c));
  }
}

bool FrontDoor::receive(Connection& c) {
  char chunk[64 * 1024];
  const ssize_t n = ::recv(c.fd, chunk, sizeof chunk, MSG_DONTWAIT);
  if (n < 0) return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
  if (n == 0) return false;  // the client closed
  if (c.draining) return true;
  if (!c.request_started) {
    c.request_started = true;
    c.deadline = Clock::now() + limits_.request_timeout;
  }
  c.buffer.append(chunk, static_cast<size_t>(n));
  return true;
}

void FrontDoor::refuse(Connection& c, int status, std::string_view code, std::string_view message) {
  send_refusal(c.fd, status, code, message);
  // Read and drop what the client still sends for a moment, so that the answer is not lost
  // to a reset, then close.
  ::shutdown(c.fd, SHUT_WR);
  c.draining = true;
  c.buffer.clear();
  c.consumed = 0;
  c.deadline = Clock::now() + std::chrono::seconds(2);
}

void FrontDoor::advance(std::unique_ptr<Connection>& c) {
  if (c->draining) return;
  const RequestExtent extent =
      request_extent(c->unread(), limits_.max_head_bytes, limits_.max_body_bytes, &c->chunks);
  switch (extent.state) {
    case RequestExtent::State::Incomplete:
      return;
    case RequestExtent::State::HeadTooLarge:
      return refuse(*c, 431, "headers_too_large",
                    "the request line and headers are larger than the server accepts");
    case RequestExtent::State::BodyTooLarge:
      return refuse(*c, 413, "payload_too_large",
                    "the request body is larger than the server accepts");
    case RequestExtent::State::BadFraming:
      return refuse(*c, 400, "bad_request",
                    "the request's Content-Length or chunked framing cannot be read");
    case RequestExtent::State::Complete:
      c->health = extent.health;
      (c->health ? health_workers_ : workers_)->push(std::move(c));
      return;
  }
}

void FrontDoor::poll_loop() {
  std::vector<std::unique_ptr<Connection>> waiting;
  std::vector<pollfd> fds;
  while (!stopping_) {
    take_inbox(waiting);
    make_room(waiting);
    // Deadlines: a request that did not arrive in time answers 408; an idle connection past
    // its keep-alive, or a refused one done draining, closes.
    const auto now = Clock::now();
    auto next = now + std::chrono::seconds(1);
    for (auto& c : waiting) {
      if (!c) continue;
      if (c->draining || c->request_started) {
        if (now < c->deadline) {
          next = std::min(next, c->deadline);
        } else if (c->draining) {
          close(std::move(c));
        } else {
          refuse(*c, 408, "request_timeout",
                 "the request did not arrive in time (the server's request deadline)");
          next = std::min(next, c->deadline);
        }
      } else if (now >= c->idle_since + limits_.keep_alive) {
        close(std::move(c));
      } else {
        next = std::min(next, c->idle_since + limits_.keep_alive);
      }
    }
    waiting.erase(std::remove(waiting.begin(), waiting.end(), nullptr), waiting.end());
    fds.assign(1, pollfd{wake_fd_, POLLIN, 0});
    for (const auto& c : waiting) fds.push_back(pollfd{c->fd, POLLIN, 0});
    const auto wait =
        std::chrono::duration_cast<std::chrono::milliseconds>(next - Clock::now()).count() + 1;
    const int ready = ::poll(fds.data(), fds.size(), static_cast<int>(std::max<long>(wait, 0)));
    if (ready < 0) continue;  // EINTR
    if (fds[0].revents) {
      uint64_t count;
      [[maybe_unused]] ssize_t n = ::read(wake_fd_, &count, sizeof count);
    }
    for (size_t i = 1; i < fds.size(); ++i) {
      if (!fds[i].revents) continue;
      auto& c = waiting[i - 1];
      try {
        if (receive(*c)) {
          advance(c);
          continue;
        }
      } catch (const std::exception&) {  // out of memory for its buffer: drop this one only
      }
      close(std::move(c));
    }
    waiting.erase(std::remove(waiting.begin(), waiting.end(), nullptr), waiting.end());
  }
  for (auto& c : waiting) close(std::move(c));
}

}  // namespace normgraph::server
