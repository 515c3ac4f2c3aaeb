// The visibility rules of the HTTP API, kept apart so they are tested on their own.
#include "http/access.h"

namespace s1mig::http {

const char* RoleName(Role r) { return r == Role::kDcc ? "DCC" : "SUPPLIER"; }

std::optional<Role> ParseRole(std::string_view text) {
  if (text == "DCC") return Role::kDcc;
  if (text == "SUPPLIER") return Role::kSupplier;
  return std::nullopt;
}

bool MaySeeInstallation(const Caller& caller, std::string_view elec_supplier, std::string_view gas_supplier) {
  if (caller.is_dcc()) return true;
  if (caller.party.empty()) return false;
  return elec_supplier == caller.party || gas_supplier == caller.party;
}

bool MaySeePartyRecord(const Caller& caller, std::string_view owner) {
  if (caller.is_dcc()) return true;
  return !caller.party.empty() && owner == caller.party;
}

bool IsValidPartyId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}

}  // namespace s1mig::http
