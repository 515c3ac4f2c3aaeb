// libFuzzer target: a rules file, through the parser, amendment selection, the compiler, the
// `rules show`/`rules diff` renderings, and the checks over the worked example's rows.
//
// Byte 0 chooses: bit 0 set, the input is a --rules-extra file layered on the shipped pack;
// otherwise a whole pack. The rest is the TOML text. Properties checked besides "no crash":
//  - a pack that parses compiles under none, all, every single amendment and in-force at a few
//    instants; a selection by list of every id equals `all`;
//  - every decision is well formed (ELIGIBLE has no reason bits; BLOCKED has some, and only
//    bits of reason codes the pack has).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/evaluate.h"
#include "engine/validate.h"
#include "fuzz/fuzz_support.h"
#include "io/table_schema.h"
#include "engine/estate_evaluator.h"
#include "rules/rule_pack_parser.h"
#include "rules/rules_text.h"

namespace s1mig::fuzz {
namespace {

// The worked example's valid rows with their facts, gathered once.
struct ExampleRows {
  io::RowBatch batch;
  std::vector<engine::Installation> rows;
  std::vector<engine::RowFacts> facts;
};

const ExampleRows& GetExampleRows() {
  static const ExampleRows* rows = [] {
    auto* out = new ExampleRows;
    const Fixture& fx = GetFixture();
    Diagnostics diags;
    auto reader = io::OpenTable(fx.source_dir + "/examples/basic/snapshot/inventory.csv", "inventory.csv",
                                engine::InventorySchema(), &diags);
    Check(reader.ok(), "example inventory opens");
    Check((*reader)->NextBatch(&out->batch), "example inventory has rows");
    for (size_t r = 0; r < out->batch.rows(); ++r) {
      engine::Installation inst;
      if (engine::ValidateRow(out->batch, r, fx.as_of, {}, &inst, "inventory.csv", nullptr) != 0) continue;
      engine::RowFacts facts;
      engine::GatherFacts(inst, *fx.index, fx.as_of, &facts);
      out->rows.push_back(inst);
      out->facts.push_back(facts);
    }
    return out;
  }();
  return *rows;
}

void DecideExamples(const rules::CompiledRules& compiled) {
  const ExampleRows& ex = GetExampleRows();
  const Fixture& fx = GetFixture();
  const size_t reasons = compiled.reason_codes().size();
  S1MIG_FUZZ_CHECK(reasons <= 32);
  for (size_t i = 0; i < ex.rows.size(); ++i) {
    engine::Decision d = engine::Decide(ex.rows[i], ex.facts[i], compiled);
    if (d.outcome == engine::Outcome::kEligible) S1MIG_FUZZ_CHECK(d.bits == 0);
    else S1MIG_FUZZ_CHECK(d.outcome == engine::Outcome::kBlocked && d.bits != 0);
    if (reasons < 32) S1MIG_FUZZ_CHECK((d.bits >> reasons) == 0);
    std::string text;
    engine::AppendReasons(d, compiled.reason_codes(), &text);
    engine::DisplayClass display = engine::ClassifyDisplay(ex.rows[i], ex.facts[i], compiled);
    for (int c = 0; c < compiled.num_checks(); ++c) (void)engine::RunCheck(c, ex.rows[i], ex.facts[i], display, compiled);
  }
  (void)fx;
}

rules::CompiledRules CompileOrDie(const rules::RulePack& pack, const rules::AmendmentSelection& sel,
                                  std::vector<const rules::Amendment*>* applied) {
  auto list = rules::SelectAmendments(pack, sel);
  Check(list.ok(), "selection of known amendments succeeds");
  *applied = *list;
  return rules::CompiledRules::Compile(pack, *list);
}

void Exercise(const rules::RulePack& pack) {
  using Mode = rules::AmendmentSelection::Mode;
  rules::AmendmentSelection none, all, list;
  none.mode = Mode::kNone;
  all.mode = Mode::kAll;
  list.mode = Mode::kList;
  for (const auto& a : pack.amendments) list.ids.push_back(a.id);
  std::vector<const rules::Amendment*> applied_none, applied_all, applied_list, applied;
  DecideExamples(CompileOrDie(pack, none, &applied_none));
  DecideExamples(CompileOrDie(pack, all, &applied_all));
  (void)CompileOrDie(pack, list, &applied_list);
  S1MIG_FUZZ_CHECK(applied_list == applied_all);
  S1MIG_FUZZ_CHECK(applied_all.size() == pack.amendments.size());
  for (const char* at : {"2021-07-01T00:00:00Z", "2021-10-13T09:00:00Z", "2030-01-01T00:00:00Z"}) {
    rules::AmendmentSelection in_force;
    in_force.rules_at = *ParseTimestamp(at);
    DecideExamples(CompileOrDie(pack, in_force, &applied));
    (void)rules::RenderPack(pack, in_force);
  }
  // Each amendment alone (as impact weighs them), bounded to keep an input fast.
  for (size_t i = 0; i < pack.amendments.size() && i < 8; ++i) {
    rules::AmendmentSelection one;
    one.mode = Mode::kList;
    one.ids = {pack.amendments[i].id};
    // An --effective override moving it far back and forward.
    one.effective_overrides = {{pack.amendments[i].id, *ParseDate("1900-01-01")}};
    DecideExamples(CompileOrDie(pack, one, &applied));
    for (const auto& ch : pack.amendments[i].changes) (void)rules::DescribeChange(pack, ch);
  }
  (void)rules::DiffLines(pack, applied_none, applied_all);
  (void)rules::DiffLines(pack, applied_all, applied_none);
  (void)rules::RenderPack(pack, none);
  (void)rules::RenderPack(pack, all);
}

}  // namespace
}  // namespace s1mig::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace s1mig;
  if (size < 1) return 0;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] & 1) {
    rules::RulePack pack = fuzz::GetFixture().pack;
    Status s = rules::ParseRulesExtra(text, "extra.toml", &pack);
    if (s.ok()) fuzz::Exercise(pack);
    else fuzz::Check(!s.message().empty(), "an error has a message");
  } else {
    auto pack = rules::ParseRulePack(text, "pack.toml");
    if (pack.ok()) fuzz::Exercise(*pack);
    else fuzz::Check(!pack.status().message().empty(), "an error has a message");
  }
  return 0;
}
