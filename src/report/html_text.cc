// Text helpers for the HTML report: escaping, JSON embedding and number formatting.
#include "report/html_text.h"

#include <cmath>
#include <cstdio>

namespace s1mig::report {
namespace {

constexpr std::string_view kReplacementChar = "\xEF\xBF\xBD";  // U+FFFD

// Length of the valid UTF-8 sequence starting at s[i], or 0 when it is not valid.
size_t Utf8SequenceLength(std::string_view s, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  if (c < 0x80) return 1;
  size_t len = 0;
  uint32_t min = 0;
  if ((c & 0xE0) == 0xC0) {
    len = 2;
    min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3;
    min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4;
    min = 0x10000;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  uint32_t cp = c & (0x7F >> len);
  for (size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  // Overlong forms, surrogates and values beyond Unicode are invalid.
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

std::string GroupThousands(uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  out.reserve(digits.size() + digits.size() / 3);
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

uint64_t Magnitude(int64_t n) {
  return n < 0 ? static_cast<uint64_t>(-(n + 1)) + 1 : static_cast<uint64_t>(n);
}

constexpr std::string_view kMinus = "\xE2\x88\x92";  // U+2212 MINUS SIGN

}  // namespace

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (size_t i = 0; i < text.size();) {
    char c = text[i];
    switch (c) {
      case '&':
        out += "&amp;";
        ++i;
        continue;
      case '<':
        out += "&lt;";
        ++i;
        continue;
      case '>':
        out += "&gt;";
        ++i;
        continue;
      case '"':
        out += "&quot;";
        ++i;
        continue;
      case '\'':
        out += "&#39;";
        ++i;
        continue;
      default:
        break;
    }
    size_t len = Utf8SequenceLength(text, i);
    if (len == 0) {
      out += kReplacementChar;
      ++i;
    } else if (len == 1 && static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') {
      out += ' ';  // control characters have no place in a report
      ++i;
    } else {
      out.append(text.substr(i, len));
      i += len;
    }
  }
  return out;
}

std::string JsonForScriptBlock(const nlohmann::ordered_json& doc) {
  std::string json = doc.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  std::string out;
  out.reserve(json.size() + 64);
  // '<', '>' and '&' occur in JSON text only inside strings, where \uXXXX means the same.
  for (char c : json) {
    switch (c) {
      case '<':
        out += "\\u003c";
        break;
      case '>':
        out += "\\u003e";
        break;
      case '&':
        out += "\\u0026";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string FormatCount(int64_t n) {
  std::string s = GroupThousands(Magnitude(n));
  return n < 0 ? std::string(kMinus) + s : s;
}

std::string FormatSignedCount(int64_t n) {
  if (n == 0) return "0";
  return (n > 0 ? "+" : std::string(kMinus)) + GroupThousands(Magnitude(n));
}

std::string FormatCompact(int64_t n) {
  uint64_t m = Magnitude(n);
  std::string sign = n < 0 ? std::string(kMinus) : "";
  auto scaled = [&](double v, const char* suffix) {
    char buf[32];
    if (v >= 100 || std::fabs(v - std::round(v)) < 0.05) {
      std::snprintf(buf, sizeof buf, "%.0f%s", std::round(v), suffix);
    } else {
      std::snprintf(buf, sizeof buf, "%.1f%s", v, suffix);
    }
    return sign + buf;
  };
  if (m >= 1000000) return scaled(m / 1e6, "M");
  if (m >= 1000) return scaled(m / 1e3, "k");
  return sign + std::to_string(m);
}

std::string FormatPercent(int64_t part, int64_t whole) {
  if (whole == 0) return "\xE2\x80\x93";  // en dash
  char buf[32];
  double pct = 100.0 * static_cast<double>(part) / static_cast<double>(whole);
  std::snprintf(buf, sizeof buf, pct != 0 && std::fabs(pct) < 0.1 ? "%.2f%%" : "%.1f%%", pct);
  return buf;
}

std::string FormatSeconds(double seconds) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.2f s", seconds);
  return buf;
}

std::string CohortLabel(std::string_view code) {
  if (code == "MOC_MDS") return "MOC (MDS)";
  if (code == "MOC_SECURE") return "MOC (Secure)";
  return std::string(code);
}

}  // namespace s1mig::report
