// Test-only tool: renders an impact.json to report.html, so the page can be checked in a browser
// before (and independently of) `s1mig impact`. Usage: render_impact_report IMPACT_JSON OUT_HTML
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "base/output_file.h"
#include "report/impact_report.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s IMPACT_JSON OUT_HTML\n", argv[0]);
    return 2;
  }
  auto text = s1mig::ReadWholeFile(argv[1]);
  if (!text.ok()) {
    std::fprintf(stderr, "error: %s\n", text.status().message().c_str());
    return text.status().ExitCode();
  }
  auto impact = nlohmann::ordered_json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (impact.is_discarded()) {
    std::fprintf(stderr, "error: %s is not valid JSON\n", argv[1]);
    return 2;
  }
  std::string dir = std::filesystem::path(argv[2]).parent_path().string();
  bool created = false;
  s1mig::Status st = dir.empty() ? s1mig::Status::Ok() : s1mig::MakeDirs(dir, &created);
  if (st.ok()) st = s1mig::WriteWholeFile(argv[2], s1mig::report::RenderImpactReport(impact));
  if (!st.ok()) {
    std::fprintf(stderr, "error: %s\n", st.message().c_str());
    return st.ExitCode();
  }
  std::printf("%s\n", argv[2]);
  return 0;
}
