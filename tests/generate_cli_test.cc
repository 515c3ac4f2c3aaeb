// End-to-end tests of `s1mig generate`: flags and exit codes, byte-identical reruns, and that the
// engine (`s1mig evaluate`) accepts every generated row and finds exactly the injected faults.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include <nlohmann/json.hpp>

#include "tests/cli_support.h"

namespace fs = std::filesystem;

namespace s1mig {
namespace {

using GenRun = testing_support::CliRun;
using testing_support::Slurp;

class GenerateCli : public testing_support::CliTest {
 protected:
  GenerateCli() : CliTest("gencli") {}
};

TEST_F(GenerateCli, BadFlagsExitTwoWithAMessageAndWriteNothing) {
  const std::string out = (dir_ / "snap").string();
  for (const char* flags :
       {"--installations abc", "--invalid-rate 1.5", "--as-of yesterday", "--installations 60000000",
        "--threads 0", "--no-such-flag"}) {
    GenRun r = S1mig("generate --out " + out + " " + std::string(flags));
    EXPECT_EQ(r.exit_code, 2) << flags;
    EXPECT_FALSE(r.err.empty()) << flags;
    EXPECT_FALSE(fs::exists(out)) << flags;
  }
  GenRun missing = S1mig("generate --installations 10");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("--out"), std::string::npos);
  EXPECT_EQ(S1mig("generate --help").exit_code, 0);
}

TEST_F(GenerateCli, SameSeedTwiceGivesTheSameFilesAndNoProgressBarWhenPiped) {
  GenRun a = S1mig("generate --installations 5000 --seed 42 --out " + (dir_ / "a").string());
  GenRun b = S1mig("generate --installations 5000 --seed 42 --threads 1 --out " + (dir_ / "b").string());
  ASSERT_EQ(a.exit_code, 0) << a.err;
  ASSERT_EQ(b.exit_code, 0) << b.err;
  EXPECT_EQ(a.err, "") << "stderr is not a terminal: no progress bar";
  EXPECT_NE(a.out.find("5,000 installations"), std::string::npos) << a.out;
  for (const char* f : {"inventory.csv", "registration.csv", "certificates.csv", "igt_mprn_ranges.csv",
                        "epcl.csv", "ppmid_assessments.csv"})
    EXPECT_EQ(Slurp(dir_ / "a" / f), Slurp(dir_ / "b" / f)) << f;
}

TEST_F(GenerateCli, EngineFindsNoInvalidRowExceptTheInjectedOnes) {
  const std::string snap = (dir_ / "snap").string(), eval = (dir_ / "eval").string();
  for (double rate : {0.0, 0.05}) {
    GenRun g = S1mig("generate --installations 20000 --seed 9 --invalid-rate " + std::to_string(rate) +
                  " --out " + snap);
    ASSERT_EQ(g.exit_code, 0) << g.err;
    std::smatch m;
    ASSERT_TRUE(std::regex_search(g.out, m, std::regex("([0-9,]+) invalid"))) << g.out;
    std::string injected = std::regex_replace(m[1].str(), std::regex(","), "");
    GenRun e = S1mig("evaluate " + snap + " --as-of 2021-10-13T09:00:00Z --no-progress --out " + eval);
    ASSERT_EQ(e.exit_code, 0) << e.err;
    auto summary = nlohmann::json::parse(Slurp(fs::path(eval) / "summary.json"));
    EXPECT_EQ(summary["counts"]["by_outcome"]["INVALID"].get<int64_t>(), std::stoll(injected)) << "rate " << rate;
    if (rate == 0) {
      EXPECT_EQ(injected, "0");
    }
  }
}

}  // namespace
}  // namespace s1mig
