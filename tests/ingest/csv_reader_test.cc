// CsvReader and DetectCsvDelimiter on texts in memory.
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "adempauze/ingest/csv_reader.h"

namespace adempauze::ingest {
namespace {

struct ReadRecord {
  std::size_t number;
  std::size_t line;
  std::vector<std::string> fields;
  bool malformed;
};

std::vector<ReadRecord> ReadAll(std::string text, char delimiter, bool* unterminated = nullptr) {
  CsvReader reader(text.data(), text.size(), delimiter);
  std::vector<ReadRecord> records;
  CsvRecord record;
  while (reader.Next(&record)) {
    records.push_back({record.number, record.line,
                       std::vector<std::string>(record.fields.begin(), record.fields.end()),
                       record.malformed_quotes});
  }
  if (unterminated != nullptr) *unterminated = reader.unterminated_quote();
  return records;
}

using Fields = std::vector<std::string>;

TEST(CsvReader, SplitsOnSemicolon) {
  auto records = ReadAll("a;b;c\n1;2;3\n", ';');
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].fields, (Fields{"a", "b", "c"}));
  EXPECT_EQ(records[1].fields, (Fields{"1", "2", "3"}));
}

TEST(CsvReader, QuotedFieldKeepsDelimiter) {
  auto records = ReadAll("\"Janssens; Jan\";2\n", ';');
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].fields, (Fields{"Janssens; Jan", "2"}));
}

TEST(CsvReader, DoubledQuotesBecomeOne) {
  auto records = ReadAll("\"De \"\"Kroon\"\"\",x\n", ',');
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].fields, (Fields{"De \"Kroon\"", "x"}));
}

TEST(CsvReader, EmbeddedNewlineKeepsRecordNumbers) {
  auto records = ReadAll("h1;h2\n\"Kerkstraat\n12\";a\nlast;b\n", ';');
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[1].fields[0], "Kerkstraat\n12");
  EXPECT_EQ(records[1].number, 2u);
  EXPECT_EQ(records[1].line, 2u);
  EXPECT_EQ(records[2].number, 3u);
  EXPECT_EQ(records[2].line, 4u);  // the physical line moved on, the record number did not
}

TEST(CsvReader, CrlfLineEnds) {
  auto records = ReadAll("a;b\r\n1;2\r\n", ';');
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1].fields, (Fields{"1", "2"}));
}

TEST(CsvReader, LoneCrEndsRecord) {
  auto records = ReadAll("a;b\r1;2\r", ';');
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1].fields, (Fields{"1", "2"}));
}

TEST(CsvReader, LastRecordWithoutNewline) {
  auto records = ReadAll("a;b\n1;2", ';');
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1].fields, (Fields{"1", "2"}));
}

TEST(CsvReader, TrailingDelimiterGivesEmptyField) {
  auto records = ReadAll("a;b;", ';');
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].fields, (Fields{"a", "b", ""}));
}

TEST(CsvReader, BlankLinesAreRecords) {
  auto records = ReadAll("a\n\n;;\nb\n", ';');
  ASSERT_EQ(records.size(), 4u);
  EXPECT_EQ(records[3].number, 4u);
  EXPECT_EQ(records[3].fields, (Fields{"b"}));
}

TEST(CsvReader, BlankDetectsEmptyFields) {
  std::string text = ";;\n";
  CsvReader reader(text.data(), text.size(), ';');
  CsvRecord record;
  ASSERT_TRUE(reader.Next(&record));
  EXPECT_TRUE(record.blank());
}

TEST(CsvReader, QuotedEmptyField) {
  auto records = ReadAll("\"\";x\n", ';');
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].fields, (Fields{"", "x"}));
}

TEST(CsvReader, QuoteInsideUnquotedFieldIsLiteral) {
  auto records = ReadAll("12\"A;x\n", ';');
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].fields, (Fields{"12\"A", "x"}));
  EXPECT_FALSE(records[0].malformed);
}

TEST(CsvReader, TextAfterClosingQuoteIsKeptAndFlagged) {
  auto records = ReadAll("\"12\" bus 3;x\n", ';');
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].fields, (Fields{"12 bus 3", "x"}));
  EXPECT_TRUE(records[0].malformed);
}

TEST(CsvReader, UnterminatedQuoteTakesRestOfFile) {
  bool unterminated = false;
  auto records = ReadAll("a;\"open\nmore", ';', &unterminated);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].fields, (Fields{"a", "open\nmore"}));
  EXPECT_TRUE(unterminated);
}

TEST(CsvReader, FieldViewsSurviveLaterRecords) {
  std::string text = "\"a\"\"b\";c\nd;e\n";
  CsvReader reader(text.data(), text.size(), ';');
  CsvRecord record;
  ASSERT_TRUE(reader.Next(&record));
  std::string_view first = record.fields[0];
  ASSERT_TRUE(reader.Next(&record));
  EXPECT_EQ(first, "a\"b");
}

// Random texts from the characters that matter to the parser: no input may make a field
// point outside the buffer or make the reader lose or invent text.
TEST(CsvReader, RandomInputStaysInsideBuffer) {
  const char alphabet[] = {'a', 'b', ';', '"', '\n', '\r', ','};
  std::uint32_t state = 12345;  // fixed seed: the test is deterministic
  auto next = [&state] {
    state = state * 1664525u + 1013904223u;
    return state >> 16;
  };
  for (int round = 0; round < 2000; ++round) {
    std::string text(next() % 40, 'a');
    for (char& c : text) c = alphabet[next() % sizeof alphabet];
    std::size_t letters = std::count(text.begin(), text.end(), 'a') +
                          std::count(text.begin(), text.end(), 'b');

    CsvReader reader(text.data(), text.size(), ';');
    CsvRecord record;
    std::size_t letters_in_fields = 0;
    std::size_t expected_number = 1;
    while (reader.Next(&record)) {
      ASSERT_EQ(record.number, expected_number++);
      ASSERT_FALSE(record.fields.empty());
      for (std::string_view field : record.fields) {
        ASSERT_GE(field.data(), text.data());
        ASSERT_LE(field.data() + field.size(), text.data() + text.size());
        letters_in_fields += std::count(field.begin(), field.end(), 'a') +
                             std::count(field.begin(), field.end(), 'b');
      }
    }
    EXPECT_EQ(letters_in_fields, letters) << "round " << round;
  }
}

TEST(CsvReader, EmptyInputHasNoRecords) {
  EXPECT_TRUE(ReadAll("", ';').empty());
}

struct DelimiterCase {
  const char* name;
  const char* text;
  char expected;
};

TEST(DetectCsvDelimiter, Table) {
  const DelimiterCase cases[] = {
      {"semicolon", "Naam;Voornaam;Dossiernummer\n", ';'},
      {"comma", "Naam,Voornaam,Dossiernummer\n", ','},
      {"tab", "Naam\tVoornaam\tDossiernummer\n", '\t'},
      {"semicolons inside quotes do not count", "\"a;b;c\",x,y\n", ','},
      {"title line with a comma above a semicolon header",
       "Debiteuren, januari 2021\nNaam;Voornaam;Dossiernummer\n", ';'},
      {"tie prefers semicolon", "a;b,c\n", ';'},
      {"one column", "Dossiernummer\nD1\n", ';'},
      {"quoted line break does not end the sample line", "\"a\nb\",c,d\n", ','},
  };
  for (const DelimiterCase& c : cases) {
    EXPECT_EQ(DetectCsvDelimiter(c.text), c.expected) << c.name;
  }
}

}  // namespace
}  // namespace adempauze::ingest
