// SHA-256 of bytes and files (OpenSSL's EVP), for the input hashes in summary.json.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"

namespace s1mig {

// Incremental SHA-256. Not thread-safe; one per stream.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void Update(std::string_view bytes);
  // Lower-case hex digest; the object must not be updated afterwards.
  std::string HexDigest();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

std::string Sha256Hex(std::string_view bytes);
Result<std::string> Sha256File(const std::string& path);

}  // namespace s1mig
