// TOML → RulePack, with every problem reported as file:line:column.
#include "rules/rule_pack_parser.h"

#include <unistd.h>

#include <map>
#include <set>
#include <sstream>

#include <toml++/toml.h>

#include "base/output_file.h"
#include "base/sha256.h"

namespace s1mig::rules {
namespace {

class Parser {
 public:
  Parser(std::string file, const RuleFileLimits& limits) : file_(std::move(file)), limits_(limits) {}

  void Error(const toml::node* node, const std::string& msg) {
    int line = 0, col = 0;
    if (node) {
      line = static_cast<int>(node->source().begin.line);
      col = static_cast<int>(node->source().begin.column);
    }
    Error(line, col, msg);
  }
  void Error(int line, int col, const std::string& msg) {
    if (errors_.size() < 20) errors_.push_back(file_ + ":" + std::to_string(line) + ":" + std::to_string(col) + ": " + msg);
  }
  bool ok() const { return errors_.empty(); }
  Status ToStatus() const {
    std::string all;
    for (const auto& e : errors_) all += (all.empty() ? "" : "\n") + e;
    return InvalidArgument(all);
  }

  static SourcePos Pos(const toml::node& n) {
    return {static_cast<int>(n.source().begin.line), static_cast<int>(n.source().begin.column)};
  }

  // Complains about keys of `t` not in `allowed`.
  void OnlyKeys(const toml::table& t, std::initializer_list<const char*> allowed, const char* what) {
    for (auto&& [k, v] : t) {
      bool ok = false;
      for (const char* a : allowed) ok |= k.str() == a;
      if (!ok) {
        std::string list;
        for (const char* a : allowed) list += std::string(list.empty() ? "" : ", ") + a;
        Error(&v, "unknown key '" + std::string(k.str()) + "' in " + what + " (expected one of: " + list + ")");
      }
    }
  }

  std::string Str(const toml::table& t, const char* key, bool required, const char* what) {
    const toml::node* n = t.get(key);
    if (!n) {
      if (required) Error(&t, std::string(what) + " needs '" + key + "'");
      return "";
    }
    if (!n->is_string()) {
      Error(n, std::string("'") + key + "' must be a string");
      return "";
    }
    return n->as_string()->get();
  }

  std::optional<Days> Date(const toml::node* n, const char* key) {
    if (n->is_date()) {
      auto d = n->as_date()->get();
      std::optional<Days> v;
      char buf[16];
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", static_cast<int>(d.year), static_cast<int>(d.month), static_cast<int>(d.day));
      v = ParseDate(buf);
      if (!v) Error(n, std::string("'") + key + "' is not a real date");
      return v;
    }
    if (n->is_string()) {
      auto v = ParseDate(n->as_string()->get());
      if (!v) Error(n, std::string("'") + key + "' must be a date YYYY-MM-DD");
      return v;
    }
    Error(n, std::string("'") + key + "' must be a date YYYY-MM-DD");
    return std::nullopt;
  }

  Scope ParseScope(const toml::node* n) {
    Scope s;
    if (!n) return s;
    if (n->is_string()) {
      auto it = scopes_.find(n->as_string()->get());
      if (it == scopes_.end()) {
        Error(n, "unknown scope '" + n->as_string()->get() + "' (define it under [scopes])");
        return s;
      }
      return it->second;
    }
    const toml::table* t = n->as_table();
    if (!t) {
      Error(n, "a scope must be a table { cohorts = [...], group_ids = [...], meter_modes = [...] } or the name of one under [scopes]");
      return s;
    }
    OnlyKeys(*t, {"cohorts", "group_ids", "meter_modes"}, "a scope");
    auto list = [&](const char* key, auto parse) {
      const toml::node* ln = t->get(key);
      if (!ln) return;
      const toml::array* a = ln->as_array();
      if (!a) {
        Error(ln, std::string("'") + key + "' must be a list of strings");
        return;
      }
      if (a->size() > limits_.max_scope_items) {
        Error(ln, std::string("'") + key + "' has more than " + std::to_string(limits_.max_scope_items) + " items");
        return;
      }
      for (const toml::node& el : *a) {
        if (!el.is_string()) {
          Error(&el, std::string("'") + key + "' must hold strings");
          continue;
        }
        parse(el, el.as_string()->get());
      }
    };
    list("cohorts", [&](const toml::node& el, const std::string& v) {
      auto c = ParseCohort(v);
      if (!c) Error(&el, "unknown cohort '" + v + "' (IOC, MOC_MDS, MOC_SECURE or FOC)");
      else s.cohorts.push_back(*c);
    });
    list("group_ids", [&](const toml::node& el, const std::string& v) {
      auto g = ParseGroupId(v);
      if (!g) Error(&el, "GroupID '" + v + "' is not two upper-case letters");
      else s.group_ids.push_back(*g);
    });
    list("meter_modes", [&](const toml::node& el, const std::string& v) {
      auto m = ParseMeterMode(v);
      if (!m) Error(&el, "unknown meter mode '" + v + "' (ACTIVE, DORMANT or MIXED)");
      else s.meter_modes.push_back(*m);
    });
    return s;
  }

  void ParseScopes(const toml::table& root) {
    const toml::node* n = root.get("scopes");
    if (!n) return;
    const toml::table* t = n->as_table();
    if (!t) return Error(n, "[scopes] must be a table");
    for (auto&& [k, v] : *t) scopes_[std::string(k.str())] = ParseScope(&v);
  }

  std::optional<Exemption> ParseExemption(const toml::node* n) {
    if (!n || !n->is_string()) {
      Error(n, "'when' must be one of: always, null_certificate, igt_supply_point");
      return std::nullopt;
    }
    const std::string& v = n->as_string()->get();
    if (v == "always") return Exemption::kAlways;
    if (v == "null_certificate") return Exemption::kNullCertificate;
    if (v == "igt_supply_point") return Exemption::kIgtSupplyPoint;
    Error(n, "unknown exemption '" + v + "' (always, null_certificate or igt_supply_point)");
    return std::nullopt;
  }

  void ParseCheck(const toml::table& t, RulePack* pack) {
    OnlyKeys(t, {"id", "kind", "clause", "title", "applies_to", "requires", "window_hours", "null_certificate_id",
                 "exemptions", "alternate_reason"}, "a check");
    Check c;
    c.pos = Pos(t);
    c.id = Str(t, "id", true, "a check");
    c.clause = Str(t, "clause", true, "a check");
    c.title = Str(t, "title", false, "a check");
    std::string kind = Str(t, "kind", true, "a check");
    if (kind == "gsme_on_whitelist") c.kind = CheckKind::kGsmeOnWhitelist;
    else if (kind == "gsme_comms_window") c.kind = CheckKind::kGsmeCommsWindow;
    else if (kind == "network_party") c.kind = CheckKind::kNetworkParty;
    else if (kind == "dmc_on_epcl") c.kind = CheckKind::kDmcOnEpcl;
    else if (!kind.empty()) Error(t.get("kind"), "unknown check kind '" + kind + "' (gsme_on_whitelist, gsme_comms_window, network_party, dmc_on_epcl)");
    if (!c.id.empty() && pack->FindCheck(c.id)) Error(t.get("id"), "check '" + c.id + "' is defined twice");
    c.applies_to = ParseScope(t.get("applies_to"));
    if (const toml::node* r = t.get("requires")) {
      const toml::array* a = r->as_array();
      if (!a) Error(r, "'requires' must be a list such as [\"gsme\"]");
      else
        for (const toml::node& el : *a) {
          std::string v = el.is_string() ? el.as_string()->get() : "";
          if (v == "gsme") c.requires_devices |= static_cast<uint8_t>(Device::kGsme);
          else if (v == "gpf") c.requires_devices |= static_cast<uint8_t>(Device::kGpf);
          else if (v == "display") c.requires_devices |= static_cast<uint8_t>(Device::kDisplay);
          else Error(&el, "'requires' items are gsme, gpf or display");
        }
    }
    if (const toml::node* w = t.get("window_hours")) {
      if (c.kind != CheckKind::kGsmeCommsWindow) Error(w, "'window_hours' is for gsme_comms_window checks");
      else if (!w->is_integer() || w->as_integer()->get() < 0 || w->as_integer()->get() > 1000000) Error(w, "'window_hours' must be a whole number of hours from 0 to 1000000");
      else c.window_hours = w->as_integer()->get();
    }
    c.null_certificate_id = default_null_cert_;
    if (const toml::node* nc = t.get("null_certificate_id")) {
      if (!nc->is_string()) Error(nc, "'null_certificate_id' must be a string");
      else c.null_certificate_id = nc->as_string()->get();
    }
    if (const toml::node* ex = t.get("exemptions")) {
      const toml::array* a = ex->as_array();
      if (!a) Error(ex, "'exemptions' must be a list of tables");
      else
        for (const toml::node& el : *a) {
          const toml::table* et = el.as_table();
          if (!et) { Error(&el, "an exemption must be a table { when = ..., clause = ... }"); continue; }
          OnlyKeys(*et, {"when", "scope", "clause"}, "an exemption");
          auto when = ParseExemption(et->get("when"));
          if (when) c.exemptions.push_back(ExemptionRule{*when, ParseScope(et->get("scope")), Str(*et, "clause", false, "")});
        }
    }
    c.alternate_reason = Str(t, "alternate_reason", false, "a check");
    if (!c.alternate_reason.empty() && c.kind != CheckKind::kDmcOnEpcl) Error(t.get("alternate_reason"), "'alternate_reason' is for dmc_on_epcl checks");
    pack->checks.push_back(std::move(c));
  }

  void ParseChange(const toml::table& t, const RulePack& pack, Amendment* a) {
    OnlyKeys(t, {"kind", "check", "parameter", "value", "when", "scope", "rule"}, "a change");
    Change ch;
    ch.pos = Pos(t);
    std::string kind = Str(t, "kind", true, "a change");
    if (kind == "set_parameter") ch.kind = ChangeKind::kSetParameter;
    else if (kind == "add_exemption") ch.kind = ChangeKind::kAddExemption;
    else if (kind == "remove_exemption") ch.kind = ChangeKind::kRemoveExemption;
    else if (kind == "display_classification") ch.kind = ChangeKind::kDisplayClassification;
    else {
      if (!kind.empty()) Error(t.get("kind"), "unknown change kind '" + kind + "' (set_parameter, add_exemption, remove_exemption, display_classification)");
      return;
    }
    ch.scope = ParseScope(t.get("scope"));
    const Check* check = nullptr;
    if (ch.kind != ChangeKind::kDisplayClassification) {
      ch.check = Str(t, "check", true, "this change");
      check = pack.FindCheck(ch.check);
      if (!ch.check.empty() && !check) { Error(t.get("check"), "unknown check '" + ch.check + "'"); return; }
      if (!check) return;
    }
    switch (ch.kind) {
      case ChangeKind::kSetParameter: {
        ch.parameter = Str(t, "parameter", true, "set_parameter");
        const toml::node* v = t.get("value");
        if (!v) { Error(&t, "set_parameter needs 'value'"); return; }
        if (ch.parameter == "window_hours") {
          if (check->kind != CheckKind::kGsmeCommsWindow) Error(t.get("parameter"), "check '" + ch.check + "' has no window_hours");
          else if (!v->is_integer() || v->as_integer()->get() < 0 || v->as_integer()->get() > 1000000) Error(v, "window_hours must be a whole number of hours from 0 to 1000000");
          else ch.int_value = v->as_integer()->get();
        } else if (ch.parameter == "null_certificate_id") {
          if (check->kind != CheckKind::kNetworkParty) Error(t.get("parameter"), "check '" + ch.check + "' has no null_certificate_id");
          else if (!v->is_string()) Error(v, "null_certificate_id must be a string");
          else ch.string_value = v->as_string()->get();
        } else if (!ch.parameter.empty()) {
          Error(t.get("parameter"), "unknown parameter '" + ch.parameter + "' (window_hours or null_certificate_id)");
        }
        break;
      }
      case ChangeKind::kAddExemption:
      case ChangeKind::kRemoveExemption: {
        auto when = ParseExemption(t.get("when"));
        if (!when) return;
        if (*when == Exemption::kNullCertificate && check->kind != CheckKind::kNetworkParty)
          Error(t.get("when"), "null_certificate exemptions are for network_party checks");
        ch.exemption = *when;
        break;
      }
      case ChangeKind::kDisplayClassification: {
        std::string rule = Str(t, "rule", true, "display_classification");
        if (rule != "unobtainable_data_is_ihd" && !rule.empty())
          Error(t.get("rule"), "unknown display rule '" + rule + "' (unobtainable_data_is_ihd)");
        break;
      }
    }
    a->changes.push_back(std::move(ch));
  }

  void ParseAmendments(const toml::table& root, RulePack* pack) {
    const toml::node* n = root.get("amendments");
    if (!n) return;
    const toml::array* arr = n->as_array();
    if (!arr) return Error(n, "'amendments' must be an array of tables: [[amendments]]");
    if (arr->size() + pack->amendments.size() > limits_.max_amendments)
      return Error(n, "more than " + std::to_string(limits_.max_amendments) + " amendments");
    for (const toml::node& el : *arr) {
      const toml::table* t = el.as_table();
      if (!t) { Error(&el, "each amendment must be a table"); continue; }
      OnlyKeys(*t, {"id", "title", "clause", "effective", "changes"}, "an amendment");
      Amendment a;
      a.pos = Pos(*t);
      a.origin = file_;
      a.id = Str(*t, "id", true, "an amendment");
      a.title = Str(*t, "title", false, "an amendment");
      a.clause = Str(*t, "clause", true, "an amendment");
      if (!a.id.empty() && pack->FindAmendment(a.id)) Error(t->get("id"), "amendment '" + a.id + "' is defined twice");
      if (a.id.find_first_of(",= ") != std::string::npos) Error(t->get("id"), "an amendment id may not hold commas, '=' or spaces");
      const toml::node* eff = t->get("effective");
      if (!eff) Error(t, "an amendment needs 'effective' (a date, YYYY-MM-DD)");
      else if (auto d = Date(eff, "effective")) a.effective = *d;
      const toml::node* ch = t->get("changes");
      const toml::array* chs = ch ? ch->as_array() : nullptr;
      if (!chs || chs->empty()) { Error(ch ? ch : t, "an amendment needs at least one [[amendments.changes]]"); continue; }
      if (chs->size() > limits_.max_changes) { Error(ch, "more than " + std::to_string(limits_.max_changes) + " changes"); continue; }
      for (const toml::node& c : *chs) {
        if (const toml::table* ct = c.as_table()) ParseChange(*ct, *pack, &a);
        else Error(&c, "each change must be a table");
      }
      pack->amendments.push_back(std::move(a));
    }
  }

  void ParsePack(const toml::table& root, RulePack* pack) {
    OnlyKeys(root, {"pack", "parameters", "scopes", "display", "checks", "amendments"}, "the rule pack");
    if (const toml::table* p = root["pack"].as_table()) {
      OnlyKeys(*p, {"name", "version", "source"}, "[pack]");
      pack->name = Str(*p, "name", false, "");
      pack->version = Str(*p, "version", false, "");
    }
    if (const toml::table* p = root["parameters"].as_table()) {
      OnlyKeys(*p, {"null_certificate_id"}, "[parameters]");
      if (p->get("null_certificate_id")) default_null_cert_ = Str(*p, "null_certificate_id", false, "");
    }
    if (const toml::table* d = root["display"].as_table()) {
      OnlyKeys(*d, {"clause", "amended_clause"}, "[display]");
      if (d->get("clause")) pack->display.clause = Str(*d, "clause", false, "");
      if (d->get("amended_clause")) pack->display.amended_clause = Str(*d, "amended_clause", false, "");
    }
    ParseScopes(root);
    const toml::node* cn = root.get("checks");
    const toml::array* checks = cn ? cn->as_array() : nullptr;
    if (!checks || checks->empty()) {
      Error(cn, "the pack needs at least one [[checks]]");
    } else if (checks->size() > limits_.max_checks) {
      Error(cn, "more than " + std::to_string(limits_.max_checks) + " checks");
    } else {
      for (const toml::node& el : *checks) {
        if (const toml::table* t = el.as_table()) ParseCheck(*t, pack);
        else Error(&el, "each check must be a table");
      }
    }
    std::set<std::string> reasons;
    for (const auto& r : pack->ReasonCodes())
      if (!reasons.insert(r).second) Error(0, 0, "reason code '" + r + "' is used twice");
    ParseAmendments(root, pack);
  }

  void ParseExtra(const toml::table& root, RulePack* pack) {
    OnlyKeys(root, {"scopes", "amendments"}, "a --rules-extra file");
    ParseScopes(root);
    ParseAmendments(root, pack);
  }

  std::map<std::string, Scope> scopes_;

 private:
  std::string file_;
  RuleFileLimits limits_;
  std::vector<std::string> errors_;
  std::string default_null_cert_ = "0000000000000000";
};

std::optional<toml::table> ParseToml(std::string_view text, const std::string& file, Parser* p) {
  try {
    return toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    p->Error(static_cast<int>(e.source().begin.line), static_cast<int>(e.source().begin.column),
             std::string(e.description()));
  } catch (const std::exception& e) {
    p->Error(0, 0, e.what());
  }
  return std::nullopt;
}

}  // namespace

Result<RulePack> ParseRulePack(std::string_view text, const std::string& file, const RuleFileLimits& limits) {
  Parser p(file, limits);
  if (text.size() > limits.max_bytes)
    return InvalidArgument(file + ":1:1: the rules file is larger than the limit of " + std::to_string(limits.max_bytes) + " bytes");
  auto root = ParseToml(text, file, &p);
  if (!root) return p.ToStatus();
  RulePack pack;
  p.ParsePack(*root, &pack);
  if (!p.ok()) return p.ToStatus();
  pack.named_scopes = p.scopes_;
  pack.files.push_back(file);
  pack.sha256 = Sha256Hex(text);
  return pack;
}

Status ParseRulesExtra(std::string_view text, const std::string& file, RulePack* pack, const RuleFileLimits& limits) {
  Parser p(file, limits);
  if (text.size() > limits.max_bytes)
    return InvalidArgument(file + ":1:1: the rules file is larger than the limit of " + std::to_string(limits.max_bytes) + " bytes");
  auto root = ParseToml(text, file, &p);
  if (!root) return p.ToStatus();
  RulePack extended = *pack;
  p.scopes_ = pack->named_scopes;
  p.ParseExtra(*root, &extended);
  if (!p.ok()) return p.ToStatus();
  extended.named_scopes = p.scopes_;
  extended.files.push_back(file);
  extended.sha256 = Sha256Hex(pack->sha256 + Sha256Hex(text));
  *pack = std::move(extended);
  return Status::Ok();
}

Result<RulePack> LoadRulePack(const std::string& path, const RuleFileLimits& limits) {
  S1MIG_ASSIGN_OR_RETURN(std::string text, ReadWholeFile(path, limits.max_bytes));
  return ParseRulePack(text, path, limits);
}

Status LoadRulesExtra(const std::string& path, RulePack* pack, const RuleFileLimits& limits) {
  S1MIG_ASSIGN_OR_RETURN(std::string text, ReadWholeFile(path, limits.max_bytes));
  return ParseRulesExtra(text, path, pack, limits);
}

std::string DefaultRulePackPath() {
  // Next to the binary (an installed layout or build/), else the source tree it was built from.
  char buf[4096];
  ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n > 0) {
    std::string exe(buf, static_cast<size_t>(n));
    std::string dir = exe.substr(0, exe.find_last_of('/'));
    for (const char* rel : {"/rules/tmad.toml", "/../rules/tmad.toml", "/../share/s1mig/rules/tmad.toml"}) {
      std::string candidate = dir + rel;
      if (::access(candidate.c_str(), R_OK) == 0) return candidate;
    }
  }
#ifdef S1MIG_SOURCE_DIR
  return std::string(S1MIG_SOURCE_DIR) + "/rules/tmad.toml";
#else
  return "rules/tmad.toml";
#endif
}

}  // namespace s1mig::rules
