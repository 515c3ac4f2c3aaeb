// A streaming RFC 4180 CSV reader (DATA.md): BOM, LF/CRLF/CR endings, quoted fields holding
// commas, doubled quotes and line breaks. It reads fixed-size blocks and hands out batches of
// rows whose fields are views into the block (copied only when a field had doubled quotes), so
// a 13M-row file streams in bounded memory with no allocation per row.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/sha256.h"
#include "base/status.h"

namespace s1mig::io {

struct CsvLimits {
  size_t max_record_bytes = 1 << 20;   // one record (all its lines); larger stops the read
  int64_t max_rows = 100'000'000;      // data rows per file
  size_t block_bytes = 4 << 20;        // read size; grows up to max_record_bytes for long records
};

// Rows of one block. Field (r, c) is the c-th *selected* column of row r (see CsvReader::Select).
// Views stay valid while the batch is alive. Not thread-safe for writing; reading is.
struct RowBatch {
  size_t num_columns = 0;
  std::vector<std::string_view> fields;  // row-major; at least rows * num_columns (more after ParseChunk)
  std::vector<int64_t> lines;            // physical line (1-based, header = 1) where each row starts
  std::vector<uint32_t> field_counts;    // fields each row really had (for count mismatches)
  std::shared_ptr<std::string> block;    // owns the bytes the views point into
  std::string unescaped;                 // owns de-quoted copies; capacity fixed before use

  size_t rows() const { return lines.size(); }
  std::string_view field(size_t row, size_t col) const { return fields[row * num_columns + col]; }
};

// A run of whole records cut from the file by CsvReader::NextChunk, for ParseChunk to parse on
// any thread. Views into `block` stay valid while the chunk (or a batch parsed from it) lives.
struct CsvChunk {
  std::shared_ptr<std::string> block;
  size_t begin = 0, end = 0;  // the records' bytes within *block
  int64_t first_line = 1;     // physical line at `begin`
  int64_t bytes_read = 0;     // bytes of the file read when the chunk was cut (for progress)
};

class CsvReader {
 public:
  // Opens `path` and reads the header row. `display_name` is used in messages (e.g.
  // "snapshot/inventory.csv"). Errors: the file cannot be opened or read, or has no header.
  static Result<std::unique_ptr<CsvReader>> Open(const std::string& path, std::string display_name,
                                                 CsvLimits limits = {});
  ~CsvReader();

  const std::vector<std::string>& header() const { return header_; }
  const std::string& name() const { return name_; }

  // Chooses which header columns a batch holds, in order: names[i] -> batch column i. A name not
  // in the header gives an empty field. Returns the header index of each name (-1 if absent).
  std::vector<int> Select(const std::vector<std::string>& names);

  // Fills *batch with the next rows (at least one unless the file is done). Returns false at end
  // of file or on error; then status() tells which. Blank lines are skipped.
  bool NextBatch(RowBatch* batch);
  const Status& status() const { return status_; }

  // Chunked reading, so that records can be parsed on several threads. NextChunk cuts the next
  // run of whole records (false at end of file or on error; then status() tells which). It finds
  // record ends without parsing when a block holds no quote, and by parsing when it does.
  // ParseChunk parses a chunk into *batch exactly as NextBatch would, on any thread (it only
  // reads the reader's settings). The row limit is left to the caller, who sees rows in order.
  // Use either NextBatch or NextChunk on one reader, not both.
  bool NextChunk(CsvChunk* chunk);
  Status ParseChunk(const CsvChunk& chunk, RowBatch* batch) const;
  const CsvLimits& limits() const { return limits_; }

  // SHA-256 of every byte of the file; valid once NextBatch has returned false with ok status.
  std::string Sha256Hex();
  int64_t rows_read() const { return rows_read_; }
  int64_t bytes_read() const { return bytes_read_; }

 private:
  CsvReader(FILE* f, std::string name, CsvLimits limits);
  bool Fill();  // reads more bytes into block_ after the carried-over tail
  // Parses one record at pos_; returns 1 ok, 0 need more data, -1 error.
  // The end of the last whole record in [pos_, end_) (0 when none) and the lines before it.
  size_t FindRecordBoundary(int64_t* lines);
  // Adds one parsed record to *batch as its selected columns.
  void AppendRow(const std::vector<std::string_view>& record, size_t nfields, int64_t line, RowBatch* batch) const;
  int ParseRecord(bool at_eof, std::vector<std::string_view>* out_fields, std::string* unescaped,
                  size_t* nfields, int64_t* record_lines);

  FILE* file_;
  std::string name_;
  CsvLimits limits_;
  std::vector<std::string> header_;
  std::vector<int> select_;  // header index -> batch column or -1
  size_t num_selected_ = 0;
  size_t selected_present_ = 0;  // selected names found in the header
  std::shared_ptr<std::string> block_;
  static constexpr size_t kMaxPooledBlocks = 16;
  std::vector<std::shared_ptr<std::string>> pool_;  // blocks to reuse once no batch holds them
  size_t pos_ = 0, end_ = 0;
  bool eof_ = false;
  int64_t line_ = 1;  // physical line at pos_
  int64_t rows_read_ = 0, bytes_read_ = 0;
  Sha256 hash_;
  std::string digest_;
  Status status_;
  std::vector<std::string_view> scratch_fields_;
  std::string scan_unescaped_;  // FindRecordBoundary's throwaway de-quoted copies
};

// Writes `value` as one CSV field, quoting it when it holds a comma, quote, CR or LF.
void AppendCsvField(std::string* out, std::string_view value);

}  // namespace s1mig::io
