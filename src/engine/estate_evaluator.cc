// The chunk pipeline: a reader thread reads the file and cuts it into chunks of whole records;
// worker threads parse, validate and evaluate whole chunks; the calling thread applies the
// duplicate-id rule and hands finished batches to the sink, in input order. With one thread it
// all runs inline.
#include "engine/estate_evaluator.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include <sys/stat.h>

#include "base/ids.h"
#include "base/text.h"
#include "io/chunk_prefetcher.h"
#include "io/table_schema.h"

namespace s1mig::engine {

const io::TableSchema& InventorySchema() {
  static const io::TableSchema kSchema{ColumnNames(), {}};
  return kSchema;
}

namespace {

constexpr size_t kIdColumn = static_cast<size_t>(Column::kInstallationId);

// One chunk of the file on its way through the pipeline.
struct Work {
  int64_t seq = 0;
  io::CsvChunk chunk;
  io::RowBatch rows;
  Status status;                   // the chunk's parse error, if any
  std::vector<uint64_t> id_hashes; // DuplicateIds::Hash of each row's id, 0 when empty
  std::vector<uint32_t> diag_end;  // diags.size() once row r's problems are in
  std::vector<int32_t> registered_gt;  // RegisteredTransporter of each row's MPRN, looked up first
  EvaluatedBatch out;
  Diagnostics diags;
};

// Validates and evaluates one batch under every variant. Touches only `w` and read-only state.
// The duplicate-id rule needs every earlier row, so it is left to FinishInOrder.
void ProcessBatch(const EstateRunOptions& opt, const ReferenceIndex& ref, size_t header_fields, Work* w) {
  const io::RowBatch& batch = w->rows;
  const size_t n = batch.rows();
  EvaluatedBatch& out = w->out;
  out.rows = &w->rows;
  out.installations.resize(n);
  out.invalid_bits.assign(n, 0);
  out.cohort.assign(n, -1);
  out.decisions.resize(opt.variants.size());
  for (auto& d : out.decisions) d.resize(n);
  w->diag_end.resize(n);
  w->id_hashes.resize(n);
  for (size_t r = 0; r < n; ++r) {
    std::string_view id = batch.field(r, kIdColumn);
    w->id_hashes[r] = id.empty() ? 0 : DuplicateIds::Hash(id);
  }
  // Registration Data lookups are cache misses on a table that grows with the estate. Made
  // one after another in a tight loop the CPU overlaps them (45 ns each at 13M); made inside
  // each row's work, even with prefetching, they cost 0.7 us each and a quarter of the CPU
  // time (docs/design.md).
  std::vector<int32_t>& registered = w->registered_gt;
  registered.resize(n);
  for (size_t r = 0; r < n; ++r) {
    auto key = MprnKey(batch.field(r, static_cast<size_t>(Column::kMprn)));
    registered[r] = key ? ref.RegisteredTransporter(*key) : -1;
  }
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
    w->diag_end[r] = static_cast<uint32_t>(w->diags.size());
    out.invalid_bits[r] = bits;
    out.cohort[r] = inst.cohort_known ? static_cast<int8_t>(inst.cohort) : -1;
    if (bits) {
      for (auto& d : out.decisions) d[r] = Decision{Outcome::kInvalid, DisplayClass::kNone, bits};
      continue;
    }
    GatherFacts(inst, ref, as_of, &facts, &registered[r]);
    for (size_t v = 0; v < opt.variants.size(); ++v) out.decisions[v][r] = Decide(inst, facts, *opt.variants[v]);
  }
}

// What FinishInOrder carries from one chunk to the next.
struct InOrderState {
  DuplicateIds seen;
  int64_t rows = 0;
  bool reserved = false;
  int64_t file_bytes = 0;
};

// Runs in input order: the row limit, then DATA.md's duplicate rule (an installation_id that
// repeats an earlier row's is INVALID; the first stays valid), then the problems go to *diags.
Status FinishInOrder(const EstateRunOptions& opt, const io::CsvLimits& limits, InOrderState* st, Work* w,
                     Diagnostics* diags) {
  S1MIG_RETURN_IF_ERROR(w->status);
  const size_t n = w->rows.rows();
  S1MIG_RETURN_IF_ERROR(io::CheckRowLimit(opt.display_name, limits, st->rows, w->rows));
  if (!st->reserved && n > 0) {
    // Size the id table once from the first chunk's bytes per row, not by doubling.
    st->reserved = true;
    const double per_row = static_cast<double>(w->chunk.end - w->chunk.begin) / static_cast<double>(n);
    const double expect = std::min(static_cast<double>(st->file_bytes) / per_row * 1.05, static_cast<double>(limits.max_rows));
    if (expect > 0) st->seen.Reserve(static_cast<size_t>(expect), w->rows.field(0, kIdColumn).size());
  }
  w->out.first_row = st->rows;
  st->rows += static_cast<int64_t>(n);
  std::vector<uint32_t> dups;
  constexpr size_t kAhead = 8;  // the probes are cache misses on a table that grows with the estate
  for (size_t r = 0; r < n; ++r) {
    if (r + kAhead < n && w->id_hashes[r + kAhead]) st->seen.Prefetch(w->id_hashes[r + kAhead]);
    if (w->id_hashes[r] && st->seen.SeenBefore(w->rows.field(r, kIdColumn), w->id_hashes[r])) dups.push_back(static_cast<uint32_t>(r));
  }
  if (dups.empty()) {
    diags->insert(diags->end(), std::make_move_iterator(w->diags.begin()), std::make_move_iterator(w->diags.end()));
    return Status::Ok();
  }
  // Each repeat's problem follows the row's other problems.
  size_t from = 0;
  for (uint32_t r : dups) {
    const size_t to = w->diag_end[r];
    diags->insert(diags->end(), std::make_move_iterator(w->diags.begin() + from), std::make_move_iterator(w->diags.begin() + to));
    from = to;
    io::AddRowError(diags, opt.display_name, w->rows.lines[r], "installation_id",
                    "installation_id '" + std::string(Utf8Prefix(w->rows.field(r, kIdColumn), 60)) + "' repeats an earlier row's");
    const uint32_t bits = w->out.invalid_bits[r] | (1u << static_cast<unsigned>(Column::kInstallationId));
    w->out.invalid_bits[r] = bits;
    for (auto& d : w->out.decisions) d[r] = Decision{Outcome::kInvalid, DisplayClass::kNone, bits};
  }
  diags->insert(diags->end(), std::make_move_iterator(w->diags.begin() + from), std::make_move_iterator(w->diags.end()));
  return Status::Ok();
}

// The threaded pipeline: a reader thread cuts chunks; workers parse, validate and evaluate them;
// the calling thread finishes them in input order and hands them to the sink.
class Pipeline {
 public:
  Pipeline(const EstateRunOptions& opt, const ReferenceIndex& ref, io::CsvReader* reader, int threads)
      : opt_(opt), ref_(ref), reader_(reader), threads_(threads), header_fields_(reader->header().size()) {}

  Status Run(InOrderState* st, Diagnostics* diags, const std::function<Status(const EvaluatedBatch&)>& sink) {
    std::thread reader([this] { ReadLoop(); });
    std::vector<std::thread> workers;
    for (int i = 0; i < threads_; ++i) workers.emplace_back([this] { WorkLoop(); });
    Status status;
    int64_t next = 0;
    for (;;) {
      std::unique_ptr<Work> w;
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [&] { return done_.count(next) > 0 || (reader_done_ && next == chunks_read_); });
        if (done_.count(next) == 0) break;  // every chunk is through
        w = std::move(done_[next]);
        done_.erase(next);
      }
      status = FinishInOrder(opt_, reader_->limits(), st, w.get(), diags);
      if (status.ok()) status = sink(w->out);
      if (status.ok() && opt_.progress) opt_.progress(st->rows, w->chunk.bytes_read);
      ++next;
      // Recycled with its vectors' memory: fresh ones per chunk cost page faults and zeroing
      // (a quarter of the CPU time). The block goes back to the reader's pool.
      w->chunk.block.reset();
      w->rows.block.reset();
      w->diags.clear();
      {
        std::lock_guard<std::mutex> lock(mu_);
        free_.push_back(std::move(w));
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
    int64_t seq = 0;
    const size_t max_in_flight = static_cast<size_t>(threads_) * 2 + 2;
    for (;;) {
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [&] { return stop_ || in_flight_ < max_in_flight; });
        if (stop_) break;
      }
      std::unique_ptr<Work> w;
      {
        std::lock_guard<std::mutex> lock(mu_);
        if (!free_.empty()) {
          w = std::move(free_.back());
          free_.pop_back();
        }
      }
      if (!w) w = std::make_unique<Work>();
      if (!reader_->NextChunk(&w->chunk)) break;
      w->seq = seq++;
      {
        std::lock_guard<std::mutex> lock(mu_);
        ++in_flight_;
        ++chunks_read_;
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
      w->status = reader_->ParseChunk(w->chunk, &w->rows);
      if (w->status.ok()) ProcessBatch(opt_, ref_, header_fields_, w.get());
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
  std::vector<std::unique_ptr<Work>> free_;  // finished Work to reuse
  size_t in_flight_ = 0;
  int64_t chunks_read_ = 0;
  bool reader_done_ = false;
  bool stop_ = false;
};

}  // namespace

Result<EstateRunResult> RunEstate(const EstateRunOptions& opt, const ReferenceIndex& ref, Diagnostics* diags,
                                  const std::function<Status(const EvaluatedBatch&)>& sink) {
  S1MIG_ASSIGN_OR_RETURN(auto reader, io::OpenTable(opt.inventory_path, opt.display_name, InventorySchema(), diags, opt.csv));
  int threads = opt.threads > 0 ? opt.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  threads = std::min(threads, 64);
  InOrderState st;
  struct stat file;
  if (::stat(opt.inventory_path.c_str(), &file) == 0 && S_ISREG(file.st_mode)) st.file_bytes = file.st_size;
  if (threads == 1) {
    Work w;
    while (reader->NextChunk(&w.chunk)) {
      w.diags.clear();
      w.status = reader->ParseChunk(w.chunk, &w.rows);
      if (w.status.ok()) ProcessBatch(opt, ref, reader->header().size(), &w);
      S1MIG_RETURN_IF_ERROR(FinishInOrder(opt, reader->limits(), &st, &w, diags));
      S1MIG_RETURN_IF_ERROR(sink(w.out));
      if (opt.progress) opt.progress(st.rows, w.chunk.bytes_read);
    }
  } else {
    Pipeline pipeline(opt, ref, reader.get(), threads);
    S1MIG_RETURN_IF_ERROR(pipeline.Run(&st, diags, sink));
  }
  S1MIG_RETURN_IF_ERROR(reader->status());
  EstateRunResult result;
  result.rows = st.rows;
  result.inventory_sha256 = reader->Sha256Hex();
  result.inventory_bytes = reader->bytes_read();
  return result;
}

}  // namespace s1mig::engine
