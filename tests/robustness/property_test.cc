// Properties over generated snapshots (s1mig generate, with deliberately malformed rows):
//  - the decisions do not depend on column order, line endings, quoting or a byte-order mark;
//  - every inventory row has exactly one decision row, in input order;
//  - an amendment that only relaxes a check (an exemption, a longer window) never blocks a row;
//  - evaluate under --amendments none and all agrees with impact --baseline none --proposed all;
//  - deciding one installation from its field values (the HTTP API's path) agrees with the batch;
//  - the store's EPCL and assessments, exported (export-reference), read back unchanged whatever
//    bytes their model names hold.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>

#include <nlohmann/json.hpp>

#include "dmct/reference_exchange.h"
#include "engine/estate_evaluator.h"
#include "impact/impact_run.h"
#include "io/csv_reader.h"
#include "io/reference_reader.h"
#include "pipeline/evaluate_run.h"
#include "pipeline/single_installation.h"
#include "rules/rule_pack_parser.h"
#include "store/sqlite_store.h"
#include "tests/robustness/robustness_util.h"

namespace s1mig::testing {
namespace {

constexpr const char* kAsOf = "2021-10-13T09:00:00Z";
const char* const kFiles[] = {"inventory.csv", "registration.csv", "certificates.csv",
                              "igt_mprn_ranges.csv", "epcl.csv", "ppmid_assessments.csv"};

struct Evaluated {
  std::string decisions, errors;
  nlohmann::json summary;
};

Evaluated Evaluate(const std::string& snap, const std::string& out, const std::string& amendments = "in-force") {
  pipeline::EvaluateOptions o;
  o.snapshot_dir = snap;
  o.out_dir = out;
  o.as_of = kAsOf;
  o.rules.amendments = amendments;
  o.threads = 2;
  Diagnostics diags;
  auto r = pipeline::RunEvaluate(o, &diags);
  EXPECT_TRUE(r.ok()) << r.status().message();
  Evaluated e;
  e.decisions = Slurp(out + "/decisions.csv");
  e.errors = Slurp(out + "/errors.csv");
  e.summary = nlohmann::json::parse(Slurp(out + "/summary.json"));
  return e;
}

// Writes rows as CSV in the given column order, line ending, quoting and BOM.
struct CsvStyle {
  bool crlf = false;
  bool bom = false;
  int quoting = 0;  // 0 only where needed, 1 every field, 2 at random
  std::mt19937* rng = nullptr;
};

std::string WriteCsv(const std::vector<std::vector<std::string>>& rows, const std::vector<size_t>& order,
                     const CsvStyle& style) {
  std::string out = style.bom ? "\xEF\xBB\xBF" : "";
  for (const auto& row : rows) {
    for (size_t i = 0; i < order.size(); ++i) {
      if (i) out += ',';
      const std::string& v = order[i] < row.size() ? row[order[i]] : std::string();
      bool quote = style.quoting == 1 || (style.quoting == 2 && (*style.rng)() % 2 == 0);
      if (quote) {
        out += '"';
        for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
        out += '"';
      } else {
        io::AppendCsvField(&out, v);
      }
    }
    out += style.crlf ? "\r\n" : "\n";
  }
  return out;
}

class Properties : public ::testing::Test {
 protected:
  Properties() : dir_("prop") {}
  ScratchDir dir_;
};

TEST_F(Properties, DecisionsDoNotDependOnColumnOrderLineEndingsOrQuoting) {
  std::string snap = dir_ / "snap";
  Generate(snap, 3000, 0.05, /*seed=*/11);
  Evaluated base = Evaluate(snap, dir_ / "out0");
  std::mt19937 rng(20240611);
  for (int variant = 0; variant < 4; ++variant) {
    std::string other = dir_ / ("snap" + std::to_string(variant + 1));
    fs::create_directories(other);
    CsvStyle style;
    style.crlf = variant % 2 == 0;
    style.bom = variant >= 2;
    style.quoting = variant % 3;
    style.rng = &rng;
    for (const char* file : kFiles) {
      auto rows = ParseCsv(Slurp(fs::path(snap) / file));
      std::vector<size_t> order(rows[0].size());
      for (size_t i = 0; i < order.size(); ++i) order[i] = i;
      std::shuffle(order.begin(), order.end(), rng);
      WriteFile(fs::path(other) / file, WriteCsv(rows, order, style));
    }
    Evaluated e = Evaluate(other, dir_ / ("out" + std::to_string(variant + 1)));
    EXPECT_EQ(e.decisions, base.decisions) << "variant " << variant;
    EXPECT_EQ(e.errors, base.errors) << "variant " << variant;
    EXPECT_EQ(e.summary["counts"], base.summary["counts"]) << "variant " << variant;
  }
}

TEST_F(Properties, EveryInventoryRowHasExactlyOneDecisionInOrder) {
  for (double invalid_rate : {0.0, 0.2, 1.0}) {
    std::string snap = dir_ / "snap";
    Generate(snap, 2000, invalid_rate, /*seed=*/5);
    auto inventory = ParseCsv(Slurp(fs::path(snap) / "inventory.csv"));
    Evaluated e = Evaluate(snap, dir_ / "out");
    auto decisions = ParseCsv(e.decisions);
    ASSERT_EQ(decisions.size(), inventory.size()) << "invalid rate " << invalid_rate;
    size_t id_col = std::find(inventory[0].begin(), inventory[0].end(), "installation_id") - inventory[0].begin();
    for (size_t r = 1; r < inventory.size(); ++r) ASSERT_EQ(decisions[r][0], inventory[r][id_col]) << "row " << r;
    EXPECT_EQ(e.summary["counts"]["by_outcome"]["INVALID"].get<int64_t>() > 0, invalid_rate > 0);
    fs::remove_all(dir_ / "out");
  }
}

// A random amendment that only relaxes: an exemption of a check within a scope, or a GT01 window
// longer than any other.
std::string RelaxingAmendment(std::mt19937& rng) {
  static const char* kChecks[] = {"GT01_WHITELIST", "GT01_COMMS", "NETWORK_PARTY", "EPCL_DMC"};
  static const char* kScopes[] = {"", "scope = { cohorts = [\"IOC\", \"FOC\"] }\n", "scope = { group_ids = [\"AA\", \"DA\", \"EA\"] }\n",
                                  "scope = { meter_modes = [\"DORMANT\"] }\n", "scope = \"table_a3_group_ids\"\n"};
  std::string change;
  switch (rng() % 4) {
    case 0: change = "kind = \"add_exemption\"\ncheck = \"" + std::string(kChecks[rng() % 4]) + "\"\nwhen = \"always\"\n"; break;
    case 1: change = "kind = \"add_exemption\"\ncheck = \"" + std::string(kChecks[rng() % 4]) + "\"\nwhen = \"igt_supply_point\"\n"; break;
    case 2: change = "kind = \"add_exemption\"\ncheck = \"NETWORK_PARTY\"\nwhen = \"null_certificate\"\n"; break;
    default: change = "kind = \"set_parameter\"\ncheck = \"GT01_COMMS\"\nparameter = \"window_hours\"\nvalue = 1000000\n"; break;
  }
  return "[[amendments]]\nid = \"RELAX\"\nclause = \"test\"\neffective = 2099-01-01\n[[amendments.changes]]\n" + change +
         kScopes[rng() % 5];
}

TEST_F(Properties, AnAmendmentThatOnlyRelaxesNeverBlocksARow) {
  std::string snap = dir_ / "snap";
  Generate(snap, 4000, 0.02, /*seed=*/3);
  Diagnostics diags;
  auto loaded = pipeline::LoadSnapshot(snap, kAsOf, {}, {}, &diags);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  std::mt19937 rng(7);
  for (int trial = 0; trial < 12; ++trial) {
    rules::RulePack pack = *loaded->pack;
    std::string extra = RelaxingAmendment(rng);
    ASSERT_TRUE(rules::ParseRulesExtra(extra, "relax.toml", &pack).ok()) << extra;
    // Baseline: a random subset of the shipped amendments.
    rules::AmendmentSelection base, relaxed;
    base.mode = relaxed.mode = rules::AmendmentSelection::Mode::kList;
    for (const auto& a : pack.amendments)
      if (a.id != "RELAX" && rng() % 2) base.ids.push_back(a.id);
    relaxed.ids = base.ids;
    relaxed.ids.push_back("RELAX");
    auto compiled_base = rules::CompiledRules::Compile(pack, *rules::SelectAmendments(pack, base));
    auto compiled_relaxed = rules::CompiledRules::Compile(pack, *rules::SelectAmendments(pack, relaxed));
    engine::EstateRunOptions run;
    run.inventory_path = snap + "/inventory.csv";
    run.as_of = loaded->as_of;
    run.threads = 2;
    run.variants = {&compiled_base, &compiled_relaxed};
    Diagnostics row_diags;
    auto result = engine::RunEstate(run, *loaded->index, &row_diags, [&](const engine::EvaluatedBatch& b) {
      for (size_t r = 0; r < b.rows->rows(); ++r) {
        const engine::Decision& before = b.decisions[0][r];
        const engine::Decision& after = b.decisions[1][r];
        if (before.outcome == engine::Outcome::kInvalid) continue;
        EXPECT_FALSE(before.outcome == engine::Outcome::kEligible && after.outcome == engine::Outcome::kBlocked)
            << extra << " blocked " << b.rows->field(r, 0);
        EXPECT_EQ(after.bits & ~before.bits, 0u) << extra << " added a reason to " << b.rows->field(r, 0);
      }
      return Status::Ok();
    });
    ASSERT_TRUE(result.ok()) << result.status().message();
  }
}

TEST_F(Properties, EvaluateNoneAndAllAgreeWithImpact) {
  std::string snap = dir_ / "snap";
  Generate(snap, 4000, 0.03, /*seed=*/9);
  Evaluated none = Evaluate(snap, dir_ / "none", "none");
  Evaluated all = Evaluate(snap, dir_ / "all", "all");
  impact::ImpactOptions o;
  o.snapshot_dir = snap;
  o.out_dir = dir_ / "impact";
  o.as_of = kAsOf;
  o.baseline = "none";
  o.proposed = "all";
  o.threads = 2;
  Diagnostics diags;
  auto j = impact::RunImpact(o, &diags);
  ASSERT_TRUE(j.ok()) << j.status().message();
  nlohmann::json impact = nlohmann::json::parse(Slurp(dir_ / "impact/impact.json"));
  EXPECT_EQ(impact["baseline"]["counts"], none.summary["counts"]);
  EXPECT_EQ(impact["proposed"]["counts"], all.summary["counts"]);
  EXPECT_EQ(Slurp(dir_ / "impact/errors.csv"), none.errors);

  // impact_changes.csv is exactly the rows whose outcome or reasons differ, in input order.
  auto a = ParseCsv(none.decisions), b = ParseCsv(all.decisions);
  ASSERT_EQ(a.size(), b.size());
  std::string expected = "installation_id,before,after,reasons_before,reasons_after\n";
  int64_t unblocked = 0, newly_blocked = 0;
  for (size_t r = 1; r < a.size(); ++r) {
    if (a[r][1] == b[r][1] && a[r][2] == b[r][2]) continue;
    std::string line;
    for (const std::string* v : {&a[r][0], &a[r][1], &b[r][1], &a[r][2], &b[r][2]}) {
      if (!line.empty()) line += ',';
      io::AppendCsvField(&line, *v);
    }
    expected += line + "\n";
    unblocked += a[r][1] == "BLOCKED" && b[r][1] == "ELIGIBLE";
    newly_blocked += a[r][1] == "ELIGIBLE" && b[r][1] == "BLOCKED";
  }
  EXPECT_EQ(Slurp(dir_ / "impact/impact_changes.csv"), expected);
  EXPECT_EQ(impact["unblocked_total"]["total"].get<int64_t>(), unblocked);
  EXPECT_EQ(impact["newly_blocked_total"]["total"].get<int64_t>(), newly_blocked);
  EXPECT_GT(unblocked, 0);
}

TEST_F(Properties, DecidingOneInstallationAgreesWithTheBatch) {
  std::string snap = dir_ / "snap";
  Generate(snap, 600, 0.1, /*seed=*/13);
  Evaluated e = Evaluate(snap, dir_ / "out");
  Diagnostics diags;
  auto loaded = pipeline::LoadSnapshot(snap, kAsOf, {}, {}, &diags);
  ASSERT_TRUE(loaded.ok());
  auto compiled = pipeline::CompileFor(*loaded->pack, {}, loaded->as_of);
  ASSERT_TRUE(compiled.ok());
  auto inventory = ParseCsv(Slurp(fs::path(snap) / "inventory.csv"));
  auto decisions = ParseCsv(e.decisions);
  std::vector<std::string> seen;
  for (size_t r = 1; r < inventory.size(); ++r) {
    std::vector<std::pair<std::string, std::string>> fields;
    for (size_t c = 0; c < inventory[0].size(); ++c) fields.emplace_back(inventory[0][c], inventory[r][c]);
    auto d = pipeline::DecideSingle(fields, *loaded->index, *compiled, {loaded->as_of, loaded->as_of_nanos});
    std::string reasons;
    for (const auto& x : d.explanation["reasons"]) reasons += (reasons.empty() ? "" : ";") + x.get<std::string>();
    // A repeated installation_id is INVALID only in the batch (it needs the earlier rows).
    const std::string& id = inventory[r][0];
    bool repeat = std::find(seen.begin(), seen.end(), id) != seen.end();
    seen.push_back(id);
    if (repeat) continue;
    EXPECT_EQ(d.explanation["outcome"].get<std::string>(), decisions[r][1]) << id;
    EXPECT_EQ(reasons, decisions[r][2]) << id;
  }
}


// Model names with commas, quotes, line breaks and bytes that are not UTF-8: export-reference
// writes them so that the snapshot readers give back exactly what the store holds.
TEST_F(Properties, ExportedReferenceReadsBackUnchanged) {
  static const char* kPieces[] = {"A", "b7", ",", "\"", "\n", "\r\n", " ", "\xc3\xa9", "\xff", "@", ";"};
  std::mt19937 rng(17);
  auto text = [&] {
    std::string t;
    for (int i = 1 + static_cast<int>(rng() % 5); i > 0; --i) t += kPieces[rng() % 11];
    return t;
  };
  auto store = store::OpenSqliteStore(dir_ / "s1mig.db");
  ASSERT_TRUE(store.ok()) << store.status().message();
  std::vector<EpclEntry> epcl;
  std::vector<PpmidAssessment> assessments;
  for (int i = 0; i < 60; ++i) {
    EpclEntry e;
    e.entry_id = "E" + std::to_string(i) + text();
    for (int slot : {0, 1, 4}) {
      e.model[slot] = text();
      e.fw[slot] = text();
    }
    e.basis = i % 2 ? EpclBasis::kTested : EpclBasis::kSubstantiveEquivalence;
    e.listed_on = *ParseDate("2021-01-01") + i;
    epcl.push_back(e);
    assessments.push_back({text(), text(), i % 2 ? EpclData::kObtained : EpclData::kUnobtainable, *ParseDate("2021-02-01") + i});
  }
  auto imported = dmct::ImportReference(**store, epcl, assessments, "test", std::nullopt);
  ASSERT_TRUE(imported.ok()) << imported.status().message();
  ASSERT_TRUE(dmct::ExportReference(**store, dir_ / "export", nullptr).ok());
  Diagnostics diags;
  std::vector<EpclEntry> epcl_back;
  std::vector<PpmidAssessment> assessments_back;
  ASSERT_TRUE(io::ReadEpcl(dir_ / "export/epcl.csv", &epcl_back, &diags).ok());
  ASSERT_TRUE(io::ReadAssessments(dir_ / "export/ppmid_assessments.csv", &assessments_back, &diags).ok());
  EXPECT_TRUE(diags.empty()) << diags[0].message;
  ASSERT_EQ(epcl_back.size(), epcl.size());
  for (size_t i = 0; i < epcl.size(); ++i) {
    EXPECT_EQ(epcl_back[i].entry_id, epcl[i].entry_id);
    for (int slot = 0; slot < kDeviceSlots; ++slot) {
      EXPECT_EQ(epcl_back[i].model[slot], epcl[i].model[slot]) << i;
      EXPECT_EQ(epcl_back[i].fw[slot], epcl[i].fw[slot]) << i;
    }
    EXPECT_EQ(epcl_back[i].basis, epcl[i].basis);
    EXPECT_EQ(epcl_back[i].listed_on, epcl[i].listed_on);
  }
  ASSERT_EQ(assessments_back.size(), assessments.size());
  for (size_t i = 0; i < assessments.size(); ++i) {
    EXPECT_EQ(assessments_back[i].model, assessments[i].model) << i;
    EXPECT_EQ(assessments_back[i].fw, assessments[i].fw) << i;
    EXPECT_EQ(assessments_back[i].epcl_data, assessments[i].epcl_data);
    EXPECT_EQ(assessments_back[i].assessed_on, assessments[i].assessed_on);
  }
}

}  // namespace
}  // namespace s1mig::testing
