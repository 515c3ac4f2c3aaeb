// The one seam for file output: every file s1mig writes goes through OutputFs, so that a test can
// make the disk "fill up" mid-write. Files are written to a temporary name and renamed on Commit,
// so a failed run never leaves a half-written file behind.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace s1mig {

// A file being written. Not thread-safe. Destroying it without Commit() removes the temporary.
class OutputFile {
 public:
  virtual ~OutputFile() = default;
  // Buffers `bytes`; on failure the file is broken and Commit() will fail too.
  virtual Status Write(std::string_view bytes) = 0;
  // Flushes, fsyncs and closes the temporary: every step that a full disk or an I/O error can
  // fail, leaving only the rename to Commit(). Optional: Commit() does it when not yet done.
  virtual Status Prepare() { return Status::Ok(); }
  // Flushes, fsyncs and renames the temporary onto the final path.
  virtual Status Commit() = 0;
  virtual const std::string& path() const = 0;
};

class OutputFs {
 public:
  virtual ~OutputFs() = default;
  // Starts writing `path` (created or replaced only on Commit). Errors name the path.
  virtual Result<std::unique_ptr<OutputFile>> Create(const std::string& path) = 0;

  // The process-wide instance used by every writer (real disk unless a test swapped it).
  static OutputFs* Get();
  // For tests: replaces the instance; nullptr restores the real disk. Not thread-safe.
  static void SetForTest(OutputFs* fs);
};

// Publishes files that belong together: prepares every one first, and renames them only when all
// are on disk, so a full disk or a write error leaves none of them published. (Only a failing
// rename, after the others succeeded, could still leave some published; see docs/robustness.md.)
Status CommitAll(const std::vector<OutputFile*>& files);

// Creates `dir` and missing parents. Sets *created when this call made the leaf directory.
Status MakeDirs(const std::string& dir, bool* created);

// Writes `content` to `path` in one go through OutputFs (temp + rename).
Status WriteWholeFile(const std::string& path, std::string_view content);

// Reads a whole file; the error names the path (and says when it is a directory). At most
// max_bytes + 1 bytes are read, so that a caller can refuse a file over its limit without reading
// all of it (a huge file, or a device such as /dev/zero).
Result<std::string> ReadWholeFile(const std::string& path, size_t max_bytes = static_cast<size_t>(-1) - 1);

}  // namespace s1mig
