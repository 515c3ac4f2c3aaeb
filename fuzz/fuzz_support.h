// Shared helpers of the libFuzzer targets: an in-memory file with a path (memfd), the worked
// example's reference data and the shipped rule pack loaded once per process, and a crash-on-
// failure check that libFuzzer reports as a finding.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "engine/reference_index.h"
#include "model/reference_data.h"
#include "rules/compiled_rules.h"
#include "rules/rule_pack.h"

namespace s1mig::fuzz {

// Aborts (a fuzz finding) with `what` when `ok` is false: a broken property, not a crash.
void Check(bool ok, const char* what);
#define S1MIG_FUZZ_CHECK(cond) ::s1mig::fuzz::Check((cond), #cond " (" __FILE__ ")")

// A file held in memory whose contents each input replaces; path() opens it like any file
// (/proc/self/fd/N), so readers that take a path read fuzz bytes without touching the disk.
class MemFile {
 public:
  explicit MemFile(const char* name);
  ~MemFile();
  void Set(std::string_view bytes);
  const std::string& path() const { return path_; }

 private:
  int fd_ = -1;
  std::string path_;
};

// The worked example (examples/basic/snapshot) and the shipped pack, loaded once.
struct Fixture {
  std::string source_dir;
  PreciseInstant as_of;  // 2021-10-13T09:00:00Z
  ReferenceData ref;
  std::unique_ptr<engine::ReferenceIndex> index;
  rules::RulePack pack;  // rules/tmad.toml
  rules::CompiledRules none, all;
};
const Fixture& GetFixture();

// Reads a whole file of the source tree (for fixtures); aborts when missing.
std::string ReadSourceFile(const std::string& relative_path);

}  // namespace s1mig::fuzz
