// Tests for the streaming CSV reader: BOM, CRLF, RFC 4180 quoting, block boundaries, errors.
#include "io/csv_reader.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "base/temp_path.h"
#include "io/table_schema.h"

namespace s1mig::io {
namespace {

std::string WriteTemp(const std::string& content) {
  std::string name = MakeTempFile("s1mig_csv_");
  EXPECT_FALSE(name.empty());
  std::ofstream(name, std::ios::binary) << content;
  return name;
}

struct Parsed {
  std::vector<std::vector<std::string>> rows;
  std::vector<int64_t> lines;
  Status status;
};

// Reads every row, with NextBatch or (chunked) with NextChunk + ParseChunk.
Parsed ReadAll(const std::string& content, std::vector<std::string> columns, size_t block = 4 << 20,
               bool chunked = false, size_t max_record = 1 << 20) {
  std::string path = WriteTemp(content);
  CsvLimits limits;
  limits.block_bytes = block;
  limits.max_record_bytes = max_record;
  Parsed p;
  auto r = CsvReader::Open(path, "t.csv", limits);
  if (!r.ok()) {
    p.status = r.status();
    return p;
  }
  (*r)->Select(columns);
  RowBatch b;
  CsvChunk chunk;
  auto next = [&]() -> bool {
    if (!chunked) return (*r)->NextBatch(&b);
    if (!(*r)->NextChunk(&chunk)) return false;
    Status parsed = (*r)->ParseChunk(chunk, &b);
    if (!parsed.ok()) {
      p.status = parsed;
      return false;
    }
    return true;
  };
  while (next()) {
    for (size_t i = 0; i < b.rows(); ++i) {
      std::vector<std::string> row;
      for (size_t c = 0; c < columns.size(); ++c) row.emplace_back(b.field(i, c));
      p.rows.push_back(row);
      p.lines.push_back(b.lines[i]);
    }
  }
  if (p.status.ok()) p.status = (*r)->status();
  std::remove(path.c_str());
  return p;
}

const char kQuirky[] =
    "\xEF\xBB\xBF" "id,note,n\r\n"
    "a,\"x, y\",1\r\n"
    "b,\"say \"\"hi\"\"\",2\r\n"
    "c,\"two\r\nlines\",3\r\n"
    "\r\n"
    "d,,\n"
    "e,last,5";

TEST(CsvReader, QuirksAndLineNumbers) {
  Parsed p = ReadAll(kQuirky, {"id", "note", "n"});
  ASSERT_TRUE(p.status.ok()) << p.status.message();
  ASSERT_EQ(p.rows.size(), 5u);
  EXPECT_EQ(p.rows[0], (std::vector<std::string>{"a", "x, y", "1"}));
  EXPECT_EQ(p.rows[1], (std::vector<std::string>{"b", "say \"hi\"", "2"}));
  EXPECT_EQ(p.rows[2], (std::vector<std::string>{"c", "two\r\nlines", "3"}));
  EXPECT_EQ(p.rows[3], (std::vector<std::string>{"d", "", ""}));
  EXPECT_EQ(p.rows[4], (std::vector<std::string>{"e", "last", "5"}));
  EXPECT_EQ(p.lines, (std::vector<int64_t>{2, 3, 4, 7, 8}));
}

TEST(CsvReader, TinyBlocksGiveTheSameRows) {
  Parsed big = ReadAll(kQuirky, {"n", "id", "note"});
  for (size_t block : {1, 2, 3, 5, 7, 11, 16}) {
    Parsed small = ReadAll(kQuirky, {"n", "id", "note"}, block);
    ASSERT_TRUE(small.status.ok()) << block << ": " << small.status.message();
    EXPECT_EQ(small.rows, big.rows) << block;
    EXPECT_EQ(small.lines, big.lines) << block;
  }
}

// Chunked reading (record ends found without parsing when a block holds no quote, by parsing
// when it does) gives exactly the rows, lines and errors of sequential reading.
TEST(CsvReader, ChunksGiveTheSameRowsLinesAndErrors) {
  const std::vector<std::string> contents = {
      kQuirky,
      "id,note,n\na,b,c\nd,e,f\n",
      "id,note,n\ra,b,c\r\rd,e,f\r",                       // CR line ends, a blank line
      "id,note,n\r\na,b,c\r\n\r\nd,e,f",                  // CRLF, no final line end
      "id,note,n\na\"b,c\"d,e\nf,\"g\nh\"tail,i\n\n\n",       // quotes inside unquoted fields; text after a closing quote
      "id,note,n\nx,\"a\r\nb\rc\nd\",1\n\"\"\"q\"\"\",,\n",        // line breaks of every kind inside quotes
      "id,note,n\na,b\nc,d,e,f\n,\n",                        // too few and too many fields
      "id,note,n\na,ok,1\nb,\"never closed\nmore\n",         // error: quote not closed
      "id,note,n\na,b,c\n" + std::string(70, 'x') + "\nd,e,f\n",  // error: a record over the limit
      "id,note,n\na,b,c\n\"" + std::string(70, 'x') + "\"\nd,e,f\n",
  };
  for (size_t k = 0; k < contents.size(); ++k) {
    for (size_t block : {1, 2, 3, 5, 7, 11, 16, 64, 4096}) {
      Parsed want = ReadAll(contents[k], {"n", "id", "note"}, block, false, 60);
      Parsed got = ReadAll(contents[k], {"n", "id", "note"}, block, true, 60);
      EXPECT_EQ(got.rows, want.rows) << "content " << k << " block " << block;
      EXPECT_EQ(got.lines, want.lines) << "content " << k << " block " << block;
      EXPECT_EQ(got.status.message(), want.status.message()) << "content " << k << " block " << block;
      EXPECT_EQ(want.status.ok(), k < 7) << "content " << k << " block " << block;
    }
  }
}

// Many chunks of many lines each: the line count carried from chunk to chunk (a vector count
// summed every 255 rounds of 16 bytes) keeps every row's line number right.
TEST(CsvReader, ChunkLineNumbersOverLongFiles) {
  for (const char* eol : {"\n", "\r\n", "\r"}) {
    std::string text = std::string("id,note,n") + eol;
    for (int i = 0; i < 20000; ++i) {
      text += std::to_string(i) + ",x" + std::to_string(i % 7) + "," + std::to_string(i % 3) + eol;
      if (i % 97 == 0) text += eol;  // a blank line now and then
    }
    for (size_t block : {100, 5000, 8192, 70000}) {
      Parsed want = ReadAll(text, {"id", "note", "n"}, block, false);
      Parsed got = ReadAll(text, {"id", "note", "n"}, block, true);
      ASSERT_TRUE(got.status.ok()) << got.status.message();
      EXPECT_EQ(got.rows.size(), 20000u);
      EXPECT_EQ(got.rows, want.rows) << block;
      EXPECT_EQ(got.lines, want.lines) << block;
      EXPECT_EQ(got.lines.back(), 1 + 20000 + (19999 / 97 + 1)) << block;  // header, rows, blank lines
    }
  }
}

TEST(CsvReader, ColumnsByNameAnyOrderAndMissing) {
  Parsed p = ReadAll("b,a\n1,2\n", {"a", "b", "c"});
  ASSERT_EQ(p.rows.size(), 1u);
  EXPECT_EQ(p.rows[0], (std::vector<std::string>{"2", "1", ""}));
}

TEST(CsvReader, UnclosedQuoteIsAnErrorNamingTheLine) {
  Parsed p = ReadAll("id,note\na,ok\nb,\"never closed\nmore\n", {"id", "note"});
  ASSERT_FALSE(p.status.ok());
  EXPECT_NE(p.status.message().find("t.csv:3"), std::string::npos) << p.status.message();
  EXPECT_NE(p.status.message().find("not closed"), std::string::npos);
}

TEST(CsvReader, EmptyFileHasNoHeader) {
  Parsed p = ReadAll("", {"id"});
  ASSERT_FALSE(p.status.ok());
  EXPECT_NE(p.status.message().find("no header"), std::string::npos);
}

TEST(CsvReader, TrailingCommaAtEndOfFileIsAnEmptyField) {
  Parsed p = ReadAll("a,b\n1,", {"a", "b"});
  ASSERT_EQ(p.rows.size(), 1u);
  EXPECT_EQ(p.rows[0], (std::vector<std::string>{"1", ""}));
}

TEST(CsvReader, RecordLimit) {
  std::string path = WriteTemp("a\n" + std::string(100, 'x') + "\n");
  CsvLimits limits;
  limits.max_record_bytes = 50;
  limits.block_bytes = 16;
  auto r = CsvReader::Open(path, "t.csv", limits);
  ASSERT_TRUE(r.ok());
  (*r)->Select({"a"});
  RowBatch b;
  while ((*r)->NextBatch(&b)) {
  }
  EXPECT_FALSE((*r)->status().ok());
  EXPECT_NE((*r)->status().message().find("limit"), std::string::npos);
  std::remove(path.c_str());
}

TEST(TableSchema, MissingRequiredColumnAndUnknownWarning) {
  std::string path = WriteTemp("a,zzz\n1,2\n");
  Diagnostics d;
  auto r = OpenTable(path, "x.csv", TableSchema{{"a", "b"}, {}}, &d);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("x.csv:1: missing required column 'b'"), std::string::npos);
  auto ok = OpenTable(path, "x.csv", TableSchema{{"a"}, {}}, &d);
  ASSERT_TRUE(ok.ok());
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].severity, Severity::kWarning);
  EXPECT_EQ(d[0].column, "zzz");
  std::remove(path.c_str());
}

TEST(AppendCsvField, QuotesOnlyWhenNeeded) {
  std::string out;
  AppendCsvField(&out, "plain");
  out += '|';
  AppendCsvField(&out, "a,\"b\"\nc");
  EXPECT_EQ(out, "plain|\"a,\"\"b\"\"\nc\"");
}

}  // namespace
}  // namespace s1mig::io
