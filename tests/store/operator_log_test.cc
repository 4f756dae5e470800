// Operator logs (spdlog) carry ids, counts and durations, never personal data.
#include <sstream>

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include "store/store_test_support.h"

namespace adempauze::store {
namespace {

using namespace testing_support;

TEST(OperatorLog, ImportAndReadLogNoPersonalData) {
  std::ostringstream captured;
  auto previous = spdlog::default_logger();
  auto logger = std::make_shared<spdlog::logger>("capture", std::make_shared<spdlog::sinks::ostream_sink_mt>(captured));
  logger->set_level(spdlog::level::trace);
  spdlog::set_default_logger(logger);

  {
    StoreFixture fixture;
    ASSERT_TRUE(fixture.store->ImportDebtors(MakeDebtors(0, 20), TestImport()).ok());
    ASSERT_TRUE(fixture.store->ImportClients(MakeClients(10, 20), TestImport()).ok());
    ASSERT_TRUE(fixture.store->ReadDossier(3, TestActor()).ok());
    ImportOptions failing = TestImport();
    failing.fault = ImportFault{ImportFault::Kind::kFail, 5};
    ASSERT_FALSE(fixture.store->ImportDebtors(MakeDebtors(100, 10, "X"), failing).ok());
    ASSERT_TRUE(fixture.store->access_log().Verify().ok());
  }
  spdlog::set_default_logger(previous);

  const std::string log = captured.str();
  EXPECT_NE(log.find("imported debtor batch 1: 20 rows"), std::string::npos) << log;
  for (std::size_t person = 0; person < 30; ++person) {
    EXPECT_EQ(log.find(PersonNumber(person)), std::string::npos) << person;
    EXPECT_EQ(log.find(nn::Format(PersonNumber(person))), std::string::npos) << person;
  }
  for (const char* name : kLastNames) EXPECT_EQ(log.find(name), std::string::npos) << name;
  for (const char* name : kFirstNames) EXPECT_EQ(log.find(std::string(" ") + name + " "), std::string::npos) << name;
  EXPECT_EQ(log.find("Kerkstraat"), std::string::npos);
}

}  // namespace
}  // namespace adempauze::store
