// Streaming RFC 4180 reader: block reads, a small state machine per record, views into blocks.
#include "io/csv_reader.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace s1mig::io {
namespace {

// The first position at or after p holding ',', '\n' or '\r' (or end): 16 bytes at a time.
inline size_t ScanToDelimiter(const char* base, size_t p, size_t end) {
#if defined(__SSE2__)
  const __m128i comma = _mm_set1_epi8(','), lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
  while (p + 16 <= end) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(base + p));
    __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, comma), _mm_cmpeq_epi8(v, lf)), _mm_cmpeq_epi8(v, cr));
    int mask = _mm_movemask_epi8(hit);
    if (mask) return p + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
    p += 16;
  }
#endif
  while (p < end && base[p] != ',' && base[p] != '\n' && base[p] != '\r') ++p;
  return p;
}

// Physical lines in [p, p + n): each LF, and each CR not followed by LF (a CR ending the range
// counts: callers cut ranges after an LF, or after a CR known not to precede one).
int64_t CountLineBreaks(const char* p, size_t n) {
  int64_t count = 0;
  size_t i = 0;
#if defined(__SSE2__)
  if (!std::memchr(p, '\r', n)) {
    // Byte counters (a match is -1), summed every 255 rounds before they can wrap.
    const __m128i lf = _mm_set1_epi8('\n'), zero = _mm_setzero_si128();
    while (i + 16 <= n) {
      __m128i acc = zero;
      for (int round = 0; round < 255 && i + 16 <= n; ++round, i += 16)
        acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i)), lf));
      __m128i sums = _mm_sad_epu8(acc, zero);
      count += _mm_cvtsi128_si64(sums) + _mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums));
    }
  }
#endif
  for (; i < n; ++i) count += p[i] == '\n' || (p[i] == '\r' && (i + 1 >= n || p[i + 1] != '\n'));
  return count;
}

// Where a record parse stands: the bytes, the position and physical line, and where errors go.
struct RecordCursor {
  const char* base;
  size_t pos, end;
  int64_t line;
  const std::string* name;
  size_t max_record_bytes;
  Status* status;
};

// One record starting at c->pos. Fields are views into c->base, or into *unescaped for quoted
// fields with doubled quotes (its capacity is fixed by the caller so views never move). Both the
// sequential reader and the chunk parser (ParseChunk, run on worker threads) go through here.
int ParseRecordAt(RecordCursor* c, bool at_eof, std::vector<std::string_view>* out, std::string* unescaped,
                  size_t* nfields, int64_t* record_lines) {
  const char* base = c->base;
  const size_t end_ = c->end;
  size_t& pos_ = c->pos;
  int64_t& line_ = c->line;
  const std::string& name_ = *c->name;
  size_t p = pos_;
  size_t count = 0;
  int64_t newlines = 0;
  size_t unescaped_mark = unescaped->size();
  auto push = [&](std::string_view v) {
    if (count < out->size()) (*out)[count] = v; else out->push_back(v);
    ++count;
  };
  // A blank line is no record.
  for (;;) {
    if (p >= end_) {
      if (!at_eof) return 0;
      pos_ = p;
      *nfields = 0;
      *record_lines = newlines;
      return 1;
    }
    char ch = base[p];
    if (ch != '\n' && ch != '\r') break;
    if (ch == '\r' && p + 1 >= end_ && !at_eof) return 0;
    p += (ch == '\r' && p + 1 < end_ && base[p + 1] == '\n') ? 2 : 1;
    pos_ = p;
    line_ += 1;
  }
  for (;;) {
    // Start of a field.
    if (p < end_ && base[p] == '"') {
      size_t q = p + 1;
      bool doubled = false;
      int64_t inner_newlines = 0;
      for (;;) {
        const void* hit = q < end_ ? std::memchr(base + q, '"', end_ - q) : nullptr;
        if (!hit) {
          if (!at_eof) { unescaped->resize(unescaped_mark); return 0; }
          *c->status = InvalidArgument(name_ + ":" + std::to_string(line_) + ": a quoted field is not closed before the end of the file");
          return -1;
        }
        size_t h = static_cast<const char*>(hit) - base;
        if (h + 1 >= end_ && !at_eof) { unescaped->resize(unescaped_mark); return 0; }
        if (h + 1 < end_ && base[h + 1] == '"') { doubled = true; q = h + 2; continue; }
        for (size_t i = p + 1; i < h; ++i) inner_newlines += base[i] == '\n' || (base[i] == '\r' && (i + 1 >= h || base[i + 1] != '\n'));
        // Lenient: text after the closing quote up to the separator is kept (as Python's csv does).
        size_t after = h + 1;
        size_t stop = after;
        while (stop < end_ && base[stop] != ',' && base[stop] != '\n' && base[stop] != '\r') ++stop;
        if (stop >= end_ && !at_eof) { unescaped->resize(unescaped_mark); return 0; }
        if (!doubled && stop == after) {
          push(std::string_view(base + p + 1, h - p - 1));
        } else {
          size_t start = unescaped->size();
          for (size_t i = p + 1; i < h; ++i) {
            unescaped->push_back(base[i]);
            if (base[i] == '"') ++i;  // doubled quote
          }
          unescaped->append(base + after, stop - after);
          push(std::string_view(unescaped->data() + start, unescaped->size() - start));
        }
        newlines += inner_newlines;
        p = stop;
        break;
      }
    } else {
      size_t q = ScanToDelimiter(base, p, end_);
      if (q >= end_ && !at_eof) { unescaped->resize(unescaped_mark); return 0; }
      push(std::string_view(base + p, q - p));
      p = q;
    }
    // After a field: separator, end of line, or end of file.
    if (p >= end_) break;
    char ch = base[p];
    if (ch == ',') { ++p; if (p >= end_ && at_eof) { push(std::string_view()); break; } continue; }
    if (ch == '\r') {
      if (p + 1 >= end_ && !at_eof) { unescaped->resize(unescaped_mark); return 0; }
      p += (p + 1 < end_ && base[p + 1] == '\n') ? 2 : 1;
    } else {
      ++p;
    }
    ++newlines;
    break;
  }
  if (p - pos_ > c->max_record_bytes) {
    *c->status = InvalidArgument(name_ + ":" + std::to_string(line_) + ": a record is longer than the limit of " +
                              std::to_string(c->max_record_bytes) + " bytes");
    return -1;
  }
  pos_ = p;
  *nfields = count;
  *record_lines = newlines;
  return 1;
}


}  // namespace

CsvReader::CsvReader(FILE* f, std::string name, CsvLimits limits)
    : file_(f), name_(std::move(name)), limits_(limits), block_(std::make_shared<std::string>()) {}

CsvReader::~CsvReader() {
  if (file_) std::fclose(file_);
}

Result<std::unique_ptr<CsvReader>> CsvReader::Open(const std::string& path, std::string display_name,
                                                   CsvLimits limits) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return IoError(display_name + ": cannot open: " + std::strerror(errno));
  std::unique_ptr<CsvReader> r(new CsvReader(f, std::move(display_name), limits));
  // A UTF-8 byte-order mark is not data.
  while (r->end_ < 3 && !r->eof_ && r->Fill()) {
  }
  if (!r->status_.ok()) return r->status_;
  if (r->end_ >= 3 && std::memcmp(r->block_->data(), "\xEF\xBB\xBF", 3) == 0) r->pos_ = 3;
  // Header row: parse it as a record of its own. The reserve keeps views into it stable.
  std::string unescaped;
  unescaped.reserve(limits.max_record_bytes + limits.block_bytes);
  size_t nfields = 0;
  int64_t lines = 0;
  for (;;) {
    if (r->pos_ == r->end_ && r->eof_) return InvalidArgument(r->name_ + ":1: empty file: no header row");
    int rc = r->pos_ < r->end_ ? r->ParseRecord(r->eof_, &r->scratch_fields_, &unescaped, &nfields, &lines) : 0;
    if (rc < 0) return r->status_;
    if (rc == 1) break;
    if (!r->Fill()) {
      if (!r->status_.ok()) return r->status_;
    }
  }
  if (nfields == 0) return InvalidArgument(r->name_ + ":1: empty file: no header row");
  for (size_t i = 0; i < nfields; ++i) r->header_.emplace_back(r->scratch_fields_[i]);
  r->line_ += lines;
  r->select_.assign(r->header_.size(), -1);
  return r;
}

std::vector<int> CsvReader::Select(const std::vector<std::string>& names) {
  std::vector<int> where(names.size(), -1);
  select_.assign(header_.size(), -1);
  for (size_t i = 0; i < names.size(); ++i) {
    for (size_t h = 0; h < header_.size(); ++h) {
      if (header_[h] == names[i]) {
        where[i] = static_cast<int>(h);
        select_[h] = static_cast<int>(i);
        break;  // the first of duplicate names wins
      }
    }
  }
  num_selected_ = names.size();
  selected_present_ = 0;  // batch columns some header column feeds (a repeated name feeds one)
  for (int col : select_) selected_present_ += col >= 0;
  return where;
}

bool CsvReader::Fill() {
  if (eof_) return false;
  std::string& b = *block_;
  // Keep the unparsed tail, in a fresh block when a batch may still point into this one.
  size_t tail = end_ - pos_;
  size_t want = limits_.block_bytes;
  if (tail * 2 > want) want = tail * 2;
  if (tail >= limits_.max_record_bytes) {
    status_ = InvalidArgument(name_ + ":" + std::to_string(line_) + ": a record is longer than the limit of " +
                              std::to_string(limits_.max_record_bytes) + " bytes (a quote left open?)");
    return false;
  }
  // Reuse a block no batch holds any more: fresh pages cost the kernel a zeroing each.
  std::shared_ptr<std::string> fresh;
  for (auto& pooled : pool_) {
    if (pooled.use_count() == 1 && pooled != block_ && pooled->size() >= want) {
      fresh = pooled;
      break;
    }
  }
  if (!fresh) {
    fresh = std::make_shared<std::string>();
    fresh->resize(want);
    if (pool_.size() < kMaxPooledBlocks) pool_.push_back(fresh);
  }
  want = fresh->size();
  if (tail) std::memcpy(fresh->data(), b.data() + pos_, tail);
  size_t n = std::fread(fresh->data() + tail, 1, want - tail, file_);
  if (n < want - tail) {
    if (std::ferror(file_)) {
      status_ = IoError(name_ + ": read error: " + std::strerror(errno));
      return false;
    }
    eof_ = true;
  }
  hash_.Update(std::string_view(fresh->data() + tail, n));
  bytes_read_ += static_cast<int64_t>(n);
  block_ = std::move(fresh);
  pos_ = 0;
  end_ = tail + n;
  return n > 0 || tail > 0;
}

int CsvReader::ParseRecord(bool at_eof, std::vector<std::string_view>* out, std::string* unescaped,
                           size_t* nfields, int64_t* record_lines) {
  RecordCursor c{block_->data(), pos_, end_, line_, &name_, limits_.max_record_bytes, &status_};
  int rc = ParseRecordAt(&c, at_eof, out, unescaped, nfields, record_lines);
  pos_ = c.pos;
  line_ = c.line;
  return rc;
}

bool CsvReader::NextBatch(RowBatch* batch) {
  batch->num_columns = num_selected_;
  batch->lines.clear();
  batch->field_counts.clear();
  batch->unescaped.clear();
  if (!status_.ok()) return false;
  if (pos_ >= end_ && !Fill()) {
    if (status_.ok()) digest_ = hash_.HexDigest();
    return false;
  }
  batch->unescaped.reserve(block_->size() + 1);  // never exceeded: de-quoting only shrinks
  batch->block = block_;
  for (;;) {
    size_t nfields = 0;
    int64_t lines = 0;
    int rc = ParseRecord(eof_, &scratch_fields_, &batch->unescaped, &nfields, &lines);
    int64_t start_line = line_;  // ParseRecord has moved line_ past any blank lines
    if (rc < 0) return false;
    if (rc == 0) {
      if (batch->rows() > 0) return true;  // hand over what we have; the tail is carried over
      if (!Fill()) {
        if (!status_.ok()) return false;
        digest_ = hash_.HexDigest();
        return false;
      }
      batch->unescaped.clear();
      batch->unescaped.reserve(block_->size() + 1);
      batch->block = block_;
      continue;
    }
    line_ += lines;
    if (nfields > 0) {
      if (++rows_read_ > limits_.max_rows) {
        status_ = InvalidArgument(name_ + ":" + std::to_string(start_line) + ": more than " +
                                  std::to_string(limits_.max_rows) + " rows (the row limit)");
        return false;
      }
      AppendRow(scratch_fields_, nfields, start_line, batch);
    }
    if (pos_ >= end_) {
      if (eof_) {
        if (batch->rows() > 0) return true;
        digest_ = hash_.HexDigest();
        return false;
      }
      if (batch->rows() > 0) return true;
      if (!Fill()) { if (status_.ok()) digest_ = hash_.HexDigest(); return false; }
      batch->unescaped.clear();
      batch->unescaped.reserve(block_->size() + 1);
      batch->block = block_;
    }
  }
}

size_t CsvReader::FindRecordBoundary(int64_t* lines) {
  const char* base = block_->data();
  const size_t n = end_ - pos_;
  if (!std::memchr(base + pos_, '"', n)) {
    // No quote in sight: every line break ends a record (or a blank line).
    size_t cut = 0;
    if (const void* lf = memrchr(base + pos_, '\n', n)) {
      cut = static_cast<size_t>(static_cast<const char*>(lf) - base) + 1;
    } else if (n > 1) {
      // No LF at all: a CR ends a line, once the byte after it is in the block (and so not LF).
      if (const void* cr = memrchr(base + pos_, '\r', n - 1)) cut = static_cast<size_t>(static_cast<const char*>(cr) - base) + 1;
    }
    if (cut) *lines = CountLineBreaks(base + pos_, cut - pos_);
    return cut;
  }
  // Quotes: follow the records with the parser itself, so a line break inside a quoted field
  // (or a quote inside an unquoted one) is read exactly as ParseChunk will read it.
  RecordCursor c{base, pos_, end_, line_, &name_, limits_.max_record_bytes, &status_};
  size_t cut = pos_;
  int64_t cut_line = line_;
  while (c.pos < end_) {
    size_t nfields = 0;
    int64_t record_lines = 0;
    scan_unescaped_.clear();
    if (ParseRecordAt(&c, /*at_eof=*/false, &scratch_fields_, &scan_unescaped_, &nfields, &record_lines) != 1) break;
    c.line += record_lines;
    cut = c.pos;
    cut_line = c.line;
  }
  *lines = cut_line - line_;
  return cut > pos_ ? cut : 0;
}

bool CsvReader::NextChunk(CsvChunk* chunk) {
  for (;;) {
    if (!status_.ok()) return false;
    if (pos_ >= end_) {
      if (!Fill()) {
        if (status_.ok()) digest_ = hash_.HexDigest();
        return false;
      }
      continue;
    }
    int64_t lines = 0;
    size_t cut = 0;
    if (eof_) {
      cut = end_;
      lines = CountLineBreaks(block_->data() + pos_, end_ - pos_);
    } else {
      cut = FindRecordBoundary(&lines);
    }
    if (cut == 0) {
      // Not one whole record in the block (or an error in the first): read on; Fill grows the
      // block and enforces the record limit.
      if (!status_.ok() || !Fill()) return false;
      continue;
    }
    // On an error after some records, those records go out first; the next call returns false.
    chunk->block = block_;
    chunk->begin = pos_;
    chunk->end = cut;
    chunk->first_line = line_;
    chunk->bytes_read = bytes_read_;
    line_ += lines;
    pos_ = cut;
    return true;
  }
}

Status CsvReader::ParseChunk(const CsvChunk& chunk, RowBatch* batch) const {
  batch->num_columns = num_selected_;
  batch->lines.clear();
  batch->field_counts.clear();
  batch->unescaped.clear();
  batch->unescaped.reserve(chunk.end - chunk.begin + 1);  // never exceeded: de-quoting only shrinks
  batch->block = chunk.block;
  Status status;
  RecordCursor c{chunk.block->data(), chunk.begin, chunk.end, chunk.first_line, &name_, limits_.max_record_bytes, &status};
  std::vector<std::string_view> scratch(header_.size() + 1);
  while (c.pos < c.end) {
    size_t nfields = 0;
    int64_t record_lines = 0;
    // The chunk ends after a whole record, so reading it as the end of the file changes nothing
    // but what a last chunk (the file's real end) needs.
    if (ParseRecordAt(&c, /*at_eof=*/true, &scratch, &batch->unescaped, &nfields, &record_lines) < 0) return status;
    const int64_t start_line = c.line;  // past any blank lines
    c.line += record_lines;
    if (nfields > 0) AppendRow(scratch, nfields, start_line, batch);
  }
  return Status::Ok();
}

void CsvReader::AppendRow(const std::vector<std::string_view>& record, size_t nfields, int64_t line,
                          RowBatch* batch) const {
  const size_t base = batch->lines.size() * num_selected_;
  // Grown in steps and kept from batch to batch (a resize per row cost 3% of an evaluate, and
  // zeroing the whole vector per batch 10%); so each row's slots are all written here.
  if (base + num_selected_ > batch->fields.size()) batch->fields.resize(std::max(base + num_selected_, batch->fields.size() * 2 + 64));
  if (nfields < select_.size() || selected_present_ < num_selected_)
    std::fill_n(batch->fields.begin() + static_cast<std::ptrdiff_t>(base), num_selected_, std::string_view());
  for (size_t i = 0; i < nfields && i < select_.size(); ++i) {
    int col = select_[i];
    if (col >= 0) batch->fields[base + col] = record[i];
  }
  batch->lines.push_back(line);
  batch->field_counts.push_back(static_cast<uint32_t>(nfields));
}

std::string CsvReader::Sha256Hex() { return digest_; }

void AppendCsvField(std::string* out, std::string_view v) {
  bool quote = v.find_first_of(",\"\r\n") != std::string_view::npos;
  if (!quote) {
    out->append(v);
    return;
  }
  out->push_back('"');
  for (char c : v) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

}  // namespace s1mig::io
