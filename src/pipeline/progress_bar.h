// A one-line progress bar on stderr, drawn only when stderr is a terminal.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace s1mig::pipeline {

class ProgressBar {
 public:
  // `total` may be 0 when unknown (then only counts are shown).
  ProgressBar(std::string label, int64_t total, bool enabled);
  ~ProgressBar();
  void Update(int64_t done, const std::string& detail = "");
  void Finish();

 private:
  std::string label_;
  int64_t total_;
  bool enabled_;
  bool finished_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace s1mig::pipeline
