// A reader thread a few chunks ahead of a single consumer.
#include "io/chunk_prefetcher.h"

namespace s1mig::io {

ChunkPrefetcher::ChunkPrefetcher(CsvReader* reader, size_t depth)
    : reader_(reader), depth_(depth < 1 ? 1 : depth), thread_([this] { Run(); }) {}

ChunkPrefetcher::~ChunkPrefetcher() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void ChunkPrefetcher::Run() {
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [&] { return stop_ || ready_.size() < depth_; });
      if (stop_) break;
    }
    CsvChunk chunk;
    const bool more = reader_->NextChunk(&chunk);
    std::lock_guard<std::mutex> lock(mu_);
    if (!more) break;
    ready_.push_back(std::move(chunk));
    cv_.notify_all();
  }
  std::lock_guard<std::mutex> lock(mu_);
  done_ = true;
  cv_.notify_all();
}

bool ChunkPrefetcher::Next(CsvChunk* chunk) {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [&] { return !ready_.empty() || done_; });
  if (ready_.empty()) return false;
  *chunk = std::move(ready_.front());
  ready_.pop_front();
  cv_.notify_all();
  return true;
}

Status CheckRowLimit(const std::string& name, const CsvLimits& limits, int64_t rows_before, const RowBatch& batch) {
  if (rows_before + static_cast<int64_t>(batch.rows()) <= limits.max_rows) return Status::Ok();
  return InvalidArgument(name + ":" + std::to_string(batch.lines[static_cast<size_t>(limits.max_rows - rows_before)]) +
                         ": more than " + std::to_string(limits.max_rows) + " rows (the row limit)");
}

}  // namespace s1mig::io
