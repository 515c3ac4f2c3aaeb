// A one-line progress bar on stderr for long CLI steps (generate, and later demo/impact).
// It draws only when stderr is a terminal, so logs and pipes get nothing.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace s1mig {

// Not thread-safe: call from one thread.
class ProgressBar {
 public:
  // `label` prefixes the bar, e.g. "generate". `enabled` false (e.g. --no-progress) draws nothing.
  explicit ProgressBar(std::string label, bool enabled = true);
  ~ProgressBar();  // calls Finish()

  // Redraws at most ~10 times a second (and always when done == total).
  void Update(uint64_t done, uint64_t total);
  // Ends the line (only if something was drawn).
  void Finish();

  bool enabled() const { return enabled_; }

 private:
  std::string label_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_, last_draw_;
};

// "13,000,000".
std::string WithThousands(uint64_t v);

}  // namespace s1mig
