// ProgressBar: redraws at most ten times a second.
#include "pipeline/progress_bar.h"

#include <unistd.h>

#include <cstdio>

namespace s1mig::pipeline {

ProgressBar::ProgressBar(std::string label, int64_t total, bool enabled)
    : label_(std::move(label)), total_(total), enabled_(enabled && ::isatty(2)),
      start_(std::chrono::steady_clock::now()), last_(start_) {}

ProgressBar::~ProgressBar() { Finish(); }

void ProgressBar::Update(int64_t done, const std::string& detail) {
  if (!enabled_ || finished_) return;
  auto now = std::chrono::steady_clock::now();
  if (now - last_ < std::chrono::milliseconds(100) && done < total_) return;
  last_ = now;
  double secs = std::chrono::duration<double>(now - start_).count();
  if (total_ > 0) {
    int width = 30;
    double frac = done > total_ ? 1.0 : static_cast<double>(done) / static_cast<double>(total_);
    int filled = static_cast<int>(frac * width);
    std::string bar(static_cast<size_t>(filled), '#');
    bar.resize(static_cast<size_t>(width), '.');
    std::fprintf(stderr, "\r%s [%s] %3.0f%% %s %.1fs ", label_.c_str(), bar.c_str(), frac * 100, detail.c_str(), secs);
  } else {
    std::fprintf(stderr, "\r%s %lld %s %.1fs ", label_.c_str(), static_cast<long long>(done), detail.c_str(), secs);
  }
  std::fflush(stderr);
}

void ProgressBar::Finish() {
  if (!enabled_ || finished_) return;
  finished_ = true;
  std::fprintf(stderr, "\r\033[K");
  std::fflush(stderr);
}

}  // namespace s1mig::pipeline
