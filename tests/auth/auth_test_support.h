// Shared helpers for the auth tests: a store in a temporary folder whose clock the test
// moves forward by hand, accounts with cheap password hashes, and raw-file checks.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "adempauze/auth/auth.h"
#include "adempauze/crypto/keys.h"
#include "adempauze/store/store.h"
#include "auth/timestamp.h"
#include "crypto/temp_dir.h"
#include "store/store_test_support.h"

namespace adempauze::testing_support {

inline constexpr std::string_view kPassword = "correct horse battery";
inline constexpr std::string_view kOtherPassword = "paardenstal op zolder";

// A clock that returns the same time until the test advances it.
class ManualClock {
 public:
  ManualClock() : now_(std::make_shared<auth::TimePoint>(*auth::ParseTimestamp("2021-04-01T09:00:00.000Z"))) {}
  store::AccessLog::Clock AsClock() const {
    return [now = now_] { return auth::FormatTimestamp(*now); };
  }
  void Advance(std::chrono::milliseconds by) { *now_ += by; }
  std::string Now() const { return auth::FormatTimestamp(*now_); }

 private:
  std::shared_ptr<auth::TimePoint> now_;
};

inline auth::LoginPolicy CheapPolicy() {
  auth::LoginPolicy policy;
  policy.hash_cost = auth::MinimumHashCost();
  return policy;
}

inline store::Actor AdminActor() { return store::Actor{"cli:beheerder", "", "administration"}; }

// A freshly created store with a manual clock.
struct AuthFixture {
  TempDir dir;
  std::filesystem::path db_path = dir / "auth.db";
  ManualClock clock;
  std::unique_ptr<store::Store> store;

  AuthFixture() {
    auto keys = crypto::KeySet::Generate();
    EXPECT_TRUE(keys.ok());
    auto created = store::Store::Create(db_path, std::move(keys).value(), {5000, 16 * 1024, clock.AsClock()});
    EXPECT_TRUE(created.ok()) << created.error().Render(Language::kEnglish);
    store = std::move(created).value();
  }

  auth::Accounts Accounts() { return auth::Accounts(*store, CheapPolicy()); }

  // Adds a user with kPassword and the debtor team role; returns the id.
  std::int64_t AddUser(const std::string& name) {
    Result<std::int64_t> id = Accounts().AddUser(name, "", kPassword, {auth::Role::kDebtorTeam}, AdminActor());
    EXPECT_TRUE(id.ok()) << id.error().Render(Language::kEnglish);
    return id.ok() ? *id : 0;
  }

  // Returns the access-log entries in order.
  std::vector<store::AccessEntry> LogEntries() {
    Result<std::vector<store::AccessEntry>> entries = store->access_log().Read(0, 10'000);
    EXPECT_TRUE(entries.ok());
    return entries.ok() ? *entries : std::vector<store::AccessEntry>{};
  }

  // Returns the bytes of the database file and its write-ahead log, where fresh rows sit
  // until a checkpoint.
  std::string RawDatabaseBytes() const {
    std::string bytes = ReadFileBytes(db_path);
    const std::filesystem::path wal = db_path.string() + "-wal";
    if (std::filesystem::exists(wal)) bytes += ReadFileBytes(wal);
    return bytes;
  }
};

inline bool Contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

}  // namespace adempauze::testing_support
