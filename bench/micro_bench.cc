// Google Benchmark micro-benchmarks of evaluate's stages (issue 5): the CSV reader (bytes per
// second), row validation, the rule evaluation of one installation (facts + decision) and the
// decisions.csv row writer. Their input is a synthetic estate written by gen::GenerateSnapshot
// into a fresh folder under /tmp at start-up (removed at exit); nothing is read from the repo but
// the shipped rule pack.
//
//   build-bench/bench/s1mig_micro_bench [--benchmark_filter=...] [--benchmark_repetitions=5]
//   S1MIG_MICRO_ROWS=200000 ... (rows of the generated estate; default 100000)
#include <benchmark/benchmark.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "base/sha256.h"
#include "base/temp_path.h"
#include "engine/estate_evaluator.h"
#include "engine/evaluate.h"
#include "engine/installation.h"
#include "engine/validate.h"
#include "gen/generator.h"
#include "io/csv_reader.h"
#include "pipeline/evaluate_run.h"
#include "pipeline/rule_options.h"
#include "rules/compiled_rules.h"

namespace s1mig {
namespace {

constexpr const char* kAsOf = "2021-10-13T09:00:00Z";

void Die(const std::string& what) {
  std::fprintf(stderr, "s1mig_micro_bench: %s\n", what.c_str());
  std::exit(1);
}

// One generated estate, its reference index, the compiled rules, every inventory row parsed into
// batches (columns in engine::Column order) and, for the later stages, the rows validated and
// decided. Built once, on first use.
struct Fixture {
  std::string dir;
  std::string inventory;
  int64_t inventory_bytes = 0;
  int64_t rows = 0;
  pipeline::LoadedSnapshot snap;
  std::unique_ptr<rules::CompiledRules> rules;
  std::unique_ptr<rules::CompiledRules> rules_none;  // no amendment: the baseline of impact none->all
  PreciseInstant as_of;
  std::vector<std::unique_ptr<io::RowBatch>> batches;
  std::vector<engine::Installation> installations;  // every row (valid ones decided)
  std::vector<uint32_t> invalid_bits;
  std::vector<const io::RowBatch*> batch_of;
  std::vector<size_t> row_in_batch;
  std::vector<engine::Decision> decisions;

  Fixture() {
    const char* env = std::getenv("S1MIG_MICRO_ROWS");
    const uint64_t n = env ? std::strtoull(env, nullptr, 10) : 100'000;
    dir = MakeTempDir("s1mig-micro-");
    if (dir.empty()) Die("cannot make a temporary folder");
    gen::GenerateOptions g;
    g.installations = n;
    g.seed = 1;
    g.out_dir = dir;
    g.threads = 2;
    auto report = gen::GenerateSnapshot(g);
    if (!report.ok()) Die("generate: " + report.status().message());
    inventory = dir + "/inventory.csv";
    inventory_bytes = static_cast<int64_t>(std::filesystem::file_size(inventory));

    Diagnostics diags;
    pipeline::RuleOptions ro;
    ro.rules_path = std::string(S1MIG_SOURCE_DIR) + "/rules/tmad.toml";
    auto loaded = pipeline::LoadSnapshot(dir, kAsOf, ro, {}, &diags);
    if (!loaded.ok()) Die("load snapshot: " + loaded.status().message());
    snap = std::move(*loaded);
    as_of = PreciseInstant{snap.as_of, snap.as_of_nanos};
    for (const char* spec : {"in-force", "none"}) {
      ro.amendments = spec;
      auto sel = pipeline::ResolveSelection(ro, snap.as_of);
      if (!sel.ok()) Die(sel.status().message());
      auto applied = rules::SelectAmendments(*snap.pack, *sel);
      if (!applied.ok()) Die(applied.status().message());
      auto compiled = std::make_unique<rules::CompiledRules>(rules::CompiledRules::Compile(*snap.pack, *applied));
      (std::string(spec) == "none" ? rules_none : rules) = std::move(compiled);
    }

    auto reader = io::CsvReader::Open(inventory, "inventory.csv");
    if (!reader.ok()) Die(reader.status().message());
    (*reader)->Select(engine::ColumnNames());
    while (true) {
      auto b = std::make_unique<io::RowBatch>();
      if (!(*reader)->NextBatch(b.get())) break;
      batches.push_back(std::move(b));
    }
    if (!(*reader)->status().ok()) Die((*reader)->status().message());
    for (const auto& b : batches)
      for (size_t r = 0; r < b->rows(); ++r) {
        batch_of.push_back(b.get());
        row_in_batch.push_back(r);
      }
    rows = static_cast<int64_t>(batch_of.size());
    installations.resize(batch_of.size());
    invalid_bits.resize(batch_of.size());
    decisions.resize(batch_of.size());
    engine::ValidationLimits limits;
    engine::RowFacts facts;
    for (size_t i = 0; i < batch_of.size(); ++i) {
      invalid_bits[i] = engine::ValidateRow(*batch_of[i], row_in_batch[i], as_of, limits, &installations[i],
                                            "inventory.csv", nullptr);
      if (invalid_bits[i]) {
        decisions[i] = engine::Decision{engine::Outcome::kInvalid, engine::DisplayClass::kNone, invalid_bits[i]};
        continue;
      }
      engine::GatherFacts(installations[i], *snap.index, as_of, &facts);
      decisions[i] = engine::Decide(installations[i], facts, *rules);
    }
  }
  ~Fixture() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

Fixture& F() {
  static Fixture f;
  return f;
}

// The CSV reader over the whole inventory.csv (page cache warm): every column selected, as
// evaluate does. Includes the SHA-256 the reader keeps of every byte (summary.json needs it).
void BM_CsvReader(benchmark::State& state) {
  Fixture& f = F();
  int64_t rows = 0;
  for (auto _ : state) {
    auto reader = io::CsvReader::Open(f.inventory, "inventory.csv");
    if (!reader.ok()) state.SkipWithError(reader.status().message().c_str());
    (*reader)->Select(engine::ColumnNames());
    io::RowBatch batch;
    rows = 0;
    while ((*reader)->NextBatch(&batch)) rows += static_cast<int64_t>(batch.rows());
    benchmark::DoNotOptimize(rows);
  }
  state.SetBytesProcessed(state.iterations() * f.inventory_bytes);
  state.SetItemsProcessed(state.iterations() * rows);
  state.counters["file_MB"] = static_cast<double>(f.inventory_bytes) / 1e6;
}
BENCHMARK(BM_CsvReader)->Unit(benchmark::kMillisecond);

// SHA-256 (OpenSSL EVP) of the same bytes: the part of BM_CsvReader that is hashing, not parsing.
void BM_Sha256(benchmark::State& state) {
  Fixture& f = F();
  std::string bytes(static_cast<size_t>(f.inventory_bytes), '\0');
  FILE* in = std::fopen(f.inventory.c_str(), "rb");
  if (!in || std::fread(bytes.data(), 1, bytes.size(), in) != bytes.size()) Die("read " + f.inventory);
  std::fclose(in);
  for (auto _ : state) {
    Sha256 h;
    for (size_t off = 0; off < bytes.size(); off += 4 << 20)
      h.Update(std::string_view(bytes).substr(off, 4 << 20));
    benchmark::DoNotOptimize(h.HexDigest());
  }
  state.SetBytesProcessed(state.iterations() * f.inventory_bytes);
}
BENCHMARK(BM_Sha256)->Unit(benchmark::kMillisecond);

// engine::ValidateRow over every row (no diagnostics: generated rows are valid).
void BM_ValidateRow(benchmark::State& state) {
  Fixture& f = F();
  engine::ValidationLimits limits;
  engine::Installation inst;
  for (auto _ : state) {
    uint32_t any = 0;
    for (size_t i = 0; i < f.batch_of.size(); ++i) {
      any |= engine::ValidateRow(*f.batch_of[i], f.row_in_batch[i], f.as_of, limits, &inst, "inventory.csv", nullptr);
      benchmark::DoNotOptimize(inst);
    }
    benchmark::DoNotOptimize(any);
  }
  state.SetItemsProcessed(state.iterations() * f.rows);
  state.SetBytesProcessed(state.iterations() * f.inventory_bytes);
}
BENCHMARK(BM_ValidateRow)->Unit(benchmark::kMillisecond);

// The duplicate-id rule (engine::DuplicateIds) over every installation_id, a fresh set each pass.
void BM_DuplicateIds(benchmark::State& state) {
  Fixture& f = F();
  for (auto _ : state) {
    engine::DuplicateIds seen;
    size_t dups = 0;
    for (size_t i = 0; i < f.batch_of.size(); ++i)
      dups += seen.SeenBefore(f.batch_of[i]->field(f.row_in_batch[i], static_cast<size_t>(engine::Column::kInstallationId)));
    benchmark::DoNotOptimize(dups);
  }
  state.SetItemsProcessed(state.iterations() * f.rows);
}
BENCHMARK(BM_DuplicateIds)->Unit(benchmark::kMillisecond);

// The rule evaluation of one installation: engine::GatherFacts + engine::Decide under the rules in
// force at as_of, over every valid row.
void BM_GatherFactsAndDecide(benchmark::State& state) {
  Fixture& f = F();
  engine::RowFacts facts;
  for (auto _ : state) {
    uint32_t bits = 0;
    for (size_t i = 0; i < f.installations.size(); ++i) {
      if (f.invalid_bits[i]) continue;
      engine::GatherFacts(f.installations[i], *f.snap.index, f.as_of, &facts);
      bits |= engine::Decide(f.installations[i], facts, *f.rules).bits;
    }
    benchmark::DoNotOptimize(bits);
  }
  state.SetItemsProcessed(state.iterations() * f.rows);
}
BENCHMARK(BM_GatherFactsAndDecide)->Unit(benchmark::kMillisecond);

// The two halves separately: facts only, and Decide only (facts gathered once beforehand). The
// second is what each extra rule variant of an impact run costs.
void BM_GatherFacts(benchmark::State& state) {
  Fixture& f = F();
  engine::RowFacts facts;
  for (auto _ : state) {
    for (size_t i = 0; i < f.installations.size(); ++i) {
      if (f.invalid_bits[i]) continue;
      engine::GatherFacts(f.installations[i], *f.snap.index, f.as_of, &facts);
      benchmark::DoNotOptimize(facts);
    }
  }
  state.SetItemsProcessed(state.iterations() * f.rows);
}
BENCHMARK(BM_GatherFacts)->Unit(benchmark::kMillisecond);

void BM_Decide(benchmark::State& state) {
  Fixture& f = F();
  const rules::CompiledRules& rules = state.range(0) ? *f.rules : *f.rules_none;
  std::vector<engine::RowFacts> facts(f.installations.size());
  for (size_t i = 0; i < f.installations.size(); ++i)
    if (!f.invalid_bits[i]) engine::GatherFacts(f.installations[i], *f.snap.index, f.as_of, &facts[i]);
  for (auto _ : state) {
    uint32_t bits = 0;
    for (size_t i = 0; i < f.installations.size(); ++i) {
      if (f.invalid_bits[i]) continue;
      bits |= engine::Decide(f.installations[i], facts[i], rules).bits;
    }
    benchmark::DoNotOptimize(bits);
  }
  state.SetItemsProcessed(state.iterations() * f.rows);
  state.SetLabel(state.range(0) ? "rules in force" : "no amendment");
}
BENCHMARK(BM_Decide)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond);

// The decisions.csv writer: one row per installation as evaluate's sink formats it
// (io::AppendCsvField for the id, engine::AppendReasons), into a buffer flushed every 4,096 rows.
void BM_WriteDecisions(benchmark::State& state) {
  Fixture& f = F();
  const auto& reasons = f.rules->reason_codes();
  std::string buf;
  int64_t bytes = 0;
  for (auto _ : state) {
    bytes = 0;
    buf.clear();
    for (size_t i = 0; i < f.decisions.size(); ++i) {
      engine::AppendDecisionRow(f.batch_of[i]->field(f.row_in_batch[i], static_cast<size_t>(engine::Column::kInstallationId)),
                                f.decisions[i], reasons, &buf);
      if ((i & 4095) == 4095) {
        bytes += static_cast<int64_t>(buf.size());
        benchmark::DoNotOptimize(buf.data());
        buf.clear();
      }
    }
    bytes += static_cast<int64_t>(buf.size());
    benchmark::DoNotOptimize(buf.data());
  }
  state.SetItemsProcessed(state.iterations() * f.rows);
  state.SetBytesProcessed(state.iterations() * bytes);
}
BENCHMARK(BM_WriteDecisions)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace s1mig

BENCHMARK_MAIN();
