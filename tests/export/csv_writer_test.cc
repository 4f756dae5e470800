// CSV export: byte layout, quoting, formula neutralisation and atomic replacement.
#include <sys/resource.h>
#include <sys/stat.h>

#include <csignal>

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "adempauze/export/writers.h"
#include "export/export_test_util.h"

namespace adempauze::exports {
namespace {

using testing::ReadAll;
using testing::TempDir;
using testing::WriteAll;

constexpr std::string_view kBom = "\xEF\xBB\xBF";

Table OneColumn(std::string value) {
  Table table;
  table.header = {"waarde"};
  table.rows.push_back({Cell::Text(std::move(value))});
  return table;
}

// The CSV bytes after the BOM and the header record.
std::string BodyOf(const Table& table) {
  auto bytes = CsvBytes(table);
  EXPECT_TRUE(bytes.ok());
  std::string prefix = std::string(kBom) + "waarde\r\n";
  EXPECT_EQ(bytes->substr(0, prefix.size()), prefix);
  return bytes->substr(prefix.size());
}

TEST(CsvWriter, StartsWithByteOrderMark) {
  auto bytes = CsvBytes(OneColumn("x"));
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(bytes->substr(0, 3), kBom);
}

TEST(CsvWriter, EndsEveryRecordWithCrlf) {
  Table table;
  table.header = {"a", "b"};
  table.rows.push_back({Cell::Text("1"), Cell::Text("2")});
  table.rows.push_back({Cell::Text("3"), Cell::Text("")});
  auto bytes = CsvBytes(table);
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(*bytes, std::string(kBom) + "a;b\r\n1;2\r\n3;\r\n");
}

TEST(CsvWriter, QuotesOnlyFieldsThatNeedIt) {
  struct Case {
    std::string value;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"2026/000101", "2026/000101"},
      {"a;b", "\"a;b\""},
      {"zegt \"ja\"", "\"zegt \"\"ja\"\"\""},
      {"regel\nvolgende", "\"regel\nvolgende\""},
      {"regel\rvolgende", "\"regel\rvolgende\""},
      {"komma, blijft", "komma, blijft"},
      {"cliënt OCMW", "cliënt OCMW"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(BodyOf(OneColumn(c.value)), c.expected + "\r\n") << c.value;
  }
}

TEST(CsvWriter, NeutralisesEachFormulaLead) {
  struct Case {
    std::string value;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"=1+1", "'=1+1"},
      {"+32 9 999", "'+32 9 999"},
      {"-5", "'-5"},
      {"@SUM(A1)", "'@SUM(A1)"},
      {"\tcmd", "'\tcmd"},
      // A carriage return still forces quotes after the apostrophe.
      {"\rcmd", "\"'\rcmd\""},
      {"=HYPERLINK(\"http://x\";\"klik\")", "\"'=HYPERLINK(\"\"http://x\"\";\"\"klik\"\")\""},
      {"a=b", "a=b"},
      {"'al", "'al"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(BodyOf(OneColumn(c.value)), c.expected + "\r\n") << c.value;
  }
}

TEST(CsvWriter, NeutralisesHeaders) {
  Table table;
  table.header = {"=kop"};
  auto bytes = CsvBytes(table);
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(*bytes, std::string(kBom) + "'=kop\r\n");
}

TEST(CsvWriter, WritesDatesAsIso) {
  Table table;
  table.header = {"datum", "leeg"};
  table.rows.push_back({Cell::Date({2026, 3, 1}), Cell::OptionalDate(std::nullopt)});
  auto bytes = CsvBytes(table);
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(*bytes, std::string(kBom) + "datum;leeg\r\n2026-03-01;\r\n");
}

TEST(CsvWriter, RejectsRowOfWrongWidth) {
  Table table;
  table.header = {"a", "b"};
  table.rows.push_back({Cell::Text("1"), Cell::Text("2")});
  table.rows.push_back({Cell::Text("3")});
  auto bytes = CsvBytes(table);
  ASSERT_FALSE(bytes.ok());
  EXPECT_EQ(bytes.error().message_key, "export.table.shape");
  EXPECT_EQ(bytes.error().args, (std::vector<std::string>{"2", "1", "2"}));
}

TEST(CsvWriter, RejectsTableWithoutHeader) {
  auto bytes = CsvBytes(Table{});
  ASSERT_FALSE(bytes.ok());
  EXPECT_EQ(bytes.error().message_key, "export.table.no_header");
}

TEST(CsvWriter, FileHoldsCsvBytes) {
  TempDir dir;
  Table table = OneColumn("=gevaar;\"quote\"");
  for (int i = 0; i < 5000; ++i) table.rows.push_back({Cell::Text("2026/" + std::to_string(i))});
  const auto file = dir.path() / "schorsen.csv";

  Status status = WriteCsv(table, file);

  ASSERT_TRUE(status.ok()) << status.error().Render(Language::kEnglish);
  EXPECT_EQ(ReadAll(file), *CsvBytes(table));
}

TEST(CsvWriter, CreatesFileReadableByOwnerOnly) {
  TempDir dir;
  const auto file = dir.path() / "schorsen.csv";
  ASSERT_TRUE(WriteCsv(OneColumn("x"), file).ok());
  struct stat info {};
  ASSERT_EQ(::stat(file.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
}

TEST(CsvWriter, ReplacesExistingFile) {
  TempDir dir;
  const auto file = dir.path() / "schorsen.csv";
  WriteAll(file, "oude inhoud die langer is dan de nieuwe export");
  ASSERT_TRUE(WriteCsv(OneColumn("x"), file).ok());
  EXPECT_EQ(ReadAll(file), std::string(kBom) + "waarde\r\nx\r\n");
}

TEST(CsvWriter, MissingDirectoryIsIoErrorWithoutLeftovers) {
  TempDir dir;
  const auto file = dir.path() / "bestaat-niet" / "schorsen.csv";

  Status status = WriteCsv(OneColumn("x"), file);

  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kIo);
  EXPECT_EQ(status.error().message_key, "export.file.create_failed");
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(CsvWriter, InvalidTableLeavesExistingFileAlone) {
  TempDir dir;
  const auto file = dir.path() / "schorsen.csv";
  WriteAll(file, "vorige export");
  Table table;
  table.header = {"a", "b"};
  table.rows.push_back({Cell::Text("1")});

  EXPECT_FALSE(WriteCsv(table, file).ok());

  EXPECT_EQ(ReadAll(file), "vorige export");
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()),
                          std::filesystem::directory_iterator()),
            1);
}

// Lowers the process's file size limit for one scope, so writes past it fail with EFBIG
// the way they fail on a full disk. SIGXFSZ is ignored meanwhile, else it ends the process.
class FileSizeLimit {
 public:
  explicit FileSizeLimit(rlim_t bytes) {
    ::getrlimit(RLIMIT_FSIZE, &saved_);
    previous_handler_ = std::signal(SIGXFSZ, SIG_IGN);
    rlimit lowered = saved_;
    lowered.rlim_cur = bytes;
    ::setrlimit(RLIMIT_FSIZE, &lowered);
  }
  ~FileSizeLimit() {
    ::setrlimit(RLIMIT_FSIZE, &saved_);
    std::signal(SIGXFSZ, previous_handler_);
  }

 private:
  rlimit saved_{};
  void (*previous_handler_)(int) = nullptr;
};

TEST(CsvWriter, FailedWriteKeepsPreviousFile) {
  TempDir dir;
  const auto file = dir.path() / "schorsen.csv";
  WriteAll(file, "vorige export");
  Table table = OneColumn("x");
  for (int i = 0; i < 20000; ++i) table.rows.push_back({Cell::Text("2026/" + std::to_string(i))});

  Status status;
  {
    FileSizeLimit limit(4096);
    status = WriteCsv(table, file);
  }

  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kIo);
  EXPECT_EQ(status.error().message_key, "export.file.write_failed");
  EXPECT_EQ(ReadAll(file), "vorige export");
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()),
                          std::filesystem::directory_iterator()),
            1);
}

}  // namespace
}  // namespace adempauze::exports
