// Borrowing and returning store connections.
#include "http/store_pool.h"

#include "store/sqlite_store.h"

namespace s1mig::http {

Status StorePool::With(const std::function<Status(store::DmctStore&)>& fn) {
  std::unique_ptr<store::DmctStore> conn;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!idle_.empty()) {
      conn = std::move(idle_.back());
      idle_.pop_back();
    }
  }
  if (!conn) {
    store::SqliteStoreOptions o;
    o.create_if_missing = false;
    S1MIG_ASSIGN_OR_RETURN(conn, store::OpenSqliteStore(db_path_, o));
  }
  Status s = fn(*conn);
  std::lock_guard<std::mutex> lock(mu_);
  if (idle_.size() < max_idle_) idle_.push_back(std::move(conn));
  return s;
}

}  // namespace s1mig::http
