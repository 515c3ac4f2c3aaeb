// ProgressBar: "\r<label> [#####-----]  52%  6,760,000/13,000,000  14.2s  ETA 13s".
#include "base/progress_bar.h"

#include <unistd.h>

#include <cstdio>

namespace s1mig {

std::string WithThousands(uint64_t v) {
  std::string digits = std::to_string(v);
  std::string out;
  for (size_t k = 0; k < digits.size(); ++k) {
    if (k > 0 && (digits.size() - k) % 3 == 0) out.push_back(',');
    out.push_back(digits[k]);
  }
  return out;
}

ProgressBar::ProgressBar(std::string label, bool enabled)
    : label_(std::move(label)), enabled_(enabled && ::isatty(STDERR_FILENO) == 1),
      start_(std::chrono::steady_clock::now()) {}

ProgressBar::~ProgressBar() { Finish(); }

void ProgressBar::Update(uint64_t done, uint64_t total) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (drawn_ && done < total && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  drawn_ = true;
  constexpr int kWidth = 30;
  const double fraction = total == 0 ? 1.0 : static_cast<double>(done) / static_cast<double>(total);
  const int filled = static_cast<int>(fraction * kWidth);
  std::string bar(static_cast<size_t>(filled), '#');
  bar.append(static_cast<size_t>(kWidth - filled), '-');
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  char eta[32] = "";
  if (fraction > 0.01 && fraction < 1.0)
    std::snprintf(eta, sizeof eta, "  ETA %.0fs", elapsed / fraction - elapsed);
  std::fprintf(stderr, "\r%s [%s] %3d%%  %s/%s  %.1fs%s\033[K", label_.c_str(), bar.c_str(),
               static_cast<int>(fraction * 100), WithThousands(done).c_str(),
               WithThousands(total).c_str(), elapsed, eta);
  std::fflush(stderr);
}

void ProgressBar::Finish() {
  if (!drawn_) return;
  std::fputc('\n', stderr);
  std::fflush(stderr);
  drawn_ = false;
}

}  // namespace s1mig
