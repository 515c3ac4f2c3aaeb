// Party registration and DMC submission (SMETS1 SVTAD clause 20.2).
#include "dmct/workflow.h"
#include "dmct/workflow_support.h"

namespace s1mig::dmct {
namespace {

using nlohmann::json;
using store::DmctTxn;

Status ValidatePartyId(const std::string& id) {
  if (id.empty() || id.size() > 64) {
    return InvalidArgument("party id must be 1 to 64 characters, got '" + id + "'");
  }
  for (char c : id) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-' || c == '.';
    if (!ok) {
      return InvalidArgument("party id '" + id +
                             "' may hold only letters, digits, '_', '-' and '.'");
    }
  }
  return Status::Ok();
}

Status ValidateDmc(const store::Dmc& dmc) {
  static const char* kFlags[] = {"--chf", "--esme", "--gsme", "--gpf", "--ppmid"};
  for (int i = 0; i < kDeviceSlots; ++i) {
    if (dmc.model[i].empty() != dmc.fw[i].empty()) {
      return InvalidArgument(std::string(kFlags[i]) + ": give both model and firmware (MODEL@FW)");
    }
  }
  auto present = [&](DeviceSlot s) { return !dmc.model[static_cast<int>(s)].empty(); };
  if (!present(DeviceSlot::kChf)) return InvalidArgument("--chf MODEL@FW is required");
  if (!present(DeviceSlot::kEsme)) return InvalidArgument("--esme MODEL@FW is required");
  if (!present(DeviceSlot::kPpmid)) return InvalidArgument("--ppmid MODEL@FW is required");
  if (present(DeviceSlot::kGsme) != present(DeviceSlot::kGpf)) {
    return InvalidArgument("--gsme and --gpf go together: a GSME needs its GPF and vice versa");
  }
  return Status::Ok();
}

}  // namespace

Status AddParty(store::DmctStore& st, const AddPartyRequest& req) {
  S1MIG_RETURN_IF_ERROR(ValidatePartyId(req.id));
  return st.Write([&](DmctTxn& tx) -> Status {
    if (req.at) S1MIG_RETURN_IF_ERROR(CheckInOrder(tx, *req.at));
    S1MIG_ASSIGN_OR_RETURN(std::optional<store::Party> existing, tx.FindParty(req.id));
    if (existing) {
      return AlreadyExists("party '" + req.id + "' is already registered (role " +
                           store::PartyRoleName(existing->role) + ")");
    }
    store::Party p{req.id, req.role, req.name};
    S1MIG_RETURN_IF_ERROR(tx.InsertParty(p));
    json after{{"party", {{"id", p.id}, {"role", store::PartyRoleName(p.role)}, {"name", p.name}}}};
    return Audit(tx, req.at, std::string(store::kDccPartyId), "party.add", p.id, nullptr, after);
  });
}

Result<std::string> Submit(store::DmctStore& st, const SubmitRequest& req) {
  S1MIG_RETURN_IF_ERROR(ValidateDmc(req.dmc));
  std::string id;
  Status s = st.Write([&](DmctTxn& tx) -> Status {
    S1MIG_RETURN_IF_ERROR(CheckInOrder(tx, req.at));
    S1MIG_ASSIGN_OR_RETURN(store::Party party, RequireParty(tx, req.party));
    if (req.mode == store::MeterMode::kActive && party.role != store::PartyRole::kSupplier) {
      return PermissionDenied("party '" + party.id + "' has role " +
                              store::PartyRoleName(party.role) +
                              ": only Supplier Parties submit DMCs for Active meters "
                              "(use --mode dormant for the DCC's submissions)");
    }
    if (req.mode == store::MeterMode::kDormant && party.role != store::PartyRole::kDcc) {
      return PermissionDenied("party '" + party.id +
                              "' is a Supplier Party: submissions for Dormant meters use party "
                              "DCC");
    }
    S1MIG_ASSIGN_OR_RETURN(std::vector<store::Submission> all, tx.ListSubmissions());
    for (const store::Submission& other : all) {
      if (other.party == req.party && other.dmc == req.dmc) {
        return AlreadyExists("duplicate submission: party '" + req.party +
                             "' already submitted this DMC as " + other.id + " (" +
                             store::FormatDmc(req.dmc) + ")");
      }
    }
    store::Submission sub;
    sub.party = req.party;
    sub.mode = req.mode;
    sub.dmc = req.dmc;
    sub.display_class = store::DisplayClass::kPpmid;
    sub.submitted_at = req.at;
    S1MIG_ASSIGN_OR_RETURN(id, tx.InsertSubmission(sub));
    sub.id = id;
    return Audit(tx, req.at, req.party, "dmct.submit", id, nullptr,
                 json{{"submission", SubmissionJson(sub)}});
  });
  if (!s.ok()) return s;
  return id;
}

}  // namespace s1mig::dmct
