// SIGKILL at a random moment during `evaluate`, `impact` and DMCT commands, a few times each.
// What "consistent" means (docs/robustness.md): every output file under its final name is
// complete, and is either the previous run's or the killed run's full file; temporaries
// (NAME.tmp.PID) may remain. The DMCT store holds whole commands only: `audit verify` exits 0
// and every command either happened completely or not at all.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <random>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "tests/robustness/robustness_util.h"

namespace s1mig::testing {
namespace {

// Starts `command` under /bin/sh in a process group of its own; returns the group's pid.
pid_t Spawn(const std::string& command) {
  pid_t pid = ::fork();
  if (pid == 0) {
    ::setpgid(0, 0);
    ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::setpgid(pid, pid);
  return pid;
}

// Kills the group after `delay`, or lets it finish first; true when it was killed.
bool KillAfter(pid_t pid, std::chrono::microseconds delay) {
  auto deadline = std::chrono::steady_clock::now() + delay;
  int status = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    if (::waitpid(pid, &status, WNOHANG) == pid) return false;
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  ::kill(-pid, SIGKILL);
  ::waitpid(pid, &status, 0);
  return WIFSIGNALED(status);
}

double TimeRun(const std::string& command) {
  auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(std::system(command.c_str()), 0) << command;
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

bool IsTemporary(const std::string& name) { return name.find(".tmp.") != std::string::npos; }

// JSON outputs carry their wall time; compare them without it.
std::string Canonical(const std::string& name, const std::string& content) {
  if (name.size() < 5 || name.compare(name.size() - 5, 5, ".json") != 0) return content;
  auto j = nlohmann::json::parse(content, nullptr, false);
  if (j.is_discarded()) return "(incomplete JSON)";
  j.erase("wall_time_seconds");
  return j.dump();
}

// The report embeds impact.json (with its wall time): complete, and from one of the two runs.
bool ReportFrom(const std::string& html, const std::string& marker) {
  return html.size() > 16 && html.find("</html>") != std::string::npos && html.find(marker) != std::string::npos;
}

struct KillStats {
  int killed = 0, previous = 0, fresh = 0, mixed = 0;
};

// Runs `command` into `out` (which holds `previous`) and kills it after a random delay, `times`
// times; each time every final file must be complete and either previous or fresh.
KillStats KillRepeatedly(const std::string& command, const fs::path& out, const std::map<std::string, std::string>& previous,
                         const std::map<std::string, std::string>& fresh, const std::string& summary, double seconds,
                         int times, uint32_t seed) {
  std::mt19937 rng(seed);
  KillStats stats;
  for (int i = 0; i < times; ++i) {
    fs::remove_all(out);
    fs::create_directories(out);
    for (const auto& [name, content] : previous) WriteFile(out / name, content);
    auto delay = std::chrono::microseconds(static_cast<int64_t>(std::uniform_real_distribution<>(0.05, 1.1)(rng) * seconds * 1e6));
    stats.killed += KillAfter(Spawn(command), delay);
    int from_previous = 0, from_fresh = 0;
    bool summary_fresh = false;
    std::vector<std::string> not_fresh;
    for (const std::string& name : DirNames(out)) {
      if (IsTemporary(name)) continue;
      std::string got = Slurp(out / name);
      EXPECT_TRUE(previous.count(name) || fresh.count(name)) << "unexpected file " << name;
      bool is_previous = false, is_fresh = false;
      if (name == "report.html") {
        is_previous = previous.count(name) && ReportFrom(got, "\"spec\":\"U1-IGT\"");
        is_fresh = ReportFrom(got, "\"spec\":\"all\"");
      } else {
        is_previous = previous.count(name) && Canonical(name, got) == Canonical(name, previous.at(name));
        is_fresh = fresh.count(name) && Canonical(name, got) == Canonical(name, fresh.at(name));
      }
      EXPECT_TRUE(is_previous || is_fresh) << name << " is neither the previous nor the new complete file (kill " << i << ")";
      from_previous += is_previous && !is_fresh;
      from_fresh += is_fresh && !is_previous;
      if (name == summary) summary_fresh = is_fresh && !is_previous;
      if (!is_fresh) not_fresh.push_back(name);
    }
    // The summary is renamed last: when it is the new run's, so is every file.
    if (summary_fresh) EXPECT_TRUE(not_fresh.empty()) << "new " << summary << " beside an older " << not_fresh[0];
    for (const auto& [name, content] : previous)
      EXPECT_TRUE(fs::exists(out / name)) << name << " of the previous run vanished (kill " << i << ")";
    if (from_previous && from_fresh) ++stats.mixed;
    else if (from_fresh) ++stats.fresh;
    else ++stats.previous;
  }
  return stats;
}

class KillTest : public ::testing::Test {
 protected:
  KillTest() : dir_("kill") {}
  ScratchDir dir_;
};

TEST_F(KillTest, EvaluateKilledLeavesCompleteFiles) {
  Generate(dir_.path() / "snap", 60'000, 0.01);
  std::string base = std::string(S1MIG_BINARY) + " evaluate " + (dir_ / "snap") + " --as-of 2021-10-13T09:00:00Z --no-progress --threads 2 ";
  ASSERT_EQ(std::system((base + "--amendments none --out " + (dir_ / "previous") + " 2>/dev/null").c_str()), 0);
  std::string command = base + "--out " + (dir_ / "out") + " 2>/dev/null";
  double seconds = TimeRun(base + "--out " + (dir_ / "fresh") + " 2>/dev/null");
  KillStats s = KillRepeatedly(command, dir_.path() / "out", DirContents(dir_.path() / "previous"),
                               DirContents(dir_.path() / "fresh"), "summary.json", seconds, 5, 1);
  RecordProperty("killed", s.killed);
  std::printf("evaluate (%.2fs): %d killed; previous %d, new %d, mixed %d\n", seconds, s.killed, s.previous, s.fresh, s.mixed);
  // No assertion that s.mixed is 0: a kill in the microseconds between two renames of one run may
  // leave some files from each run, each complete (docs/robustness.md), and would fail such a test
  // now and then. Completeness, and the summary renamed last, are checked in KillRepeatedly.
}

TEST_F(KillTest, ImpactKilledLeavesCompleteFiles) {
  Generate(dir_.path() / "snap", 40'000, 0.01);
  std::string base = std::string(S1MIG_BINARY) + " impact " + (dir_ / "snap") + " --as-of 2021-10-13T09:00:00Z --no-progress --threads 2 ";
  ASSERT_EQ(std::system((base + "--proposed U1-IGT --out " + (dir_ / "previous") + " 2>/dev/null").c_str()), 0);
  std::string command = base + "--proposed all --out " + (dir_ / "out") + " 2>/dev/null";
  double seconds = TimeRun(base + "--proposed all --out " + (dir_ / "fresh") + " 2>/dev/null");
  KillStats s = KillRepeatedly(command, dir_.path() / "out", DirContents(dir_.path() / "previous"),
                               DirContents(dir_.path() / "fresh"), "impact.json", seconds, 5, 2);
  std::printf("impact (%.2fs): %d killed; previous %d, new %d, mixed %d\n", seconds, s.killed, s.previous, s.fresh, s.mixed);
  // No assertion that s.mixed is 0: a kill in the microseconds between two renames of one run may
  // leave some files from each run, each complete (docs/robustness.md), and would fail such a test
  // now and then. Completeness, and the summary renamed last, are checked in KillRepeatedly.
}

// A script of DMCT commands (party add, then a submission by that party), killed at random
// points: the store verifies, and holds a prefix of the script: the parties P0..Pn-1 with a
// submission each, except perhaps the last, whose submission had not committed yet.
TEST_F(KillTest, DmctCommandsKilledLeaveTheStoreConsistent) {
  std::string db = dir_ / "s1mig.db";
  std::string bin = S1MIG_BINARY;
  std::mt19937 rng(3);
  int next = 0;
  auto submit = [&](int k) {
    return bin + " dmct submit --db " + db + " --party P" + std::to_string(k) +
           " --at 2022-03-01T09:00:00Z --chf C@1 --esme E@1 --ppmid D" + std::to_string(k) + "@1 >/dev/null 2>&1";
  };
  for (int round = 0; round < 5; ++round) {
    std::string script;
    for (int k = next; k < next + 60; ++k)
      script += bin + " party add --db " + db + " --id P" + std::to_string(k) + " --role supplier >/dev/null 2>&1 && " +
                submit(k) + " && ";
    script += "true";
    double seconds = 0.05 + std::uniform_real_distribution<>(0, 1.5)(rng);
    KillAfter(Spawn(script), std::chrono::microseconds(static_cast<int64_t>(seconds * 1e6)));
    if (next == 0 && !fs::exists(db)) continue;  // killed before the first command made the store
    BinaryRun verify = RunS1mig("audit verify --db " + db);
    ASSERT_EQ(verify.exit_code, 0) << verify.out << verify.err;
    BinaryRun audit = RunS1mig("audit list --db " + db + " --json");
    ASSERT_EQ(audit.exit_code, 0) << audit.err;
    std::vector<std::string> parties, submitters;
    for (const auto& r : nlohmann::json::parse(audit.out)) {
      if (r["action"] == "party.add") parties.push_back(r["subject"]);
      if (r["action"] == "dmct.submit") submitters.push_back(r["actor"]);
    }
    ASSERT_GE(static_cast<int>(parties.size()), next);
    for (size_t k = 0; k < parties.size(); ++k) ASSERT_EQ(parties[k], "P" + std::to_string(k)) << "a gap in the parties";
    ASSERT_TRUE(submitters.size() == parties.size() || submitters.size() + 1 == parties.size())
        << parties.size() << " parties, " << submitters.size() << " submissions";
    for (size_t k = 0; k < submitters.size(); ++k) ASSERT_EQ(submitters[k], "P" + std::to_string(k));
    next = static_cast<int>(parties.size());
    if (submitters.size() < parties.size()) {
      ASSERT_EQ(std::system(submit(next - 1).c_str()), 0);
    }
  }
  EXPECT_GT(next, 0);
}

}  // namespace
}  // namespace s1mig::testing
