// Temporary folders and files for tests and benchmarks, under the system's temporary directory
// ($TMPDIR when set, else /tmp), never under a path fixed in the source.
#pragma once

#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <string_view>

namespace s1mig {

// A new, empty folder named <prefix>XXXXXX; "" when it cannot be made.
inline std::string MakeTempDir(std::string_view prefix) {
  std::string path = (std::filesystem::temp_directory_path() / (std::string(prefix) + "XXXXXX")).string();
  return ::mkdtemp(path.data()) ? path : std::string();
}

// A new, empty file named <prefix>XXXXXX (created, then closed); "" when it cannot be made.
inline std::string MakeTempFile(std::string_view prefix) {
  std::string path = (std::filesystem::temp_directory_path() / (std::string(prefix) + "XXXXXX")).string();
  const int fd = ::mkstemp(path.data());
  if (fd < 0) return std::string();
  ::close(fd);
  return path;
}

}  // namespace s1mig
