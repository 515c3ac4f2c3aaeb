// Bearer tokens of `s1mig serve`: the tokens file (token_sha256,party_id,role), lookup of a
// presented token by its SHA-256 in constant time, and minting new tokens for operators.
// The server never holds a plain token: only the hashes the file lists.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "http/access.h"

namespace s1mig::http {

// Lower-case hex SHA-256 of a token's bytes, as the tokens file lists it.
std::string HashToken(std::string_view token);

// A fresh random token ("s1t_" and 64 hex digits from OpenSSL's RAND_bytes). InternalError when
// the random source fails.
Result<std::string> NewToken();

// Immutable after Load; safe to share between threads.
class TokenTable {
 public:
  struct Entry {
    std::string sha256;  // 64 lower-case hex digits
    Caller caller;
  };

  // Reads a CSV file with the columns token_sha256, party_id, role (DCC or SUPPLIER), header
  // first, any order. Errors (InvalidArgument) name the file and line: a malformed hash, an
  // empty or malformed party id, an unknown role, or a hash listed twice.
  static Result<TokenTable> Load(const std::string& path);
  static Result<TokenTable> FromEntries(std::vector<Entry> entries);

  // The caller whose token this is, or nullopt. Hashes the token once and compares it with
  // every entry's hash using CRYPTO_memcmp, without stopping at a match, so the time taken
  // does not depend on which (or whether an) entry matches.
  std::optional<Caller> Authenticate(std::string_view token) const;

  size_t size() const { return entries_.size(); }
  const std::vector<Entry>& entries() const { return entries_; }

 private:
  std::vector<Entry> entries_;
};

// The token of an "Authorization: Bearer TOKEN" header value ("" when it is not that form).
std::string_view BearerToken(std::string_view authorization);

// One tokens-file line for a new token: "<sha256>,<party>,<role>".
std::string TokenCsvLine(std::string_view token, const Caller& caller);

}  // namespace s1mig::http
