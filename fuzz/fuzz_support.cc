// Fuzz helpers: memfd-backed files, the worked example loaded once, property checks.
#include "fuzz/fuzz_support.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "base/diagnostic.h"
#include "io/reference_reader.h"
#include "rules/rule_pack_parser.h"

namespace s1mig::fuzz {

void Check(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "s1mig fuzz: property violated: %s\n", what);
  std::abort();
}

MemFile::MemFile(const char* name) {
  fd_ = ::memfd_create(name, MFD_CLOEXEC);
  Check(fd_ >= 0, "memfd_create");
  path_ = "/proc/self/fd/" + std::to_string(fd_);
}

MemFile::~MemFile() {
  if (fd_ >= 0) ::close(fd_);
}

void MemFile::Set(std::string_view bytes) {
  Check(::ftruncate(fd_, 0) == 0, "ftruncate");
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::pwrite(fd_, bytes.data() + done, bytes.size() - done, static_cast<off_t>(done));
    Check(n > 0, "pwrite");
    done += static_cast<size_t>(n);
  }
}

std::string ReadSourceFile(const std::string& rel) {
  std::ifstream in(std::string(S1MIG_SOURCE_DIR) + "/" + rel, std::ios::binary);
  Check(static_cast<bool>(in), "fixture file missing from the source tree");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const Fixture& GetFixture() {
  static const Fixture* fixture = [] {
    auto* f = new Fixture;
    f->source_dir = S1MIG_SOURCE_DIR;
    f->as_of = *ParseTimestampPrecise("2021-10-13T09:00:00Z");
    Diagnostics diags;
    Check(io::ReadReferenceData(f->source_dir + "/examples/basic/snapshot", &f->ref, &diags, nullptr).ok(),
          "examples/basic/snapshot reference data");
    f->index = std::make_unique<engine::ReferenceIndex>(f->ref, LondonDate(f->as_of.micros));
    auto pack = rules::ParseRulePack(ReadSourceFile("rules/tmad.toml"), "rules/tmad.toml");
    Check(pack.ok(), "rules/tmad.toml parses");
    f->pack = std::move(*pack);
    rules::AmendmentSelection none, all;
    none.mode = rules::AmendmentSelection::Mode::kNone;
    all.mode = rules::AmendmentSelection::Mode::kAll;
    f->none = rules::CompiledRules::Compile(f->pack, *rules::SelectAmendments(f->pack, none));
    f->all = rules::CompiledRules::Compile(f->pack, *rules::SelectAmendments(f->pack, all));
    return f;
  }();
  return *fixture;
}

}  // namespace s1mig::fuzz
