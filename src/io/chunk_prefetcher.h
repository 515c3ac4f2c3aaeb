// Reads (and hashes) a CSV file's next chunks on a thread of its own while the caller parses
// the current one, for files read by one consumer (the reference files; registration.csv of a
// 13M estate is 135 MB, and reading it was 40% of loading it).
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "io/csv_reader.h"

namespace s1mig::io {

class ChunkPrefetcher {
 public:
  // Starts reading at once. `reader` must outlive this and not be used by the caller until
  // Next has returned false (then reader->status() says why).
  explicit ChunkPrefetcher(CsvReader* reader, size_t depth = 4);
  ~ChunkPrefetcher();  // stops the thread, even mid-file
  ChunkPrefetcher(const ChunkPrefetcher&) = delete;
  ChunkPrefetcher& operator=(const ChunkPrefetcher&) = delete;

  // The next chunk, in file order; false at the end of the file or on a read error.
  bool Next(CsvChunk* chunk);

 private:
  void Run();
  CsvReader* reader_;
  const size_t depth_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<CsvChunk> ready_;
  bool done_ = false, stop_ = false;
  std::thread thread_;
};

// The row limit for chunked reading, where rows are counted by the caller in file order:
// `rows_before` rows came before `batch`. The message is the one NextBatch gives.
Status CheckRowLimit(const std::string& name, const CsvLimits& limits, int64_t rows_before, const RowBatch& batch);

}  // namespace s1mig::io
