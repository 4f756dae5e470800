// The protocol in the installation: storing it, suspension, and the exchange gate.
#include <gtest/gtest.h>

#include "adempauze/store/protocol_state.h"
#include "store/store_test_support.h"

namespace adempauze::store {
namespace {

using namespace testing_support;

std::string PilotText() {
  return ReadFileBytes(std::string(ADEMPAUZE_TEST_DATA) + "/../../config/protocols/pilot-2021.toml");
}

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// Returns the last access-log entry.
AccessEntry LastEntry(Store& store) {
  auto entries = store.access_log().Read(0, 100000);
  EXPECT_TRUE(entries.ok());
  return entries->empty() ? AccessEntry{} : entries->back();
}

TEST(ProtocolState, InstallStoresTextAndHash) {
  StoreFixture fixture;
  auto installed = InstallProtocol(*fixture.store, PilotText(), "pilot-2021.toml", TestActor(), nullptr);
  ASSERT_TRUE(installed.ok()) << installed.error().Render(Language::kEnglish);
  fixture.Reopen();
  auto state = ReadExchangeState(*fixture.store);
  ASSERT_TRUE(state.ok());
  ASSERT_TRUE(state->installed.has_value());
  EXPECT_EQ(state->installed->protocol.id(), "adembeek-pilot-2021");
  EXPECT_EQ(state->installed->definition, PilotText());
  EXPECT_EQ(state->installed->sha256, Sha256Hex(PilotText()));
  EXPECT_FALSE(state->suspended);
  EXPECT_EQ(LastEntry(*fixture.store).action, "protocol_load");
}

TEST(ProtocolState, InvalidProtocolIsNotStored) {
  StoreFixture fixture;
  std::vector<protocol::ProtocolProblem> problems;
  const std::string broken = Replace(PilotText(), "follow_up_days = 60", "follow_up_days = 0");
  auto installed = InstallProtocol(*fixture.store, broken, "broken.toml", TestActor(), &problems);
  ASSERT_FALSE(installed.ok());
  EXPECT_EQ(installed.error().message_key, "protocol.file.invalid");
  EXPECT_FALSE(problems.empty());
  auto state = ReadExchangeState(*fixture.store);
  ASSERT_TRUE(state.ok());
  EXPECT_FALSE(state->installed.has_value());
}

TEST(ProtocolState, ChangedStoredTextIsCorrupt) {
  StoreFixture fixture;
  ASSERT_TRUE(InstallProtocol(*fixture.store, PilotText(), "p.toml", TestActor(), nullptr).ok());
  ASSERT_TRUE(fixture.store->database().Execute("UPDATE protocols SET sha256 = 'x'").ok());
  auto state = ReadExchangeState(*fixture.store);
  ASSERT_FALSE(state.ok());
  EXPECT_EQ(state.error().message_key, "store.protocol.stored_invalid");
}

struct GateCase {
  const char* name;
  bool load;
  bool suspend;
  CivilDate today;
  const char* expected_key;  // empty: allowed
};

TEST(ProtocolState, GateDecidesEveryExchange) {
  const GateCase cases[] = {
      {"no protocol", false, false, {2021, 5, 1}, "store.protocol.none_loaded"},
      {"before the period", true, false, {2021, 3, 31}, "protocol.exchange.not_yet_in_force"},
      {"first day", true, false, {2021, 4, 1}, ""},
      {"last day", true, false, {2021, 12, 31}, ""},
      {"after the period", true, false, {2022, 1, 1}, "protocol.exchange.expired"},
      {"suspended", true, true, {2021, 5, 1}, "protocol.exchange.suspended"},
  };
  const Exchange exchanges[] = {Exchange::kImportDebtors, Exchange::kImportClients, Exchange::kMatch,
                                Exchange::kStatusChange, Exchange::kExport};
  for (const GateCase& test : cases) {
    SCOPED_TRACE(test.name);
    StoreFixture fixture;
    if (test.load) ASSERT_TRUE(InstallProtocol(*fixture.store, PilotText(), "p.toml", TestActor(), nullptr).ok());
    if (test.suspend) ASSERT_TRUE(SuspendExchange(*fixture.store, "inbreuk onderzocht", TestActor()).ok());
    for (Exchange exchange : exchanges) {
      auto allowed = AuthorizeExchange(*fixture.store, exchange, TestActor(), test.today);
      const AccessEntry last = LastEntry(*fixture.store);
      if (std::string(test.expected_key).empty()) {
        EXPECT_TRUE(allowed.ok()) << allowed.error().message_key;
        continue;
      }
      ASSERT_FALSE(allowed.ok());
      EXPECT_EQ(allowed.error().message_key, test.expected_key);
      EXPECT_EQ(last.outcome, "denied");
      EXPECT_EQ(last.action, ExchangeAction(exchange));
      EXPECT_EQ(last.detail, std::string("reason=") + test.expected_key);
    }
  }
}

TEST(ProtocolState, NarrowedProtocolRefusesDebtorImport) {
  StoreFixture fixture;
  const std::string narrowed = Replace(PilotText(), "\"street\", \"house_number\", ", "");
  auto installed = InstallProtocol(*fixture.store, narrowed, "narrow.toml", TestActor(), nullptr);
  ASSERT_TRUE(installed.ok()) << installed.error().Render(Language::kEnglish);
  auto allowed = AuthorizeExchange(*fixture.store, Exchange::kImportDebtors, TestActor(), kToday);
  ASSERT_FALSE(allowed.ok());
  EXPECT_EQ(allowed.error().message_key, "protocol.exchange.field_not_allowed");
  EXPECT_EQ(allowed.error().args[0], "street");
  EXPECT_EQ(LastEntry(*fixture.store).outcome, "denied");
  // The client list is the OCMW's own data and is not limited by the city's fields.
  EXPECT_TRUE(AuthorizeExchange(*fixture.store, Exchange::kImportClients, TestActor(), kToday).ok());
}

TEST(ProtocolState, SuspendAndResumeAreLoggedWithReason) {
  StoreFixture fixture;
  ASSERT_TRUE(InstallProtocol(*fixture.store, PilotText(), "p.toml", TestActor(), nullptr).ok());
  Actor officer{"cli:fg", std::string(kDataProtectionOfficerRole), "collection_pause"};

  EXPECT_EQ(ResumeExchange(*fixture.store, "x", officer).error().message_key, "store.protocol.not_suspended");
  EXPECT_EQ(SuspendExchange(*fixture.store, "  ", officer).error().message_key, "store.protocol.reason_required");
  ASSERT_TRUE(SuspendExchange(*fixture.store, "inbreuk gemeld", officer).ok());
  AccessEntry last = LastEntry(*fixture.store);
  EXPECT_EQ(last.action, "exchange_suspend");
  EXPECT_EQ(last.role, "officer");
  EXPECT_EQ(last.detail, "reason=inbreuk gemeld");
  EXPECT_EQ(SuspendExchange(*fixture.store, "nogmaals", officer).error().message_key,
            "store.protocol.already_suspended");

  ASSERT_TRUE(ResumeExchange(*fixture.store, "maatregelen genomen", officer).ok());
  EXPECT_EQ(LastEntry(*fixture.store).action, "exchange_resume");
  auto state = ReadExchangeState(*fixture.store);
  ASSERT_TRUE(state.ok());
  EXPECT_FALSE(state->suspended);
  EXPECT_TRUE(AuthorizeExchange(*fixture.store, Exchange::kMatch, TestActor(), kToday).ok());
  EXPECT_TRUE(fixture.store->access_log().Verify()->ok());
}

}  // namespace
}  // namespace adempauze::store
