// ingest_only: reads and checks a debtor or client list the way `adempauze import` does, and
// stops before the store. bench/run.sh times it to separate the cost of parsing and
// validation from the cost of encryption and SQLite.
//
// Usage: ingest_only debtors|clients FILE [YYYY-MM-DD]
// The date is "today" for the birth-date checks (default: today in UTC). Prints one line:
// "read=N accepted=N rejected=N repaired=N warned=N". Exit code 1 when the file as a whole
// cannot be read (the error's message key goes to stderr), 2 on a usage error.
#include <cstdio>
#include <cstring>
#include <iostream>
#include <optional>
#include <string>

#include <spdlog/spdlog.h>

#include "adempauze/common/civil_date.h"
#include "adempauze/ingest/ingest.h"

namespace {

using adempauze::CivilDate;
using adempauze::ingest::Severity;

template <typename List>
int PrintCounts(const adempauze::Result<List>& list) {
  if (!list.ok()) {
    std::cerr << "ingest failed: " << list.error().message_key << '\n';
    return 1;
  }
  const auto& report = list->report;
  std::printf("read=%zu accepted=%zu rejected=%zu repaired=%zu warned=%zu\n", list->rows_read,
              list->rows.size(), report.Count(Severity::kRejected), report.Count(Severity::kRepaired),
              report.Count(Severity::kWarning));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3 || argc > 4 || (std::strcmp(argv[1], "debtors") != 0 && std::strcmp(argv[1], "clients") != 0)) {
    std::cerr << "usage: ingest_only debtors|clients FILE [YYYY-MM-DD]\n";
    return 2;
  }
  std::optional<CivilDate> today = argc == 4 ? CivilDate::FromIso(argv[3]) : adempauze::TodayUtc();
  if (!today) {
    std::cerr << "invalid date, expected YYYY-MM-DD: " << argv[3] << '\n';
    return 2;
  }

  // Only warnings and errors, as the CLI logs by default.
  spdlog::set_level(spdlog::level::warn);

  adempauze::ingest::IngestOptions options;
  options.today = *today;
  if (std::strcmp(argv[1], "debtors") == 0) {
    return PrintCounts(adempauze::ingest::ReadDebtorList(argv[2], options));
  }
  return PrintCounts(adempauze::ingest::ReadClientList(argv[2], options));
}
