#include <gtest/gtest.h>

#include "store/database_checksum.h"
#include "store/store_test_support.h"

namespace adempauze::store {
namespace {

using namespace testing_support;

std::int64_t Count(Store& store, const std::string& table) {
  auto count = QueryInt(store.database(), "SELECT count(*) FROM " + table);
  EXPECT_TRUE(count.ok());
  return count.ok() ? *count : -1;
}

TEST(ImportDebtors, StoresEveryRowAsReceived) {
  StoreFixture fixture;
  auto summary = fixture.store->ImportDebtors(MakeDebtors(0, 50), TestImport());
  ASSERT_TRUE(summary.ok()) << summary.error().Render(Language::kEnglish);
  EXPECT_EQ(summary->rows_imported, 50u);
  EXPECT_EQ(summary->batch_id, 1);
  EXPECT_EQ(Count(*fixture.store, "debtors"), 50);
  EXPECT_EQ(Count(*fixture.store, "debtors WHERE status = 'received' AND version = 1"), 50);
  EXPECT_EQ(Count(*fixture.store, "debtors WHERE blind_index IS NOT NULL"), 50);
  EXPECT_EQ(Count(*fixture.store, "batches WHERE kind = 'debtors' AND rows_imported = 50"), 1);
}

TEST(ImportDebtors, ReadBackGivesImportedFields) {
  StoreFixture fixture;
  ASSERT_TRUE(fixture.store->ImportDebtors(MakeDebtors(0, 10), TestImport()).ok());
  auto dossier = fixture.store->FindDossier("D-7");
  ASSERT_TRUE(dossier.ok());
  auto detail = fixture.store->ReadDossier(dossier->debtor_id, TestActor());
  ASSERT_TRUE(detail.ok()) << detail.error().Render(Language::kEnglish);
  EXPECT_EQ(detail->first_name, kFirstNames[7]);
  EXPECT_EQ(detail->last_name, kLastNames[0]);
  EXPECT_EQ(detail->national_number, PersonNumber(7));
  EXPECT_TRUE(detail->number_valid);
  EXPECT_EQ(detail->street, "Kerkstraat");
  EXPECT_EQ(detail->house_number, "8");
  EXPECT_EQ(detail->summary.status, "received");
}

TEST(ImportDebtors, InvalidNumberKeepsRawValueWithoutBlindIndex) {
  StoreFixture fixture;
  ingest::DebtorList list = MakeDebtors(0, 2);
  list.rows[1].national_number = ingest::NumberField{"85.07.30-033.29", std::nullopt};
  auto summary = fixture.store->ImportDebtors(list, TestImport());
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->rows_without_valid_number, 1u);
  auto detail = fixture.store->ReadDossier(fixture.store->FindDossier("D-1")->debtor_id, TestActor());
  ASSERT_TRUE(detail.ok());
  EXPECT_EQ(detail->national_number, "85.07.30-033.29");
  EXPECT_FALSE(detail->number_valid);
}

TEST(ImportDebtors, FileErrorImportsNothing) {
  StoreFixture fixture;
  ingest::DebtorList list = MakeDebtors(0, 5);
  list.report.Add(ingest::ReportEntry{"debiteuren.csv", 0, "", "", ingest::Severity::kFileError,
                                      "ingest.file.unreadable", {}});
  auto summary = fixture.store->ImportDebtors(list, TestImport());
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.error().message_key, "store.import.file_error");
  EXPECT_EQ(Count(*fixture.store, "debtors"), 0);
  EXPECT_EQ(Count(*fixture.store, "batches"), 0);
}

TEST(ImportDebtors, StrictModeRejectsListWithRejectedRows) {
  StoreFixture fixture;
  ingest::DebtorList list = MakeDebtors(0, 5);
  list.rows_read = 6;
  list.report.Add(ingest::ReportEntry{"debiteuren.csv", 4, "rijksregisternummer", "850730*****",
                                      ingest::Severity::kRejected, "ingest.row.number_invalid", {}});
  ImportOptions strict = TestImport();
  strict.strict = true;
  auto refused = fixture.store->ImportDebtors(list, strict);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(refused.error().message_key, "store.import.strict_rejected_one");  // one rejected row
  EXPECT_EQ(Count(*fixture.store, "debtors"), 0);

  auto accepted = fixture.store->ImportDebtors(list, TestImport());
  ASSERT_TRUE(accepted.ok());
  EXPECT_EQ(accepted->rows_rejected, 1u);
  EXPECT_EQ(accepted->rows_read, 6u);
  EXPECT_EQ(Count(*fixture.store, "debtors"), 5);
}

TEST(ImportDebtors, DuplicateDossierNumberImportsNothing) {
  StoreFixture fixture;
  ingest::DebtorList list = MakeDebtors(0, 5);
  list.rows[3].dossier_number = list.rows[1].dossier_number;
  auto summary = fixture.store->ImportDebtors(list, TestImport());
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.error().message_key, "store.import.duplicate_dossier");
  EXPECT_EQ(Count(*fixture.store, "debtors"), 0);
}

TEST(ImportDebtors, InjectedFailureRollsBackEverything) {
  StoreFixture fixture;
  ASSERT_TRUE(fixture.store->ImportDebtors(MakeDebtors(0, 20), TestImport()).ok());
  auto before = DatabaseState(fixture.db_path);

  ImportOptions failing = TestImport();
  failing.fault = ImportFault{ImportFault::Kind::kFail, 150};
  auto summary = fixture.store->ImportDebtors(MakeDebtors(100, 300, "E"), failing);
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.error().message_key, "store.import.injected_failure");

  auto after = DatabaseState(fixture.db_path);
  for (const char* table : {"batches", "debtors", "clients", "matches", "dossier_events", "meta"}) {
    EXPECT_EQ(after[table], before[table]) << table;
  }
  EXPECT_EQ(after["debtors"].rows, 20);
  EXPECT_EQ(after["#integrity"].digest, "ok");
  // The failed attempt itself is recorded, after the rollback.
  EXPECT_EQ(after["access_log"].rows, before["access_log"].rows + 1);
  auto last = fixture.store->access_log().Read(before["access_log"].rows, 10);
  ASSERT_TRUE(last.ok());
  ASSERT_EQ(last->size(), 1u);
  EXPECT_EQ((*last)[0].outcome, "failed");
}

TEST(ImportDebtors, LaterBatchMayRepeatDossierNumbers) {
  StoreFixture fixture;
  ASSERT_TRUE(fixture.store->ImportDebtors(MakeDebtors(0, 5), TestImport()).ok());
  auto second = fixture.store->ImportDebtors(MakeDebtors(0, 5), TestImport());
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->batch_id, 2);
  auto newest = fixture.store->FindDossier("D-2");
  ASSERT_TRUE(newest.ok());
  EXPECT_EQ(newest->batch_id, 2);
  auto oldest = fixture.store->FindDossier("D-2", 1);
  ASSERT_TRUE(oldest.ok());
  EXPECT_EQ(oldest->batch_id, 1);
  // The same person in both batches is linked through the blind index.
  auto detail = fixture.store->ReadDossier(newest->debtor_id, TestActor());
  ASSERT_TRUE(detail.ok());
  ASSERT_EQ(detail->related.size(), 1u);
  EXPECT_EQ(detail->related[0].debtor_id, oldest->debtor_id);
}

TEST(ImportDebtors, BulkImportRebuildsIndexes) {
  StoreFixture fixture;
  auto indexes = [&] {
    return Count(*fixture.store, "sqlite_schema WHERE type = 'index' AND tbl_name = 'debtors' AND sql IS NOT NULL");
  };
  const std::int64_t before = indexes();
  ASSERT_GE(before, 3);
  ASSERT_TRUE(fixture.store->ImportDebtors(MakeDebtors(0, 60'000), TestImport()).ok());
  EXPECT_EQ(indexes(), before);
  auto found = fixture.store->FindDossier("D-59999");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->debtor_id, 60'000);
  auto plan = fixture.store->database().Prepare(
      "EXPLAIN QUERY PLAN SELECT id FROM debtors WHERE blind_index = x'00'");
  ASSERT_TRUE(plan.ok());
  ASSERT_TRUE(*plan->Step());
  EXPECT_NE(plan->ColumnText(3).find("debtors_by_blind_index"), std::string::npos) << plan->ColumnText(3);
}

TEST(ImportDebtors, ListWithoutAcceptedRowsImportsNothing) {
  StoreFixture fixture;
  ingest::DebtorList list = MakeDebtors(0, 0);
  list.rows_read = 1;
  list.report.Add(ingest::ReportEntry{"debiteuren.csv", 2, "dossiernummer", "", ingest::Severity::kRejected,
                                      "ingest.row.dossier_missing", {}});
  auto refused = fixture.store->ImportDebtors(list, TestImport());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().message_key, "store.import.no_rows");
  EXPECT_EQ(Count(*fixture.store, "batches"), 0);
}

TEST(ImportClients, EmptyListKeepsPreviousList) {
  StoreFixture fixture;
  ASSERT_TRUE(fixture.store->ImportClients(MakeClients(0, 30), TestImport()).ok());
  auto refused = fixture.store->ImportClients(MakeClients(0, 0), TestImport());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().message_key, "store.import.no_rows");
  EXPECT_EQ(Count(*fixture.store, "clients"), 30);
}

TEST(ImportClients, NewListReplacesPreviousList) {
  StoreFixture fixture;
  auto first = fixture.store->ImportClients(MakeClients(0, 30), TestImport());
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->clients_replaced, 0u);
  auto second = fixture.store->ImportClients(MakeClients(10, 15), TestImport());
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->clients_replaced, 30u);
  EXPECT_EQ(Count(*fixture.store, "clients"), 15);
  EXPECT_EQ(Count(*fixture.store, "clients WHERE batch_id = 1"), 0);
  EXPECT_EQ(Count(*fixture.store, "batches WHERE id = 1 AND superseded_at IS NOT NULL"), 1);
  EXPECT_EQ(Count(*fixture.store, "batches WHERE id = 2 AND superseded_at IS NULL"), 1);
  // Ids of deleted rows are never given again.
  EXPECT_EQ(Count(*fixture.store, "clients WHERE id <= 30"), 0);
}

// One pending and one decided review proposal against the first client list.
struct QueuedProposals : StoreFixture {
  QueuedProposals() {
    EXPECT_TRUE(store->ImportDebtors(MakeDebtors(0, 3), TestImport()).ok());
    EXPECT_TRUE(store->ImportClients(MakeClients(0, 3), TestImport()).ok());
    EXPECT_TRUE(store->database()
                    .Execute("INSERT INTO review_queue (id, debtor_id, client_id, method, score, contributions, "
                             "proposed_at, proposed_by, state, decided_by, decided_at) VALUES "
                             "(1, 1, 1, 'fellegi_sunter', 9.0, '{}', 'x', 't', 'pending', NULL, NULL), "
                             "(2, 2, 2, 'fellegi_sunter', 8.0, '{}', 'x', 't', 'rejected', 'an', 'y')")
                    .ok());
  }
};

TEST(ImportClients, NewListWithdrawsPendingProposals) {
  QueuedProposals fixture;
  auto second = fixture.store->ImportClients(MakeClients(0, 3), TestImport());
  ASSERT_TRUE(second.ok()) << second.error().Render(Language::kEnglish);
  EXPECT_EQ(second->proposals_withdrawn, 1u);

  EXPECT_EQ(Count(*fixture.store, "review_queue WHERE id = 1 AND state = 'withdrawn' AND client_id IS NULL"), 1);
  EXPECT_EQ(Count(*fixture.store, "review_queue WHERE id = 1 AND withdrawn_at IS NOT NULL AND "
                                  "withdrawn_by_batch = " + std::to_string(second->batch_id)), 1);
  EXPECT_EQ(Count(*fixture.store, "review_queue WHERE id = 2 AND state = 'rejected' AND decided_by = 'an' "
                                  "AND withdrawn_at IS NULL AND client_id IS NULL"), 1);
  EXPECT_EQ(Count(*fixture.store, "review_queue"), 2);

  auto entries = fixture.store->access_log().Read(0, 100);
  ASSERT_TRUE(entries.ok());
  EXPECT_EQ(entries->back().object_type, "client_batch");
  EXPECT_NE(entries->back().detail.find("withdrawn=1"), std::string::npos) << entries->back().detail;
}

TEST(ImportClients, FailedImportWithdrawsNothing) {
  QueuedProposals fixture;
  ImportOptions failing = TestImport();
  failing.fault = ImportFault{ImportFault::Kind::kFail, 2};
  ASSERT_FALSE(fixture.store->ImportClients(MakeClients(100, 10), failing).ok());
  EXPECT_EQ(Count(*fixture.store, "review_queue WHERE id = 1 AND state = 'pending' AND client_id = 1"), 1);
}

TEST(ImportClients, InjectedFailureKeepsPreviousList) {
  StoreFixture fixture;
  ASSERT_TRUE(fixture.store->ImportClients(MakeClients(0, 30), TestImport()).ok());
  auto before = DatabaseState(fixture.db_path);
  ImportOptions failing = TestImport();
  failing.fault = ImportFault{ImportFault::Kind::kFail, 5};
  ASSERT_FALSE(fixture.store->ImportClients(MakeClients(100, 10), failing).ok());
  auto after = DatabaseState(fixture.db_path);
  EXPECT_EQ(after["clients"], before["clients"]);
  EXPECT_EQ(after["batches"], before["batches"]);
}

TEST(ImportDebtors, DatabaseFilesHoldNoPlainPersonalData) {
  StoreFixture fixture;
  ingest::DebtorList list = MakeDebtors(0, 3);
  list.rows[1].first_name = "Zoë";
  list.rows[1].last_name = "Vandenbroeckhove";
  list.rows[1].street = "Zonnebloemdreef";
  list.rows[1].national_number = ValidNumber(nn::Make(1985, 7, 30, 33));
  ASSERT_TRUE(fixture.store->ImportDebtors(list, TestImport()).ok());
  ingest::ClientList clients = MakeClients(0, 2);
  clients.rows[0].last_name = "Vandenbroeckhove";
  clients.rows[0].client_reference = "OCMW-REF-778899";
  ASSERT_TRUE(fixture.store->ImportClients(clients, TestImport()).ok());
  auto detail = fixture.store->ReadDossier(fixture.store->FindDossier("D-1")->debtor_id, TestActor());
  ASSERT_TRUE(detail.ok());

  const std::string number = nn::Make(1985, 7, 30, 33);
  const std::string formatted = nn::Format(number);
  const std::filesystem::path wal = fixture.db_path.string() + "-wal";
  ASSERT_TRUE(std::filesystem::exists(wal));
  std::string all_bytes;
  for (const auto& path : {fixture.db_path, wal}) {
    const std::string bytes = ReadFileBytes(path);
    ASSERT_FALSE(bytes.empty()) << path;
    all_bytes += bytes;
    for (const std::string& secret : {std::string("Vandenbroeckhove"), std::string("Zonnebloemdreef"),
                                      std::string("Zoë"), number, formatted,
                                      std::string("OCMW-REF-778899"), PersonNumber(0)}) {
      EXPECT_EQ(bytes.find(secret), std::string::npos) << secret << " in " << path;
    }
  }
  // Dossier numbers are not personal data and are stored in plain text, so finding one
  // shows that the search above would find a plain value.
  EXPECT_NE(all_bytes.find("D-1"), std::string::npos);
}

TEST(ReadDossier, TamperedCiphertextFailsWithCryptoError) {
  StoreFixture fixture;
  ASSERT_TRUE(fixture.store->ImportDebtors(MakeDebtors(0, 3), TestImport()).ok());
  ASSERT_TRUE(fixture.store->database()
                  .Execute("UPDATE debtors SET last_name = substr(last_name, 1, 30) || x'00' || "
                           "substr(last_name, 32) WHERE id = 2")
                  .ok());
  auto detail = fixture.store->ReadDossier(2, TestActor());
  ASSERT_FALSE(detail.ok());
  EXPECT_EQ(detail.error().code, ErrorCode::kCrypto);
  EXPECT_EQ(detail.error().message_key, "crypto.decrypt_failed");
}

TEST(ReadDossier, CiphertextSwappedBetweenRowsFails) {
  StoreFixture fixture;
  ASSERT_TRUE(fixture.store->ImportDebtors(MakeDebtors(0, 3), TestImport()).ok());
  ASSERT_TRUE(fixture.store->database()
                  .Execute("UPDATE debtors SET national_number = "
                           "(SELECT national_number FROM debtors WHERE id = 3) WHERE id = 1")
                  .ok());
  auto detail = fixture.store->ReadDossier(1, TestActor());
  ASSERT_FALSE(detail.ok());
  EXPECT_EQ(detail.error().code, ErrorCode::kCrypto);
  // The untouched row still reads.
  EXPECT_TRUE(fixture.store->ReadDossier(3, TestActor()).ok());
}

TEST(ReadDossier, CiphertextSwappedBetweenColumnsFails) {
  StoreFixture fixture;
  ASSERT_TRUE(fixture.store->ImportDebtors(MakeDebtors(0, 3), TestImport()).ok());
  ASSERT_TRUE(fixture.store->database().Execute("UPDATE debtors SET first_name = last_name WHERE id = 2").ok());
  auto detail = fixture.store->ReadDossier(2, TestActor());
  ASSERT_FALSE(detail.ok());
  EXPECT_EQ(detail.error().code, ErrorCode::kCrypto);
}

TEST(ListDossiers, FiltersByStatusAndBatch) {
  StoreFixture fixture;
  ASSERT_TRUE(fixture.store->ImportDebtors(MakeDebtors(0, 4), TestImport()).ok());
  ASSERT_TRUE(fixture.store->ImportDebtors(MakeDebtors(10, 3, "F"), TestImport()).ok());
  auto all = fixture.store->ListDossiers({}, TestActor());
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 7u);
  auto second = fixture.store->ListDossiers({std::nullopt, 2}, TestActor());
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->size(), 3u);
  auto paused = fixture.store->ListDossiers({std::string("client_paused"), std::nullopt}, TestActor());
  ASSERT_TRUE(paused.ok());
  EXPECT_TRUE(paused->empty());
}

}  // namespace
}  // namespace adempauze::store
