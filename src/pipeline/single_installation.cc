// DecideSingle: one row built in memory, then the batch engine's own functions.
#include "pipeline/single_installation.h"

#include "engine/evaluate.h"
#include "engine/validate.h"
#include "pipeline/explain.h"

namespace s1mig::pipeline {

SingleDecision DecideSingle(const std::vector<std::pair<std::string, std::string>>& fields,
                            const engine::ReferenceIndex& ref, const rules::CompiledRules& rules,
                            PreciseInstant as_of, const std::string& file) {
  // Lay the values out as a one-row batch in Column order.
  const auto& names = engine::ColumnNames();
  auto block = std::make_shared<std::string>();
  std::vector<std::pair<size_t, size_t>> spans(names.size(), {0, 0});
  for (size_t c = 0; c < names.size(); ++c) {
    for (const auto& [k, v] : fields) {
      if (k != names[c]) continue;
      spans[c] = {block->size(), v.size()};
      block->append(v);
      break;
    }
  }
  io::RowBatch batch;
  batch.num_columns = names.size();
  batch.block = block;
  for (const auto& [off, len] : spans) batch.fields.emplace_back(block->data() + off, len);
  batch.lines.push_back(0);
  batch.field_counts.push_back(static_cast<uint32_t>(names.size()));

  SingleDecision out;
  engine::Installation inst;
  uint32_t bits = engine::ValidateRow(batch, 0, as_of, engine::ValidationLimits{}, &inst, file, &out.problems);
  if (bits) {
    out.invalid = true;
    engine::Decision d{engine::Outcome::kInvalid, engine::DisplayClass::kNone, bits};
    out.explanation = ExplainInvalid(batch.field(0, 0), d, out.problems);
    return out;
  }
  engine::RowFacts facts;
  engine::GatherFacts(inst, ref, as_of, &facts);
  out.explanation = ExplainInstallation(inst, facts, rules, ref, as_of);
  return out;
}

Result<rules::CompiledRules> CompileFor(const rules::RulePack& pack, const RuleOptions& options, Instant as_of) {
  S1MIG_ASSIGN_OR_RETURN(auto selection, ResolveSelection(options, as_of));
  S1MIG_ASSIGN_OR_RETURN(auto applied, rules::SelectAmendments(pack, selection));
  return rules::CompiledRules::Compile(pack, applied);
}

}  // namespace s1mig::pipeline
