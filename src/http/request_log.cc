// Access log lines: JSON, one per request, flushed whole under a lock.
#include "http/request_log.h"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>

#include <nlohmann/json.hpp>

namespace s1mig::http {

std::string FormatLogLine(const RequestLogLine& l) {
  nlohmann::ordered_json j;
  j["time"] = l.time;
  j["party"] = l.party;
  j["method"] = l.method;
  j["path"] = l.path;
  j["status"] = l.status;
  j["latency_ms"] = static_cast<double>(static_cast<int64_t>(l.latency_ms * 1000.0)) / 1000.0;
  j["bytes"] = l.bytes;
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

Result<std::unique_ptr<RequestLog>> RequestLog::Open(const std::string& path) {
  if (path.empty()) return std::unique_ptr<RequestLog>(new RequestLog(stderr, false));
  FILE* f = std::fopen(path.c_str(), "a");
  if (!f) return IoError(path + ": cannot open the log for appending: " + std::strerror(errno));
  return std::unique_ptr<RequestLog>(new RequestLog(f, true));
}

RequestLog::~RequestLog() {
  if (owned_) std::fclose(file_);
}

void RequestLog::Write(const RequestLogLine& line) {
  std::string text = FormatLogLine(line);
  text += '\n';
  std::lock_guard<std::mutex> lock(mu_);
  std::fwrite(text.data(), 1, text.size(), file_);
  std::fflush(file_);
}

std::string UtcNowMillis() {
  using namespace std::chrono;
  auto now = system_clock::now();
  std::time_t secs = system_clock::to_time_t(now);
  int ms = static_cast<int>(duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000);
  std::tm tm;
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
  return buf;
}

}  // namespace s1mig::http
