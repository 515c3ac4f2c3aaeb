// The report's inline stylesheet and chart palette (no web fonts: system font stacks only).
#pragma once

#include <string>
#include <string_view>

namespace s1mig::report {

// The whole <style> body: screen and print rules.
std::string_view ReportCss();

// Fill for the i-th series of a categorical chart (colour-blind-safe, Okabe–Ito); cycles.
std::string SeriesColor(size_t i);

// Fills for the "baseline" and "proposed" series of the before/after chart.
inline constexpr std::string_view kBaselineColor = "#9aa5b1";
inline constexpr std::string_view kProposedColor = "#0b5394";

}  // namespace s1mig::report
