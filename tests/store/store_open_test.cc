#include <gtest/gtest.h>

#include "store/store_test_support.h"

namespace adempauze::store {
namespace {

using namespace testing_support;

TEST(StoreOpen, ReopensWithItsKeyFile) {
  StoreFixture fixture;
  ASSERT_TRUE(fixture.store->ImportDebtors(MakeDebtors(0, 3), TestImport()).ok());
  fixture.Reopen();
  auto dossier = fixture.store->FindDossier("D-1");
  ASSERT_TRUE(dossier.ok());
  auto detail = fixture.store->ReadDossier(dossier->debtor_id, TestActor());
  ASSERT_TRUE(detail.ok());
  EXPECT_EQ(detail->first_name, "An");
}

TEST(StoreOpen, OtherKeyFileIsRejectedAtOnce) {
  StoreFixture fixture;
  fixture.store.reset();
  auto other = crypto::KeySet::Generate();
  ASSERT_TRUE(other.ok());
  auto opened = Store::Open(fixture.db_path, std::move(other).value());
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code, ErrorCode::kCrypto);
  EXPECT_EQ(opened.error().message_key, "store.key_mismatch");
  std::string text = opened.error().Render(Language::kDutch);
  EXPECT_NE(text.find("--key-file"), std::string::npos) << text;
}

TEST(StoreOpen, CreateRefusesExistingDatabase) {
  StoreFixture fixture;
  fixture.store.reset();
  auto keys = crypto::KeySet::Generate();
  ASSERT_TRUE(keys.ok());
  auto created = Store::Create(fixture.db_path, std::move(keys).value());
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.error().code, ErrorCode::kAlreadyExists);
}

TEST(StoreOpen, MissingDatabaseIsNotFound) {
  TempDir dir;
  auto keys = crypto::KeySet::Generate();
  ASSERT_TRUE(keys.ok());
  auto opened = Store::Open(dir / "absent.db", std::move(keys).value());
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code, ErrorCode::kNotFound);
  EXPECT_FALSE(std::filesystem::exists(dir / "absent.db"));
}

TEST(StoreOpen, EmptySqliteFileIsNotAnAdempauzeDatabase) {
  TempDir dir;
  {
    auto db = Database::Open(dir / "plain.db", Database::Mode::kCreate);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db->Execute("CREATE TABLE other (x)").ok());
  }
  auto keys = crypto::KeySet::Generate();
  ASSERT_TRUE(keys.ok());
  auto opened = Store::Open(dir / "plain.db", std::move(keys).value());
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().message_key, "store.not_initialised");
}

}  // namespace
}  // namespace adempauze::store
