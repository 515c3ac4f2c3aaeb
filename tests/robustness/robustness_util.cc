// Scratch directories, file helpers, the s1mig binary, generated snapshots.
#include "tests/robustness/robustness_util.h"

#include <gtest/gtest.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "base/temp_path.h"
#include "gen/generator.h"
#include "io/csv_reader.h"

namespace s1mig::testing {

ScratchDir::ScratchDir(const std::string& tag) {
  static std::atomic<int> counter{0};
  path_ = fs::temp_directory_path() /
          ("s1mig_rob_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" + tag);
  fs::remove_all(path_);
  fs::create_directories(path_);
}

ScratchDir::~ScratchDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void WriteFile(const fs::path& p, const std::string& content) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << content;
}

std::map<std::string, std::string> DirContents(const fs::path& dir) {
  std::map<std::string, std::string> out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_regular_file()) out[e.path().filename().string()] = Slurp(e.path());
  return out;
}

std::vector<std::string> DirNames(const fs::path& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

void CopyExample(const fs::path& dir) {
  fs::create_directories(dir);
  for (const auto& e : fs::directory_iterator(fs::path(S1MIG_SOURCE_DIR) / "examples/basic/snapshot"))
    fs::copy_file(e.path(), dir / e.path().filename(), fs::copy_options::overwrite_existing);
}

void Generate(const fs::path& dir, uint64_t rows, double invalid_rate, uint64_t seed) {
  gen::GenerateOptions o;
  o.installations = rows;
  o.seed = seed;
  o.invalid_rate = invalid_rate;
  o.out_dir = dir.string();
  o.threads = 1;
  auto r = gen::GenerateSnapshot(o);
  ASSERT_TRUE(r.ok()) << r.status().message();
}

BinaryRun RunS1mig(const std::string& args) {
  std::string dir = MakeTempDir("s1mig_rob_run.");
  std::string cmd = std::string(S1MIG_BINARY) + " " + args + " >" + dir + "/out 2>" + dir + "/err";
  int rc = std::system(cmd.c_str());
  BinaryRun r;
  r.exit_code = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  r.out = Slurp(dir + "/out");
  r.err = Slurp(dir + "/err");
  fs::remove_all(dir);
  return r;
}

BinaryRun RunS1migArgv(const std::vector<std::string>& args) {
  std::string dir = MakeTempDir("s1mig_rob_run.");
  std::string out = dir + "/out", err = dir + "/err";
  pid_t pid = ::fork();
  if (pid == 0) {
    std::vector<char*> argv;
    std::string bin = S1MIG_BINARY;
    argv.push_back(bin.data());
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    if (!std::freopen(out.c_str(), "w", stdout) || !std::freopen(err.c_str(), "w", stderr)) ::_exit(126);
    ::execv(bin.c_str(), argv.data());
    ::_exit(127);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  BinaryRun r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = Slurp(out);
  r.err = Slurp(err);
  fs::remove_all(dir);
  return r;
}

std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  int fd = ::memfd_create("csv", MFD_CLOEXEC);
  EXPECT_GE(fd, 0);
  EXPECT_EQ(::write(fd, text.data(), text.size()), static_cast<ssize_t>(text.size()));
  auto reader = io::CsvReader::Open("/proc/self/fd/" + std::to_string(fd), "csv");
  if (!reader.ok()) {
    ::close(fd);
    ADD_FAILURE() << reader.status().message();
    return rows;
  }
  rows.push_back((*reader)->header());
  (*reader)->Select((*reader)->header());
  io::RowBatch b;
  while ((*reader)->NextBatch(&b)) {
    for (size_t r = 0; r < b.rows(); ++r) {
      std::vector<std::string> row;
      for (size_t c = 0; c < b.num_columns; ++c) row.emplace_back(b.field(r, c));
      rows.push_back(std::move(row));
    }
  }
  EXPECT_TRUE((*reader)->status().ok()) << (*reader)->status().message();
  ::close(fd);
  return rows;
}

}  // namespace s1mig::testing
