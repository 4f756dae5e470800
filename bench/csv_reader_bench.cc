// The project's CsvReader against libcsv (Debian's libcsv-dev 3.0.3) on the same CSV text in
// memory. The own reader stays only while it is faster than libcsv; otherwise ingest is to
// use libcsv.
//
// The text has 1,000,000 debtor rows in the six columns of the protocol, separated by ';'
// with CRLF line ends. Two variants: "plain" has no quotes at all, as most finance exports
// write; "quoted" puts every text field in quotes and gives one row in 20 a street with an
// embedded delimiter and doubled quotes, as spreadsheet programs write when asked to quote
// text. Both readers see every field and add its length to a checksum, so neither can skip
// work, and the benchmark fails when they disagree on the number of records or fields.
#include <benchmark/benchmark.h>
#include <csv.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "adempauze/ingest/csv_reader.h"

namespace {

constexpr std::size_t kRows = 1'000'000;

const char* const kFirstNames[] = {"Jonas", "Anna", "Vic", "Maarten", "Lotte", "Elise", "Wout", "Fien",
                                   "Ahmed", "Noor", "Ömer", "Zoë"};
const char* const kLastNames[] = {"Vander Elst", "Schepens", "Verstraeten-Pauwels", "Van den Broeck",
                                  "Peeters", "De Smet", "Claes", "El Amrani", "Janssens", "D'Hondt"};
const char* const kStreets[] = {"Zandstraat", "Processieweg", "Ademhof", "Groenstraat", "Kerkplein",
                                "Sint-Annastraat", "Oude Baan", "Molenweg"};

// Appends one field, quoted when `quote` is set (with any quote inside doubled).
void AppendField(std::string& text, const std::string& value, bool quote) {
  if (!quote) {
    text += value;
    return;
  }
  text += '"';
  for (char c : value) {
    if (c == '"') text += '"';
    text += c;
  }
  text += '"';
}

// Returns the CSV text: a header and kRows data rows, the same on every run.
std::string MakeCsvText(bool quoted) {
  std::mt19937_64 random(20261204);
  std::string text = "Voornaam;Naam;Rijksregisternummer;Straat;Huisnummer;Dossiernummer\r\n";
  text.reserve(kRows * 72);
  for (std::size_t row = 0; row < kRows; ++row) {
    const std::uint64_t draw = random();
    std::string street = kStreets[draw % 8];
    if (quoted && (draw >> 8) % 20 == 0) street += "; achterbouw \"De Linde\"";
    std::string number = std::to_string(10'000'000'000ULL + draw % 89'999'999'999ULL);
    AppendField(text, kFirstNames[(draw >> 16) % 12], quoted);
    text += ';';
    AppendField(text, kLastNames[(draw >> 24) % 10], quoted);
    text += ';';
    text += number;
    text += ';';
    AppendField(text, street, quoted);
    text += ';';
    text += std::to_string(1 + (draw >> 32) % 180);
    text += ';';
    AppendField(text, "2026/" + std::to_string(100'000 + row), quoted);
    text += "\r\n";
  }
  return text;
}

const std::string& CsvText(bool quoted) {
  static const std::string plain = MakeCsvText(false);
  static const std::string with_quotes = MakeCsvText(true);
  return quoted ? with_quotes : plain;
}

struct Totals {
  std::size_t records = 0;
  std::size_t fields = 0;
  std::size_t bytes = 0;
};

// The CsvReader unescapes quoted fields in place, so each iteration reads a fresh copy; the
// copy is made while the timer is paused.
Totals ReadWithCsvReader(std::string& buffer) {
  adempauze::ingest::CsvReader reader(buffer.data(), buffer.size(), ';');
  adempauze::ingest::CsvRecord record;
  Totals totals;
  while (reader.Next(&record)) {
    ++totals.records;
    totals.fields += record.fields.size();
    for (std::string_view field : record.fields) totals.bytes += field.size();
  }
  return totals;
}

void OnLibcsvField(void* /*field*/, std::size_t size, void* data) {
  Totals* totals = static_cast<Totals*>(data);
  ++totals->fields;
  totals->bytes += size;
}

void OnLibcsvRecord(int /*terminator*/, void* data) { ++static_cast<Totals*>(data)->records; }

// Feeds the whole text to libcsv in one call, which is the fastest way to use it.
Totals ReadWithLibcsv(const std::string& text) {
  csv_parser parser;
  Totals totals;
  if (csv_init(&parser, 0) != 0) return totals;
  csv_set_delim(&parser, ';');
  csv_parse(&parser, text.data(), text.size(), OnLibcsvField, OnLibcsvRecord, &totals);
  csv_fini(&parser, OnLibcsvField, OnLibcsvRecord, &totals);
  csv_free(&parser);
  return totals;
}

void Report(benchmark::State& state, const std::string& text, const Totals& totals) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * totals.records));
  state.counters["records"] = static_cast<double>(totals.records);
  state.counters["fields"] = static_cast<double>(totals.fields);
  if (totals.records != kRows + 1 || totals.fields != (kRows + 1) * 6) {
    state.SkipWithError("wrong number of records or fields");
  }
}

void BM_CsvReader(benchmark::State& state) {
  const std::string& text = CsvText(state.range(0) != 0);
  std::string buffer;
  Totals totals;
  for (auto _ : state) {
    state.PauseTiming();
    buffer = text;
    state.ResumeTiming();
    totals = ReadWithCsvReader(buffer);
    benchmark::DoNotOptimize(totals);
  }
  Report(state, text, totals);
}
BENCHMARK(BM_CsvReader)->ArgName("quoted")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

void BM_Libcsv(benchmark::State& state) {
  const std::string& text = CsvText(state.range(0) != 0);
  Totals totals;
  for (auto _ : state) {
    totals = ReadWithLibcsv(text);
    benchmark::DoNotOptimize(totals);
  }
  Report(state, text, totals);
}
BENCHMARK(BM_Libcsv)->ArgName("quoted")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
