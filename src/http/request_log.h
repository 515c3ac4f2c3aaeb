// The access log of `s1mig serve`: one JSON object per line for every request (time, party,
// method, path, status, latency). Never the Authorization header, the query or the body.
#pragma once

#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "base/status.h"

namespace s1mig::http {

struct RequestLogLine {
  std::string time;     // UTC, millisecond precision: 2021-10-13T09:00:00.123Z
  std::string party;    // the authenticated party, or "-"
  std::string method;
  std::string path;     // without the query string
  int status = 0;
  double latency_ms = 0;
  size_t bytes = 0;     // response body bytes
};

// The line's JSON text (no newline). Invalid UTF-8 in the path is replaced, never thrown on.
std::string FormatLogLine(const RequestLogLine& line);

// Thread-safe writer: to stderr, or appending to a file. Each line is written and flushed whole.
class RequestLog {
 public:
  // Opens `path` for appending; empty `path` writes to stderr.
  static Result<std::unique_ptr<RequestLog>> Open(const std::string& path);
  ~RequestLog();
  void Write(const RequestLogLine& line);

 private:
  RequestLog(FILE* f, bool owned) : file_(f), owned_(owned) {}
  std::mutex mu_;
  FILE* file_;
  bool owned_;
};

// Current UTC time as "YYYY-MM-DDTHH:MM:SS.mmmZ".
std::string UtcNowMillis();

}  // namespace s1mig::http
