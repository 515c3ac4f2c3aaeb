// Text helpers for the HTML report: escaping, JSON embedding and number formatting.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace s1mig::report {

// Escapes `text` for use as HTML element content or a quoted attribute value (& < > " ').
// Invalid UTF-8 sequences become U+FFFD, so user-written bytes can never break the page.
std::string HtmlEscape(std::string_view text);

// Serialises `doc` for a <script type="application/json"> block: '<', '>' and '&' inside strings
// become \u003c, \u003e and \u0026, so a value such as "</script>" cannot end the block. The
// result is still valid JSON that parses back to `doc`. Invalid UTF-8 is replaced, never thrown.
std::string JsonForScriptBlock(const nlohmann::ordered_json& doc);

// 1234567 -> "1,234,567"; negative values use a true minus sign: "−1,234".
std::string FormatCount(int64_t n);

// Like FormatCount but always signed: "+1,234", "−1,234", "0".
std::string FormatSignedCount(int64_t n);

// Axis labels: 0, 500, 5k, 12.5k, 1.2M.
std::string FormatCompact(int64_t n);

// `part` as a percentage of `whole` with one decimal ("3.6%"); "–" when whole is 0.
std::string FormatPercent(int64_t part, int64_t whole);

// A number of seconds with two decimals ("3.84 s").
std::string FormatSeconds(double seconds);

// A display label for a cohort code: MOC_MDS -> "MOC (MDS)"; unknown codes are returned as-is.
std::string CohortLabel(std::string_view code);

}  // namespace s1mig::report
