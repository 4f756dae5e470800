// Shared helpers for the store, workflow, matching and CLI tests: a temporary folder, a
// fixed clock, fictitious debtor and client lists with valid national numbers from
// nn::Make, and a freshly created store.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "adempauze/common/civil_date.h"
#include "adempauze/crypto/keys.h"
#include "adempauze/ingest/records.h"
#include "adempauze/nn/national_number.h"
#include "adempauze/store/store.h"
#include "crypto/temp_dir.h"

namespace adempauze::testing_support {

inline const CivilDate kToday{2021, 4, 1};

// Returns a clock that starts at 2021-04-01T10:00:00.000Z and advances one second per call.
inline store::AccessLog::Clock FixedClock() {
  auto seconds = std::make_shared<int>(0);
  return [seconds] {
    int s = (*seconds)++;
    return fmt::format("2021-04-01T{:02}:{:02}:{:02}.000Z", 10 + s / 3600, s / 60 % 60, s % 60);
  };
}

// Returns the 11 digits of the fictitious person `index`: distinct for every index below
// 20000 * 998, with a valid check digit.
inline std::string PersonNumber(std::size_t index) {
  const CivilDate birth = CivilDate::FromDaysSinceEpoch(-10950 + static_cast<long>(index % 20000));
  return nn::Make(birth.year, birth.month, birth.day, static_cast<int>(1 + index / 20000));
}

inline ingest::NumberField ValidNumber(const std::string& digits) {
  nn::CheckResult checked = nn::Check(digits, kToday);
  EXPECT_TRUE(checked.valid()) << digits;
  return ingest::NumberField{digits, checked.number};
}

inline const char* const kFirstNames[] = {"Jan", "An", "Pieter", "Els", "Koen", "Lies", "Wim", "Sofie"};
inline const char* const kLastNames[] = {"Peeters", "Janssens", "Maes", "Jacobs",
                                         "Mertens", "Willems", "Claes", "Goossens"};

// Builds a debtor list of the people `first` .. `first + count - 1`, with dossier numbers
// "<prefix>-<index>".
inline ingest::DebtorList MakeDebtors(std::size_t first, std::size_t count,
                                      const std::string& prefix = "D") {
  ingest::DebtorList list;
  list.source_name = "debiteuren.csv";
  list.rows.reserve(count);
  for (std::size_t i = first; i < first + count; ++i) {
    ingest::DebtorRow row;
    row.source_row = i - first + 2;
    row.first_name = kFirstNames[i % 8];
    row.last_name = kLastNames[(i / 8) % 8];
    row.national_number = ValidNumber(PersonNumber(i));
    row.street = "Kerkstraat";
    row.house_number = std::to_string(1 + i % 200);
    row.dossier_number = fmt::format("{}-{}", prefix, i);
    list.rows.push_back(std::move(row));
  }
  list.rows_read = count;
  return list;
}

inline ingest::ClientList MakeClients(std::size_t first, std::size_t count) {
  ingest::ClientList list;
  list.source_name = "clienten.csv";
  list.rows.reserve(count);
  for (std::size_t i = first; i < first + count; ++i) {
    ingest::ClientRow row;
    row.source_row = i - first + 2;
    row.first_name = kFirstNames[i % 8];
    row.last_name = kLastNames[(i / 8) % 8];
    row.national_number = ValidNumber(PersonNumber(i));
    row.street = "Kerkstraat";
    row.house_number = std::to_string(1 + i % 200);
    row.postcode = "9000";
    row.client_reference = fmt::format("OCMW-{}", i);
    list.rows.push_back(std::move(row));
  }
  list.rows_read = count;
  return list;
}

// A temporary folder with a key file and a store created in it.
struct StoreFixture {
  TempDir dir;
  std::filesystem::path db_path = dir / "test.db";
  std::filesystem::path key_path = dir / "test.db.keys";
  std::unique_ptr<store::Store> store;

  StoreFixture() {
    auto keys = crypto::KeySet::Generate();
    EXPECT_TRUE(keys.ok());
    EXPECT_TRUE(crypto::WriteKeyFile(key_path, *keys).ok());
    auto created = store::Store::Create(db_path, std::move(keys).value(), {5000, 256 * 1024, FixedClock()});
    EXPECT_TRUE(created.ok()) << created.error().Render(Language::kEnglish);
    store = std::move(created).value();
  }

  // Closes the store and opens it again from the files.
  void Reopen() {
    store.reset();
    auto keys = crypto::LoadKeyFile(key_path);
    ASSERT_TRUE(keys.ok());
    auto opened = store::Store::Open(db_path, std::move(keys).value(), {5000, 256 * 1024, FixedClock()});
    ASSERT_TRUE(opened.ok()) << opened.error().Render(Language::kEnglish);
    store = std::move(opened).value();
  }
};

inline store::Actor TestActor() { return store::Actor{"cli:tester", "", "collection_pause"}; }

inline store::ImportOptions TestImport() { return store::ImportOptions{TestActor(), false, {}}; }

inline std::string ReadFileBytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace adempauze::testing_support
