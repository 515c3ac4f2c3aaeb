// The batch pipeline: a reader thread parses batches and applies the duplicate-id rule in input
// order; worker threads validate and evaluate whole batches; the calling thread hands finished
// batches to the sink in input order. With one thread it all runs inline.
#include "engine/estate_evaluator.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "base/ids.h"
#include "io/table_schema.h"

namespace s1mig::engine {

const io::TableSchema& InventorySchema() {
  static const io::TableSchema kSchema{ColumnNames(), {}};
  return kSchema;
}

namespace {

constexpr size_t kIdColumn = static_cast<size_t>(Column::kInstallationId);

// One batch on its way through the pipeline.
struct Work {
  int64_t seq = 0;
  int64_t first_row = 0;
  io::RowBatch rows;
  std::vector<uint8_t> duplicate;  // the installation_id repeats an earlier row's
  EvaluatedBatch out;
  Diagnostics diags;
  int64_t bytes_read = 0;
};

// DATA.md: an installation_id that repeats an earlier row's is INVALID; the first stays valid.
// Runs in input order. Hashes are computed first and their slots prefetched, since the probes
// are cache misses on a table that grows with the estate.
void MarkDuplicates(DuplicateIds* seen, Work* w) {
  const size_t n = w->rows.rows();
  w->duplicate.assign(n, 0);
  std::vector<uint64_t> hashes(n);
  for (size_t r = 0; r < n; ++r) hashes[r] = DuplicateIds::Hash(w->rows.field(r, kIdColumn));
  constexpr size_t kAhead = 8;
  for (size_t r = 0; r < n; ++r) {
    if (r + kAhead < n) seen->Prefetch(hashes[r + kAhead]);
    std::string_view id = w->rows.field(r, kIdColumn);
    if (!id.empty() && seen->SeenBefore(id, hashes[r])) w->duplicate[r] = 1;
  }
}

// Validates and evaluates one batch under every variant. Touches only `w` and read-only state.
void ProcessBatch(const EstateRunOptions& opt, const ReferenceIndex& ref, size_t header_fields, Work* w) {
  const io::RowBatch& batch = w->rows;
  const size_t n = batch.rows();
  EvaluatedBatch& out = w->out;
  out.rows = &w->rows;
  out.first_row = w->first_row;
  out.installations.resize(n);
  out.invalid_bits.assign(n, 0);
  out.cohort.assign(n, -1);
  out.decisions.resize(opt.variants.size());
  for (auto& d : out.decisions) d.resize(n);
  // Registration Data lookups are cache misses: start them all before the rows need them.
  for (size_t r = 0; r < n; ++r)
    if (auto key = MprnKey(batch.field(r, static_cast<size_t>(Column::kMprn)))) ref.PrefetchRegistration(*key);
  const PreciseInstant as_of{opt.as_of, opt.as_of_nanos};
  RowFacts facts;
  for (size_t r = 0; r < n; ++r) {
    if (batch.field_counts[r] != header_fields) {
      io::AddRowError(&w->diags, opt.display_name, batch.lines[r], "",
                      "the row has " + std::to_string(batch.field_counts[r]) + " fields but the header has " +
                          std::to_string(header_fields) +
                          (batch.field_counts[r] < header_fields ? "; the missing ones are taken as empty" : "; the extra ones are ignored"));
    }
    Installation& inst = out.installations[r];
    uint32_t bits = ValidateRow(batch, r, as_of, opt.validation, &inst, opt.display_name, &w->diags);
    if (w->duplicate[r]) {
      bits |= 1u << static_cast<unsigned>(Column::kInstallationId);
      io::AddRowError(&w->diags, opt.display_name, batch.lines[r], "installation_id",
                      "installation_id '" + std::string(batch.field(r, kIdColumn).substr(0, 60)) + "' repeats an earlier row's");
    }
    out.invalid_bits[r] = bits;
    out.cohort[r] = inst.cohort_known ? static_cast<int8_t>(inst.cohort) : -1;
    if (bits) {
      for (auto& d : out.decisions) d[r] = Decision{Outcome::kInvalid, DisplayClass::kNone, bits};
      continue;
    }
    GatherFacts(inst, ref, as_of, &facts);
    for (size_t v = 0; v < opt.variants.size(); ++v) out.decisions[v][r] = Decide(inst, facts, *opt.variants[v]);
  }
}

// The threaded pipeline's shared state.
class Pipeline {
 public:
  Pipeline(const EstateRunOptions& opt, const ReferenceIndex& ref, io::CsvReader* reader, int threads)
      : opt_(opt), ref_(ref), reader_(reader), threads_(threads), header_fields_(reader->header().size()) {}

  Status Run(Diagnostics* diags, const std::function<Status(const EvaluatedBatch&)>& sink, int64_t* rows) {
    std::thread reader([this] { ReadLoop(); });
    std::vector<std::thread> workers;
    for (int i = 0; i < threads_; ++i) workers.emplace_back([this] { WorkLoop(); });
    Status status;
    int64_t next = 0;
    for (;;) {
      std::unique_ptr<Work> w;
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [&] { return done_.count(next) > 0 || (reader_done_ && next == batches_read_); });
        if (done_.count(next) == 0) break;  // every batch is through
        w = std::move(done_[next]);
        done_.erase(next);
      }
      diags->insert(diags->end(), std::make_move_iterator(w->diags.begin()), std::make_move_iterator(w->diags.end()));
      status = sink(w->out);
      *rows = w->first_row + static_cast<int64_t>(w->rows.rows());
      if (opt_.progress) opt_.progress(*rows, w->bytes_read);
      ++next;
      {
        std::lock_guard<std::mutex> lock(mu_);
        --in_flight_;
        if (!status.ok()) stop_ = true;
      }
      cv_.notify_all();
      if (!status.ok()) break;
    }
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    reader.join();
    for (auto& t : workers) t.join();
    return status;
  }

 private:
  void ReadLoop() {
    DuplicateIds seen;
    int64_t seq = 0, first_row = 0;
    const size_t max_in_flight = static_cast<size_t>(threads_) * 2 + 2;
    for (;;) {
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [&] { return stop_ || in_flight_ < max_in_flight; });
        if (stop_) break;
      }
      auto w = std::make_unique<Work>();
      if (!reader_->NextBatch(&w->rows)) break;
      w->seq = seq++;
      w->first_row = first_row;
      first_row += static_cast<int64_t>(w->rows.rows());
      w->bytes_read = reader_->bytes_read();
      MarkDuplicates(&seen, w.get());
      {
        std::lock_guard<std::mutex> lock(mu_);
        ++in_flight_;
        ++batches_read_;
        queue_.push_back(std::move(w));
      }
      cv_.notify_all();
    }
    std::lock_guard<std::mutex> lock(mu_);
    reader_done_ = true;
    cv_.notify_all();
  }

  void WorkLoop() {
    for (;;) {
      std::unique_ptr<Work> w;
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [&] { return stop_ || !queue_.empty() || reader_done_; });
        if (stop_ || (queue_.empty() && reader_done_)) return;
        w = std::move(queue_.front());
        queue_.pop_front();
      }
      ProcessBatch(opt_, ref_, header_fields_, w.get());
      {
        std::lock_guard<std::mutex> lock(mu_);
        int64_t seq = w->seq;
        done_[seq] = std::move(w);
      }
      cv_.notify_all();
    }
  }

  const EstateRunOptions& opt_;
  const ReferenceIndex& ref_;
  io::CsvReader* reader_;
  const int threads_;
  const size_t header_fields_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::unique_ptr<Work>> queue_;
  std::map<int64_t, std::unique_ptr<Work>> done_;
  size_t in_flight_ = 0;
  int64_t batches_read_ = 0;
  bool reader_done_ = false;
  bool stop_ = false;
};

}  // namespace

Result<EstateRunResult> RunEstate(const EstateRunOptions& opt, const ReferenceIndex& ref, Diagnostics* diags,
                                  const std::function<Status(const EvaluatedBatch&)>& sink) {
  S1MIG_ASSIGN_OR_RETURN(auto reader, io::OpenTable(opt.inventory_path, opt.display_name, InventorySchema(), diags, opt.csv));
  int threads = opt.threads > 0 ? opt.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  threads = std::min(threads, 64);
  EstateRunResult result;
  if (threads == 1) {
    DuplicateIds seen;
    Work w;
    while (reader->NextBatch(&w.rows)) {
      w.diags.clear();
      MarkDuplicates(&seen, &w);
      ProcessBatch(opt, ref, reader->header().size(), &w);
      diags->insert(diags->end(), w.diags.begin(), w.diags.end());
      S1MIG_RETURN_IF_ERROR(sink(w.out));
      w.first_row += static_cast<int64_t>(w.rows.rows());
      if (opt.progress) opt.progress(w.first_row, reader->bytes_read());
    }
    result.rows = w.first_row;
  } else {
    Pipeline pipeline(opt, ref, reader.get(), threads);
    S1MIG_RETURN_IF_ERROR(pipeline.Run(diags, sink, &result.rows));
  }
  S1MIG_RETURN_IF_ERROR(reader->status());
  result.inventory_sha256 = reader->Sha256Hex();
  result.inventory_bytes = reader->bytes_read();
  return result;
}

}  // namespace s1mig::engine
