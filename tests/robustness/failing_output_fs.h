// A test OutputFs over the real disk that fails on demand: the disk "fills up" after a byte
// budget, or a named file fails when it is flushed and fsynced (where a real full disk shows for
// buffered data) or when it is renamed into place.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/output_file.h"

namespace s1mig::testing {

class FailingOutputFs : public OutputFs {
 public:
  // REQUIRES: `real` outlives this object (pass OutputFs::Get() before SetForTest).
  explicit FailingOutputFs(OutputFs* real) : real_(real) {}

  // Writes beyond `bytes` in total (over every file) fail with ENOSPC's message.
  void FailWritesAfter(size_t bytes) { budget_ = bytes; }
  // The file whose name ends with `suffix` fails when flushed (Prepare, or Commit's flush).
  void FailFlushOf(std::string suffix) { fail_flush_ = std::move(suffix); }
  // The file whose name ends with `suffix` fails when renamed into place.
  void FailRenameOf(std::string suffix) { fail_rename_ = std::move(suffix); }
  // Creating a file whose name ends with `suffix` fails (as when the directory is not writable).
  void FailCreateOf(std::string suffix) { fail_create_ = std::move(suffix); }

  // Paths created, and paths committed, in order.
  const std::vector<std::string>& created() const { return created_; }
  const std::vector<std::string>& committed() const { return committed_; }

  Result<std::unique_ptr<OutputFile>> Create(const std::string& path) override {
    if (Matches(path, fail_create_)) return IoError(path + ": cannot create: Read-only file system");
    auto file = real_->Create(path);
    if (!file.ok()) return file.status();
    created_.push_back(path);
    return std::unique_ptr<OutputFile>(new File(this, std::move(file).value()));
  }

 private:
  static bool Matches(const std::string& path, const std::string& suffix) {
    return !suffix.empty() && path.size() >= suffix.size() &&
           path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0;
  }

  class File : public OutputFile {
   public:
    File(FailingOutputFs* fs, std::unique_ptr<OutputFile> inner) : fs_(fs), inner_(std::move(inner)) {}
    Status Write(std::string_view bytes) override {
      if (!status_.ok()) return status_;
      if (bytes.size() > fs_->budget_) return Fail("write failed: No space left on device");
      fs_->budget_ -= bytes.size();
      return inner_->Write(bytes);
    }
    Status Prepare() override {
      if (!status_.ok()) return status_;
      if (Matches(path(), fs_->fail_flush_)) return Fail("fsync failed: No space left on device");
      return inner_->Prepare();
    }
    Status Commit() override {
      if (Status s = Prepare(); !s.ok()) return s;
      if (Matches(path(), fs_->fail_rename_)) return Fail("rename failed: Input/output error");
      S1MIG_RETURN_IF_ERROR(inner_->Commit());
      fs_->committed_.push_back(path());
      return Status::Ok();
    }
    const std::string& path() const override { return inner_->path(); }

   private:
    Status Fail(const std::string& what) {
      status_ = IoError(path() + ": " + what);
      return status_;
    }
    FailingOutputFs* fs_;
    std::unique_ptr<OutputFile> inner_;
    Status status_;
  };

  OutputFs* real_;
  size_t budget_ = static_cast<size_t>(-1);
  std::string fail_flush_, fail_rename_, fail_create_;
  std::vector<std::string> created_, committed_;
};

// Installs `fs` for the lifetime of the guard.
class ScopedOutputFs {
 public:
  explicit ScopedOutputFs(OutputFs* fs) { OutputFs::SetForTest(fs); }
  ~ScopedOutputFs() { OutputFs::SetForTest(nullptr); }
};

}  // namespace s1mig::testing
