// Horizontal bar charts as inline SVG (grouped and stacked), so the report needs no script.
#include "report/svg_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "report/html_text.h"

namespace s1mig::report {
namespace {

constexpr double kWidth = 940;
constexpr double kCharWidth = 6.9;   // average advance of a 12px system font, for layout only
constexpr double kValueMargin = 64;  // room right of the longest bar for its value label
constexpr double kLegendRow = 22;
constexpr double kAxisHeight = 26;
constexpr size_t kMaxLabelChars = 34;

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  std::string s = buf;
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s;
}

// Counts UTF-8 code points, for approximate text widths.
size_t TextLength(const std::string& s) {
  return static_cast<size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string Shorten(const std::string& s) {
  if (TextLength(s) <= kMaxLabelChars) return s;
  size_t keep = 0, chars = 0;
  while (keep < s.size() && chars < kMaxLabelChars - 1) {
    ++keep;
    while (keep < s.size() && (static_cast<unsigned char>(s[keep]) & 0xC0) == 0x80) ++keep;
    ++chars;
  }
  return s.substr(0, keep) + "\xE2\x80\xA6";  // ellipsis
}

// A round axis step so that about five gridlines cover [0, max].
int64_t NiceStep(int64_t max) {
  if (max <= 5) return 1;
  double raw = static_cast<double>(max) / 5.0;
  double mag = std::pow(10.0, std::floor(std::log10(raw)));
  double f = raw / mag;
  double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
  return std::max<int64_t>(1, static_cast<int64_t>(std::llround(nice * mag)));
}

// Geometry shared by both chart kinds.
struct Frame {
  double label_width = 0;
  double plot_left = 0;
  double plot_width = 0;
  double legend_height = 0;
  int64_t max_value = 0;  // the longest bar; gridlines go up to it
  int64_t axis_max = 1;
  int64_t step = 1;
  double X(int64_t v) const {
    return plot_left + plot_width * static_cast<double>(std::max<int64_t>(v, 0)) /
                           static_cast<double>(axis_max);
  }
};

Frame MakeFrame(const BarChart& c, int64_t max_value) {
  Frame f;
  size_t longest = 0;
  for (const auto& cat : c.categories) longest = std::max(longest, TextLength(Shorten(cat)));
  f.label_width = std::clamp(longest * kCharWidth + 14, 90.0, 260.0);
  f.plot_left = f.label_width;
  f.plot_width = kWidth - f.label_width - kValueMargin;
  f.step = NiceStep(max_value);
  // The longest bar spans the plot; gridlines stop at the last step inside it.
  f.max_value = std::max<int64_t>(max_value, 0);
  f.axis_max = std::max<int64_t>(max_value, 1);
  // Legend items flow left to right and wrap.
  double x = 0;
  int rows = c.series.empty() ? 0 : 1;
  for (const auto& s : c.series) {
    double w = 18 + TextLength(s.name) * kCharWidth + 18;
    if (x > 0 && x + w > kWidth) {
      ++rows;
      x = 0;
    }
    x += w;
  }
  f.legend_height = rows * kLegendRow + 6;
  return f;
}

std::string Legend(const BarChart& c) {
  std::string out = "<g class=\"legend\">";
  double x = 0, y = 0;
  for (const auto& s : c.series) {
    double w = 18 + TextLength(s.name) * kCharWidth + 18;
    if (x > 0 && x + w > kWidth) {
      x = 0;
      y += kLegendRow;
    }
    out += "<rect x=\"" + Num(x) + "\" y=\"" + Num(y + 3) +
           "\" width=\"12\" height=\"12\" rx=\"2\" fill=\"" + HtmlEscape(s.color) + "\"/>";
    out += "<text x=\"" + Num(x + 18) + "\" y=\"" + Num(y + 13) + "\">" + HtmlEscape(s.name) +
           "</text>";
    x += w;
  }
  return out + "</g>";
}

// Gridlines and tick labels from the top of the plot (y0) down to y1.
std::string Axis(const Frame& f, double y0, double y1) {
  std::string out = "<g class=\"axis\">";
  for (int64_t v = 0; v <= f.max_value; v += f.step) {
    double x = f.X(v);
    out += "<line x1=\"" + Num(x) + "\" x2=\"" + Num(x) + "\" y1=\"" + Num(y0) + "\" y2=\"" +
           Num(y1) + "\" class=\"" + (v == 0 ? "baseline-axis" : "grid") + "\"/>";
    out += "<text x=\"" + Num(x) + "\" y=\"" + Num(y1 + 16) + "\" text-anchor=\"middle\">" +
           HtmlEscape(FormatCompact(v)) + "</text>";
  }
  return out + "</g>";
}

std::string Open(const BarChart& c, double height) {
  std::string id = HtmlEscape(c.id);
  return "<svg class=\"chart\" viewBox=\"0 0 " + Num(kWidth) + " " + Num(height) +
         "\" role=\"img\" aria-labelledby=\"" + id + "-t " + id +
         "-d\" preserveAspectRatio=\"xMinYMin meet\">" + "<title id=\"" + id + "-t\">" +
         HtmlEscape(c.title) + "</title><desc id=\"" + id + "-d\">" + HtmlEscape(c.description) +
         "</desc>";
}

std::string Label(const BarChart& c, size_t i, const Frame& f, double y_mid) {
  bool ref = i >= c.reference_from;
  return "<text class=\"cat" + std::string(ref ? " ref" : "") + "\" x=\"" +
         Num(f.label_width - 10) + "\" y=\"" + Num(y_mid + 4) + "\" text-anchor=\"end\"><title>" +
         HtmlEscape(c.categories[i]) + "</title>" + HtmlEscape(Shorten(c.categories[i])) +
         "</text>";
}

std::string Divider(const Frame& f, double y) {
  return "<line class=\"divider\" x1=\"0\" x2=\"" + Num(kWidth - 8) + "\" y1=\"" + Num(y) +
         "\" y2=\"" + Num(y) + "\"/>";
}

int64_t ValueAt(const ChartSeries& s, size_t i) { return i < s.values.size() ? s.values[i] : 0; }

}  // namespace

std::string RenderGroupedBarChart(const BarChart& c) {
  constexpr double kBar = 14, kBarGap = 3, kGroupGap = 16, kDividerGap = 14;
  int64_t max_value = 0;
  for (const auto& s : c.series)
    for (size_t i = 0; i < c.categories.size(); ++i) max_value = std::max(max_value, ValueAt(s, i));
  Frame f = MakeFrame(c, max_value);
  double group_h = c.series.size() * (kBar + kBarGap) - kBarGap;
  double top = f.legend_height + 6;
  double y = top;
  std::string rows;
  for (size_t i = 0; i < c.categories.size(); ++i) {
    if (i == c.reference_from && i > 0) {
      rows += Divider(f, y - kGroupGap / 2 + kDividerGap / 2);
      y += kDividerGap;
    }
    rows += Label(c, i, f, y + group_h / 2);
    for (size_t k = 0; k < c.series.size(); ++k) {
      const auto& s = c.series[k];
      int64_t v = ValueAt(s, i);
      double by = y + k * (kBar + kBarGap);
      double w = f.X(v) - f.plot_left;
      rows += "<rect x=\"" + Num(f.plot_left) + "\" y=\"" + Num(by) + "\" width=\"" + Num(w) +
              "\" height=\"" + Num(kBar) + "\" fill=\"" + HtmlEscape(s.color) + "\" data-value=\"" +
              std::to_string(v) + "\"><title>" +
              HtmlEscape(c.categories[i] + " \xC2\xB7 " + s.name + ": " + FormatCount(v)) +
              "</title></rect>";
      rows += "<text class=\"val\" x=\"" + Num(f.plot_left + w + 5) + "\" y=\"" +
              Num(by + kBar - 3) + "\">" + HtmlEscape(FormatCount(v)) + "</text>";
    }
    y += group_h + kGroupGap;
  }
  double plot_bottom = y - kGroupGap + 8;
  double height = plot_bottom + kAxisHeight;
  return Open(c, height) + Legend(c) + Axis(f, top - 6, plot_bottom) + rows + "</svg>";
}

std::string RenderStackedBarChart(const BarChart& c) {
  constexpr double kBar = 22, kGap = 12, kDividerGap = 14;
  std::vector<int64_t> totals(c.categories.size(), 0);
  for (const auto& s : c.series)
    for (size_t i = 0; i < totals.size(); ++i) totals[i] += std::max<int64_t>(ValueAt(s, i), 0);
  int64_t max_value = totals.empty() ? 0 : *std::max_element(totals.begin(), totals.end());
  Frame f = MakeFrame(c, max_value);
  double top = f.legend_height + 6;
  double y = top;
  std::string rows;
  for (size_t i = 0; i < c.categories.size(); ++i) {
    if (i == c.reference_from && i > 0) {
      rows += Divider(f, y - kGap / 2 + kDividerGap / 2);
      y += kDividerGap;
    }
    rows += Label(c, i, f, y + kBar / 2);
    int64_t running = 0;
    for (const auto& s : c.series) {
      int64_t v = std::max<int64_t>(ValueAt(s, i), 0);
      if (v == 0) continue;
      double x0 = f.X(running), x1 = f.X(running + v);
      rows += "<rect x=\"" + Num(x0) + "\" y=\"" + Num(y) + "\" width=\"" + Num(x1 - x0) +
              "\" height=\"" + Num(kBar) + "\" fill=\"" + HtmlEscape(s.color) + "\" data-value=\"" +
              std::to_string(v) + "\"><title>" +
              HtmlEscape(c.categories[i] + " \xC2\xB7 " + s.name + ": " + FormatCount(v)) +
              "</title></rect>";
      running += v;
    }
    rows += "<text class=\"val\" x=\"" + Num(f.X(running) + 5) + "\" y=\"" + Num(y + kBar / 2 + 4) +
            "\" data-value=\"" + std::to_string(totals[i]) + "\">" +
            HtmlEscape(FormatCount(totals[i])) + "</text>";
    y += kBar + kGap;
  }
  double plot_bottom = y - kGap + 8;
  double height = plot_bottom + kAxisHeight;
  return Open(c, height) + Legend(c) + Axis(f, top - 6, plot_bottom) + rows + "</svg>";
}

}  // namespace s1mig::report
