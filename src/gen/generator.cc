// GenerateSnapshot: worker threads build blocks of rows into a ring of buffers; the calling
// thread writes the blocks in order, so the files are the same for any thread count.
#include "gen/generator.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "base/output_file.h"
#include "gen/installation_gen.h"
#include "gen/reference_files.h"

namespace s1mig::gen {
namespace {

constexpr uint64_t kBlockRows = 4096;
constexpr const char* kInventoryHeader =
    "installation_id,cohort,group_id,meter_mode,elec_supplier,gas_supplier,mpan,mprn,"
    "chf_id,chf_model,chf_fw,esme_id,esme_model,esme_fw,gsme_id,gsme_model,gsme_fw,"
    "gpf_id,gpf_model,gpf_fw,ihd_id,ihd_model,ihd_fw,ihd_upgradable,chf_whitelist,"
    "gsme_last_comms,network_cert_id\n";
constexpr const char* kRegistrationHeader = "mprn,gas_transporter\n";

// One block of rows, formatted. Buffers are sized once and reused: no per-row allocation.
struct Block {
  std::unique_ptr<char[]> inventory{new char[kBlockRows * kMaxInventoryRowBytes]};
  std::unique_ptr<char[]> registration{new char[kBlockRows * kMaxRegistrationRowBytes]};
  size_t inventory_len = 0, registration_len = 0;
  uint64_t registration_rows = 0, invalid_rows = 0;
  std::array<std::array<uint64_t, kScenarios>, kCohorts> cells{};
  int64_t ready = -1;  // the block index it holds once built; guarded by the ring's mutex
};

void BuildBlock(const InstallationGenerator& gen, uint64_t first, uint64_t end, Block* block) {
  char* inv = block->inventory.get();
  char* reg = block->registration.get();
  block->registration_rows = block->invalid_rows = 0;
  block->cells = {};
  SyntheticInstallation s;
  for (uint64_t i = first; i < end; ++i) {
    gen.Generate(i, &s);
    inv = gen.AppendInventoryRow(s, inv);
    char* before = reg;
    reg = gen.AppendRegistrationRow(s, reg);
    block->registration_rows += reg != before;
    block->invalid_rows += s.defect != Defect::kNone;
    ++block->cells[static_cast<int>(s.cohort)][static_cast<int>(s.scenario)];
  }
  block->inventory_len = static_cast<size_t>(inv - block->inventory.get());
  block->registration_len = static_cast<size_t>(reg - block->registration.get());
}

// Builds every block on `threads` workers and hands them to `consume` in order.
Status RunPipeline(const InstallationGenerator& gen, uint64_t rows, int threads,
                   const std::function<Status(const Block&)>& consume) {
  const uint64_t blocks = (rows + kBlockRows - 1) / kBlockRows;
  const size_t ring = static_cast<size_t>(2 * threads + 2);
  std::vector<Block> slots(ring);
  std::mutex mu;
  std::condition_variable cv;
  uint64_t consumed = 0;  // blocks handed to `consume`; guarded by mu
  bool abort = false;     // guarded by mu
  std::atomic<uint64_t> next{0};

  auto worker = [&] {
    for (;;) {
      const uint64_t b = next.fetch_add(1);
      if (b >= blocks) return;
      Block& slot = slots[b % ring];
      {
        std::unique_lock lock(mu);
        cv.wait(lock, [&] { return abort || b < consumed + ring; });
        if (abort) return;
      }
      BuildBlock(gen, b * kBlockRows, std::min(rows, (b + 1) * kBlockRows), &slot);
      {
        std::lock_guard lock(mu);
        slot.ready = static_cast<int64_t>(b);
      }
      cv.notify_all();
    }
  };
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) workers.emplace_back(worker);

  Status status;
  for (uint64_t b = 0; b < blocks && status.ok(); ++b) {
    Block& slot = slots[b % ring];
    {
      std::unique_lock lock(mu);
      cv.wait(lock, [&] { return slot.ready == static_cast<int64_t>(b); });
    }
    status = consume(slot);
    {
      std::lock_guard lock(mu);
      consumed = b + 1;
      if (!status.ok()) abort = true;
    }
    cv.notify_all();
  }
  for (auto& w : workers) w.join();
  return status;
}

}  // namespace

Status ValidateGenerateOptions(const GenerateOptions& o) {
  if (o.installations > kMaxInstallations)
    return InvalidArgument("--installations must be at most " + std::to_string(kMaxInstallations) +
                           " (MPRNs stay unique up to that size)");
  if (!(o.invalid_rate >= 0 && o.invalid_rate <= 1))
    return InvalidArgument("--invalid-rate must be between 0 and 1");
  if (o.threads < 1 || o.threads > 16) return InvalidArgument("--threads must be between 1 and 16");
  if (o.out_dir.empty()) return InvalidArgument("--out must name a directory");
  return Status::Ok();
}

Result<GenerateReport> GenerateSnapshot(const GenerateOptions& options,
                                        const GenerateProgressFn& progress) {
  S1MIG_RETURN_IF_ERROR(ValidateGenerateOptions(options));
  std::string tz_error;
  if (!LondonZoneAvailable(&tz_error)) return FailedPrecondition(tz_error);
  S1MIG_RETURN_IF_ERROR(MakeDirs(options.out_dir, nullptr));
  const std::string dir = options.out_dir + "/";
  OutputFs* fs = OutputFs::Get();

  std::vector<std::unique_ptr<OutputFile>> files;
  auto create = [&](const char* name) -> Result<OutputFile*> {
    S1MIG_ASSIGN_OR_RETURN(auto file, fs->Create(dir + name));
    files.push_back(std::move(file));
    return files.back().get();
  };
  const Days shift = ReferenceDateShift(LondonDate(options.as_of));
  const std::pair<const char*, std::string> references[] = {
      {"certificates.csv", CertificatesCsv()},
      {"igt_mprn_ranges.csv", IgtMprnRangesCsv()},
      {"epcl.csv", EpclCsv(shift)},
      {"ppmid_assessments.csv", PpmidAssessmentsCsv(shift)},
  };
  for (const auto& [name, content] : references) {
    S1MIG_ASSIGN_OR_RETURN(OutputFile * file, create(name));
    S1MIG_RETURN_IF_ERROR(file->Write(content));
  }
  S1MIG_ASSIGN_OR_RETURN(OutputFile * inventory, create("inventory.csv"));
  S1MIG_ASSIGN_OR_RETURN(OutputFile * registration, create("registration.csv"));
  S1MIG_RETURN_IF_ERROR(inventory->Write(kInventoryHeader));
  S1MIG_RETURN_IF_ERROR(registration->Write(kRegistrationHeader));

  GenerateReport report;
  report.installations = options.installations;
  const InstallationGenerator gen(options.seed, options.installations, options.as_of,
                                  options.invalid_rate);
  uint64_t rows_done = 0;
  if (progress) progress(0, options.installations);
  S1MIG_RETURN_IF_ERROR(RunPipeline(gen, options.installations, options.threads, [&](const Block& b) {
    S1MIG_RETURN_IF_ERROR(inventory->Write({b.inventory.get(), b.inventory_len}));
    S1MIG_RETURN_IF_ERROR(registration->Write({b.registration.get(), b.registration_len}));
    report.inventory_bytes += b.inventory_len;
    report.registration_rows += b.registration_rows;
    report.invalid_rows += b.invalid_rows;
    for (int c = 0; c < kCohorts; ++c)
      for (int s = 0; s < kScenarios; ++s) report.cells[c][s] += b.cells[c][s];
    rows_done = std::min(options.installations, rows_done + kBlockRows);
    if (progress) progress(rows_done, options.installations);
    return Status::Ok();
  }));
  // Commit only once everything is written: a failure above leaves only temporaries, removed
  // when `files` is destroyed.
  std::vector<OutputFile*> all;
  for (auto& file : files) all.push_back(file.get());
  S1MIG_RETURN_IF_ERROR(CommitAll(all));
  return report;
}

}  // namespace s1mig::gen
