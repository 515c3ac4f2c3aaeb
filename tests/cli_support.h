// Shared harness for the end-to-end tests that run the s1mig binary: a fresh temp folder per
// test, a way to run a command line and capture its exit code, stdout and stderr.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace s1mig::testing_support {

namespace fs = std::filesystem;

struct CliRun {
  int exit_code;
  std::string out, err;
};

inline std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Each test gets dir_ = <tmp>/s1mig_<prefix>_<pid>_<test name>, removed afterwards.
class CliTest : public ::testing::Test {
 protected:
  explicit CliTest(std::string prefix = "cli") : prefix_(std::move(prefix)) {}
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("s1mig_" + prefix_ + "_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs `s1mig ARGS` (ARGS is shell text) with stdin closed.
  CliRun S1mig(const std::string& args) {
    std::string cmd = std::string(S1MIG_BINARY) + " " + args + " </dev/null >" + (dir_ / "stdout").string() + " 2>" +
                      (dir_ / "stderr").string();
    int rc = std::system(cmd.c_str());
    return {WIFEXITED(rc) ? WEXITSTATUS(rc) : 128 + WTERMSIG(rc), Slurp(dir_ / "stdout"), Slurp(dir_ / "stderr")};
  }

  fs::path dir_;

 private:
  std::string prefix_;
};

}  // namespace s1mig::testing_support
