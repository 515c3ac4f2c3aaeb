// Helpers shared by the robustness tests: scratch directories, file contents, running the s1mig
// binary, and small generated snapshots.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace s1mig::testing {

namespace fs = std::filesystem;

// A fresh directory under /tmp, removed (with its contents) on destruction.
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& tag);
  ~ScratchDir();
  const fs::path& path() const { return path_; }
  std::string operator/(const std::string& rel) const { return (path_ / rel).string(); }

 private:
  fs::path path_;
};

std::string Slurp(const fs::path& p);
void WriteFile(const fs::path& p, const std::string& content);
// File name -> content of every regular file directly in `dir` (empty when dir is missing).
std::map<std::string, std::string> DirContents(const fs::path& dir);
// Names of the entries of `dir`, sorted.
std::vector<std::string> DirNames(const fs::path& dir);

// Copies examples/basic/snapshot to `dir`.
void CopyExample(const fs::path& dir);

// Writes a generated snapshot (s1mig generate) of `rows` installations to `dir`.
void Generate(const fs::path& dir, uint64_t rows, double invalid_rate, uint64_t seed = 1);

struct BinaryRun {
  int exit_code = -1;
  std::string out, err;
};
// Runs the s1mig binary with `args` (shell words), capturing stdout and stderr.
BinaryRun RunS1mig(const std::string& args);
// The same without a shell: each argument is passed as is (any bytes).
BinaryRun RunS1migArgv(const std::vector<std::string>& args);

// Parses CSV text (the project's reader) into rows of fields, header first.
std::vector<std::vector<std::string>> ParseCsv(const std::string& text);

}  // namespace s1mig::testing
