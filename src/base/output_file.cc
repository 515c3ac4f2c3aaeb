// The real-disk OutputFs: buffered POSIX writes to "<path>.tmp.<pid>", fsync, rename.
#include "base/output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <algorithm>

namespace s1mig {
namespace {

constexpr size_t kBufferSize = 1 << 20;

class PosixOutputFile : public OutputFile {
 public:
  PosixOutputFile(std::string path, std::string tmp, int fd)
      : path_(std::move(path)), tmp_(std::move(tmp)), fd_(fd) {
    buffer_.reserve(kBufferSize);
  }
  ~PosixOutputFile() override {
    if (fd_ >= 0) ::close(fd_);
    if (!committed_) ::unlink(tmp_.c_str());
  }

  Status Write(std::string_view bytes) override {
    if (!status_.ok()) return status_;
    if (buffer_.size() + bytes.size() > kBufferSize) {
      Flush();
      if (!status_.ok()) return status_;
      if (bytes.size() > kBufferSize) {
        WriteAll(bytes);
        return status_;
      }
    }
    buffer_.append(bytes);
    return status_;
  }

  Status Prepare() override {
    if (fd_ < 0) return status_;
    Flush();
    if (status_.ok() && ::fsync(fd_) != 0) Fail("fsync");
    if (status_.ok()) {
      if (::close(fd_) != 0) Fail("close");
      fd_ = -1;  // closed even when close() reports an error
    }
    return status_;
  }

  Status Commit() override {
    if (committed_) return Status::Ok();
    if (!Prepare().ok()) return status_;
    if (status_.ok() && ::rename(tmp_.c_str(), path_.c_str()) != 0) Fail("rename");
    if (status_.ok()) committed_ = true;
    return status_;
  }

  const std::string& path() const override { return path_; }

 private:
  void Fail(const char* what) {
    if (status_.ok()) status_ = IoError(path_ + ": " + what + " failed: " + std::strerror(errno));
  }
  void Flush() {
    if (!buffer_.empty()) WriteAll(buffer_);
    buffer_.clear();
  }
  void WriteAll(std::string_view bytes) {
    while (status_.ok() && !bytes.empty()) {
      ssize_t n = ::write(fd_, bytes.data(), bytes.size());
      if (n < 0) {
        if (errno == EINTR) continue;
        Fail("write");
        return;
      }
      bytes.remove_prefix(static_cast<size_t>(n));
    }
  }

  std::string path_, tmp_, buffer_;
  int fd_;
  bool committed_ = false;
  Status status_;
};

class PosixOutputFs : public OutputFs {
 public:
  Result<std::unique_ptr<OutputFile>> Create(const std::string& path) override {
    std::string tmp = path + ".tmp." + std::to_string(::getpid());
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return IoError(path + ": cannot create: " + std::strerror(errno));
    return std::unique_ptr<OutputFile>(new PosixOutputFile(path, tmp, fd));
  }
};

OutputFs* g_test_fs = nullptr;

}  // namespace

OutputFs* OutputFs::Get() {
  static PosixOutputFs real;
  return g_test_fs ? g_test_fs : &real;
}

void OutputFs::SetForTest(OutputFs* fs) { g_test_fs = fs; }

Status MakeDirs(const std::string& dir, bool* created) {
  if (created) *created = false;
  if (dir.empty()) return Status::Ok();
  struct stat st;
  if (::stat(dir.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) return Status::Ok();
    return IoError(dir + ": exists and is not a directory");
  }
  size_t slash = dir.find_last_of('/');
  if (slash != std::string::npos && slash > 0) S1MIG_RETURN_IF_ERROR(MakeDirs(dir.substr(0, slash), nullptr));
  if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST)
    return IoError(dir + ": cannot create directory: " + std::strerror(errno));
  if (created) *created = true;
  return Status::Ok();
}

Status CommitAll(const std::vector<OutputFile*>& files) {
  for (OutputFile* f : files) S1MIG_RETURN_IF_ERROR(f->Prepare());
  for (OutputFile* f : files) S1MIG_RETURN_IF_ERROR(f->Commit());
  return Status::Ok();
}

Status WriteWholeFile(const std::string& path, std::string_view content) {
  S1MIG_ASSIGN_OR_RETURN(auto file, OutputFs::Get()->Create(path));
  S1MIG_RETURN_IF_ERROR(file->Write(content));
  return file->Commit();
}

Result<std::string> ReadWholeFile(const std::string& path, size_t max_bytes) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return IoError(path + ": cannot open for reading: " + std::strerror(errno));
  struct stat st;
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    return IoError(path + ": is a directory, not a file");
  }
  std::string out;
  char buf[1 << 16];
  while (out.size() <= max_bytes) {
    size_t want = std::min(sizeof buf, max_bytes + 1 - out.size());
    ssize_t n = ::read(fd, buf, want);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int err = errno;
      ::close(fd);
      return IoError(path + ": read error: " + std::strerror(err));
    }
    if (n == 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return out;
}

}  // namespace s1mig
