// Access requests and corrections of dossier fields.
#include <gtest/gtest.h>

#include "adempauze/store/person.h"
#include "store/store_test_support.h"

namespace adempauze::store {
namespace {

using namespace testing_support;

// Person 1 is a debtor in two batches and on the client list.
struct PersonStore : StoreFixture {
  PersonStore() {
    EXPECT_TRUE(store->ImportDebtors(MakeDebtors(0, 3), TestImport()).ok());
    EXPECT_TRUE(store->ImportDebtors(MakeDebtors(1, 1, "E"), TestImport()).ok());
    EXPECT_TRUE(store->ImportClients(MakeClients(1, 2), TestImport()).ok());
  }
};

TEST(PersonRecord, CollectsEverythingOnOneNumber) {
  PersonStore fixture;
  auto person = ReadPerson(*fixture.store, PersonNumber(1), TestActor());
  ASSERT_TRUE(person.ok()) << person.error().Render(Language::kEnglish);
  ASSERT_EQ(person->dossiers.size(), 2u);
  EXPECT_EQ(person->dossiers[0].summary.dossier_number, "D-1");
  EXPECT_EQ(person->dossiers[1].summary.dossier_number, "E-1");
  EXPECT_EQ(person->dossiers[0].national_number, PersonNumber(1));
  ASSERT_EQ(person->clients.size(), 1u);
  EXPECT_EQ(person->clients[0].client_reference, "OCMW-1");

  auto records = fixture.store->access_log().ReadRecords(0, 1000);
  ASSERT_TRUE(records.ok());
  const AccessRecord& last = records->back();
  EXPECT_EQ(last.entry.action, "access_request");
  EXPECT_EQ(last.subject, SubjectPseudonym(fixture.store->keys(), PersonNumber(1)));
  EXPECT_EQ(last.entry.detail.find(PersonNumber(1)), std::string::npos);
}

TEST(PersonRecord, UnknownNumberFindsNothing) {
  PersonStore fixture;
  auto person = ReadPerson(*fixture.store, PersonNumber(50), TestActor());
  ASSERT_TRUE(person.ok());
  EXPECT_TRUE(person->dossiers.empty());
  EXPECT_TRUE(person->clients.empty());
}

TEST(DossierCorrection, KeepsOldValueSealed) {
  PersonStore fixture;
  auto found = fixture.store->FindDossier("D-1", 1);
  ASSERT_TRUE(found.ok());
  const std::string old_name = fixture.store->ReadDossier(found->debtor_id, TestActor())->last_name;

  auto corrected = CorrectDossierField(
      *fixture.store, {found->debtor_id, "last_name", "  Vermeulen ", "verzoek van de persoon", TestActor()});
  ASSERT_TRUE(corrected.ok()) << corrected.error().Render(Language::kEnglish);

  auto detail = fixture.store->ReadDossier(found->debtor_id, TestActor());
  ASSERT_TRUE(detail.ok());
  EXPECT_EQ(detail->last_name, "Vermeulen");
  EXPECT_EQ(detail->summary.version, found->version + 1);

  auto person = ReadPerson(*fixture.store, PersonNumber(1), TestActor());
  ASSERT_TRUE(person.ok());
  ASSERT_EQ(person->corrections.size(), 1u);
  EXPECT_EQ(person->corrections[0].old_value, old_name);
  EXPECT_EQ(person->corrections[0].reason, "verzoek van de persoon");
  EXPECT_TRUE(fixture.store->access_log().Verify()->ok());
}

TEST(DossierCorrection, RejectsBadRequests) {
  PersonStore fixture;
  auto found = fixture.store->FindDossier("D-0");
  ASSERT_TRUE(found.ok());
  const std::int64_t id = found->debtor_id;
  EXPECT_EQ(CorrectDossierField(*fixture.store, {id, "national_number", "1", "r", TestActor()}).error().message_key,
            "store.person.field_not_correctable");
  EXPECT_EQ(CorrectDossierField(*fixture.store, {id, "street", " ", "r", TestActor()}).error().message_key,
            "store.person.value_required");
  EXPECT_EQ(CorrectDossierField(*fixture.store, {id, "street", "Markt", "", TestActor()}).error().message_key,
            "store.person.reason_required");
  EXPECT_EQ(CorrectDossierField(*fixture.store, {999, "street", "Markt", "r", TestActor()}).error().code,
            ErrorCode::kNotFound);
}

}  // namespace
}  // namespace adempauze::store
