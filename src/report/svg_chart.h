// Horizontal bar charts as inline SVG (grouped and stacked), so the report needs no script.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace s1mig::report {

// One coloured series: its legend name, its fill (a CSS colour) and one value per category.
struct ChartSeries {
  std::string name;
  std::string color;
  std::vector<int64_t> values;  // REQUIRES: one per BarChart::categories; negatives draw as 0
};

// The data and captions of one chart. All text is HTML-escaped when rendered.
struct BarChart {
  std::string id;                       // unique in the page; used for aria-labelledby ids
  std::string title;                    // accessible title (also the tooltip of the whole chart)
  std::string description;              // accessible description
  std::vector<std::string> categories;  // one row label per category
  std::vector<ChartSeries> series;
  // Categories at or after this index are reference rows (e.g. totals): drawn below a dashed
  // divider with italic labels. Defaults to "none".
  size_t reference_from = static_cast<size_t>(-1);
};

// One row per category holding one bar per series, each labelled with its value.
std::string RenderGroupedBarChart(const BarChart& chart);

// One bar per category with the series stacked left to right, labelled with the row's total.
std::string RenderStackedBarChart(const BarChart& chart);

}  // namespace s1mig::report
