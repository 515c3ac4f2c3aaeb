// Tokens: hashing, the tokens file, constant-time lookup, minting.
#include "http/tokens.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <set>

#include "base/sha256.h"
#include "io/table_schema.h"

namespace s1mig::http {
namespace {

bool IsLowerHex64(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// Tokens longer than this are refused unhashed (a bound on the work an anonymous caller causes).
constexpr size_t kMaxTokenBytes = 512;

}  // namespace

std::string HashToken(std::string_view token) { return Sha256Hex(token); }

Result<std::string> NewToken() {
  unsigned char bytes[32];
  if (RAND_bytes(bytes, sizeof bytes) != 1) return Internal("the random source (RAND_bytes) failed");
  static const char kHex[] = "0123456789abcdef";
  std::string out = "s1t_";
  for (unsigned char b : bytes) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 0xF]);
  }
  OPENSSL_cleanse(bytes, sizeof bytes);
  return out;
}

Result<TokenTable> TokenTable::FromEntries(std::vector<Entry> entries) {
  std::set<std::string> seen;
  for (auto& e : entries) {
    e.sha256 = Lower(e.sha256);
    if (!IsLowerHex64(e.sha256)) return InvalidArgument("token_sha256 '" + e.sha256 + "' is not 64 hex digits");
    if (!IsValidPartyId(e.caller.party)) return InvalidArgument("party_id '" + e.caller.party + "' is not 1 to 64 letters, digits, '_', '-', '.'");
    if (!seen.insert(e.sha256).second) return InvalidArgument("token_sha256 " + e.sha256 + " is listed twice");
  }
  TokenTable t;
  t.entries_ = std::move(entries);
  return t;
}

Result<TokenTable> TokenTable::Load(const std::string& path) {
  static const io::TableSchema kSchema{{"token_sha256", "party_id", "role"}, {}};
  Diagnostics warnings;
  S1MIG_ASSIGN_OR_RETURN(auto reader, io::OpenTable(path, path, kSchema, &warnings));
  std::vector<Entry> entries;
  std::set<std::string> seen;
  io::RowBatch batch;
  while (reader->NextBatch(&batch)) {
    for (size_t r = 0; r < batch.rows(); ++r) {
      const std::string where = path + ":" + std::to_string(batch.lines[r]) + ": ";
      Entry e;
      e.sha256 = Lower(batch.field(r, 0));
      e.caller.party = std::string(batch.field(r, 1));
      std::string_view role = batch.field(r, 2);
      if (!IsLowerHex64(e.sha256)) return InvalidArgument(where + "token_sha256 is not 64 hex digits (the SHA-256 of the token; see 's1mig token hash')");
      if (!IsValidPartyId(e.caller.party)) return InvalidArgument(where + "party_id '" + e.caller.party + "' is not 1 to 64 letters, digits, '_', '-', '.'");
      std::optional<Role> parsed = ParseRole(role);
      if (!parsed) return InvalidArgument(where + "role '" + std::string(role) + "' is not DCC or SUPPLIER");
      e.caller.role = *parsed;
      if (!seen.insert(e.sha256).second) return InvalidArgument(where + "this token_sha256 is already listed on an earlier line");
      entries.push_back(std::move(e));
    }
  }
  S1MIG_RETURN_IF_ERROR(reader->status());
  TokenTable t;
  t.entries_ = std::move(entries);
  return t;
}

std::optional<Caller> TokenTable::Authenticate(std::string_view token) const {
  if (token.empty() || token.size() > kMaxTokenBytes) return std::nullopt;
  const std::string presented = HashToken(token);
  const Entry* match = nullptr;
  for (const Entry& e : entries_) {
    // Every entry is compared, whatever the earlier results: no early exit on a match.
    bool equal = CRYPTO_memcmp(presented.data(), e.sha256.data(), presented.size()) == 0;
    if (equal) match = &e;
  }
  if (!match) return std::nullopt;
  return match->caller;
}

std::string_view BearerToken(std::string_view authorization) {
  constexpr std::string_view kScheme = "Bearer ";
  if (authorization.size() <= kScheme.size()) return {};
  // The scheme name is case-insensitive (RFC 7235 section 2.1).
  for (size_t i = 0; i < kScheme.size(); ++i) {
    char a = authorization[i], b = kScheme[i];
    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
    if (b >= 'A' && b <= 'Z') b = static_cast<char>(b - 'A' + 'a');
    if (a != b) return {};
  }
  std::string_view token = authorization.substr(kScheme.size());
  while (!token.empty() && (token.front() == ' ' || token.front() == '\t')) token.remove_prefix(1);
  while (!token.empty() && (token.back() == ' ' || token.back() == '\t')) token.remove_suffix(1);
  return token;
}

std::string TokenCsvLine(std::string_view token, const Caller& caller) {
  return HashToken(token) + "," + caller.party + "," + RoleName(caller.role);
}

}  // namespace s1mig::http
