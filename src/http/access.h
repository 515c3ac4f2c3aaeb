// Who may see what through `s1mig serve` (docs/http.md "Access"): the DCC sees everything; a
// Supplier Party sees only installations it supplies (elec_supplier or gas_supplier) and only
// its own DMCT submissions and notices. Anything else is answered as if it did not exist.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace s1mig::http {

enum class Role { kDcc, kSupplier };
const char* RoleName(Role r);  // "DCC" / "SUPPLIER"
std::optional<Role> ParseRole(std::string_view text);

// The party a request acts for, from its bearer token.
struct Caller {
  std::string party;
  Role role = Role::kSupplier;
  bool is_dcc() const { return role == Role::kDcc; }
};

// An installation is visible to the DCC, and to a Supplier Party named as its electricity or
// gas supplier (an empty supplier field names nobody).
bool MaySeeInstallation(const Caller& caller, std::string_view elec_supplier, std::string_view gas_supplier);

// A submission, notice or referral owned by `owner` is visible to the DCC and to `owner`.
bool MaySeePartyRecord(const Caller& caller, std::string_view owner);

// Party ids in the tokens file: 1 to 64 of letters, digits, '_', '-', '.' (as `party add`).
bool IsValidPartyId(std::string_view id);

}  // namespace s1mig::http
