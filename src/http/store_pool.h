// Connections to the DMCT store for the server's worker threads. A DmctStore is one connection
// and not thread-safe, so each request borrows one for its duration and gives it back; SQLite
// serializes writers across connections (BEGIN IMMEDIATE, docs/dmct.md).
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "base/status.h"
#include "store/store.h"

namespace s1mig::http {

class StorePool {
 public:
  explicit StorePool(std::string db_path, size_t max_idle = 16) : db_path_(std::move(db_path)), max_idle_(max_idle) {}

  // Runs `fn` with a connection (opened on demand; the store must exist: NotFound otherwise).
  Status With(const std::function<Status(store::DmctStore&)>& fn);

 private:
  std::string db_path_;
  size_t max_idle_;
  std::mutex mu_;
  std::vector<std::unique_ptr<store::DmctStore>> idle_;
};

}  // namespace s1mig::http
