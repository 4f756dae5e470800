// Queries that the enforcement calls on a loaded protocol: period, suspension, fields.
#include "adempauze/protocol/protocol.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "protocol/protocol_test_support.h"

namespace adempauze::protocol {
namespace {

using testing_support::kValidProtocol;
using testing_support::ParseExpectingValid;
using testing_support::ValidWith;

class ProtocolQueries : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<Protocol> loaded = ParseExpectingValid(kValidProtocol);  // 2021-04-01 .. 2021-12-31
    ASSERT_TRUE(loaded.ok());
    protocol_.emplace(std::move(loaded).value());
  }
  const Protocol& protocol() const { return *protocol_; }

 private:
  std::optional<Protocol> protocol_;
};

TEST_F(ProtocolQueries, InForceFromStartDayThroughEndDay) {
  EXPECT_FALSE(protocol().IsInForce({2021, 3, 31}));
  EXPECT_TRUE(protocol().IsInForce({2021, 4, 1}));
  EXPECT_TRUE(protocol().IsInForce({2021, 8, 15}));
  EXPECT_TRUE(protocol().IsInForce({2021, 12, 31}));
  EXPECT_FALSE(protocol().IsInForce({2022, 1, 1}));
}

TEST_F(ProtocolQueries, PeriodAndFollowUp) {
  EXPECT_EQ(protocol().Period().start, (CivilDate{2021, 4, 1}));
  EXPECT_EQ(protocol().Period().end, (CivilDate{2021, 12, 31}));
  EXPECT_EQ(protocol().FollowUpDays(), 60);
}

TEST_F(ProtocolQueries, DeletionDeadlineIsEndPlusRetentionDays) {
  EXPECT_EQ(protocol().DeletionDeadline(), (CivilDate{2022, 3, 31}));  // 90 days after 31 Dec
}

TEST_F(ProtocolQueries, ExchangeAllowedInsidePeriod) {
  EXPECT_TRUE(protocol().CheckExchangeAllowed({2021, 4, 1}, false).ok());
  EXPECT_TRUE(protocol().CheckExchangeAllowed({2021, 12, 31}, false).ok());
}

TEST_F(ProtocolQueries, ExchangeRefusedTheDayBeforeStart) {
  const Status status = protocol().CheckExchangeAllowed({2021, 3, 31}, false);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(status.error().message_key, "protocol.exchange.not_yet_in_force");
  EXPECT_EQ(status.error().args,
            (std::vector<std::string>{"test-protocol", "2021-04-01", "2021-03-31"}));
  EXPECT_EQ(status.error().Render(Language::kDutch),
            "Uitwisseling geweigerd: protocol test-protocol geldt pas vanaf 2021-04-01 (gevraagde "
            "datum: 2021-03-31). Wacht tot die datum of laad een protocol dat nu geldt.");
}

TEST_F(ProtocolQueries, ExchangeRefusedTheDayAfterEnd) {
  const Status status = protocol().CheckExchangeAllowed({2022, 1, 1}, false);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().message_key, "protocol.exchange.expired");
  EXPECT_EQ(status.error().args,
            (std::vector<std::string>{"test-protocol", "2021-12-31", "2022-01-01"}));
}

TEST_F(ProtocolQueries, ExchangeRefusedWhileSuspended) {
  const Status status = protocol().CheckExchangeAllowed({2021, 6, 1}, true);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(status.error().message_key, "protocol.exchange.suspended");
  EXPECT_EQ(status.error().Render(Language::kDutch),
            "Uitwisseling geweigerd: de uitwisseling onder protocol test-protocol is geschorst. "
            "Alleen de functionaris voor gegevensbescherming kan ze hervatten.");
}

TEST_F(ProtocolQueries, PeriodCheckedBeforeSuspension) {
  const Status status = protocol().CheckExchangeAllowed({2022, 1, 1}, true);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().message_key, "protocol.exchange.expired");
}

TEST_F(ProtocolQueries, AllowsListedFieldsOnlyInTheirDirection) {
  EXPECT_TRUE(protocol().AllowsField(Direction::kCityToOcmw, Field::kNationalNumber));
  EXPECT_TRUE(protocol().AllowsField(Direction::kCityToOcmw, Field::kDossierNumber));
  EXPECT_TRUE(protocol().AllowsField(Direction::kOcmwToCity, Field::kClientOcmw));
  EXPECT_TRUE(protocol().AllowsField(Direction::kOcmwToCity, Field::kResumeCollection));
  EXPECT_FALSE(protocol().AllowsField(Direction::kOcmwToCity, Field::kNationalNumber));
  EXPECT_FALSE(protocol().AllowsField(Direction::kCityToOcmw, Field::kClientOcmw));
}

TEST_F(ProtocolQueries, AllowsFieldByKey) {
  EXPECT_TRUE(protocol().AllowsField(Direction::kCityToOcmw, "first_name"));
  EXPECT_FALSE(protocol().AllowsField(Direction::kCityToOcmw, "phone_number"));
  EXPECT_FALSE(protocol().AllowsField(Direction::kCityToOcmw, "birth_date"));
  EXPECT_FALSE(protocol().AllowsField(Direction::kCityToOcmw, "First_Name"));
  EXPECT_FALSE(protocol().AllowsField(Direction::kCityToOcmw, ""));
}

TEST(ProtocolFields, AddressInPartsAllowsTheWholeLine) {
  Result<Protocol> protocol = ParseExpectingValid(kValidProtocol);  // street, house_number
  ASSERT_TRUE(protocol.ok());
  EXPECT_TRUE(protocol->AllowsField(Direction::kCityToOcmw, Field::kStreetAndHouseNumber));
}

TEST(ProtocolFields, WholeAddressLineAllowsItsParts) {
  Result<Protocol> protocol =
      ParseExpectingValid(ValidWith("\"street\", \"house_number\"", "\"street_and_house_number\""));
  ASSERT_TRUE(protocol.ok());
  EXPECT_TRUE(protocol->AllowsField(Direction::kCityToOcmw, Field::kStreet));
  EXPECT_TRUE(protocol->AllowsField(Direction::kCityToOcmw, Field::kHouseNumber));
}

TEST(ProtocolFields, StreetAloneDoesNotAllowTheAddressLine) {
  Result<Protocol> protocol =
      ParseExpectingValid(ValidWith("\"street\", \"house_number\"", "\"street\""));
  ASSERT_TRUE(protocol.ok());
  EXPECT_TRUE(protocol->AllowsField(Direction::kCityToOcmw, Field::kStreet));
  EXPECT_FALSE(protocol->AllowsField(Direction::kCityToOcmw, Field::kHouseNumber));
  EXPECT_FALSE(protocol->AllowsField(Direction::kCityToOcmw, Field::kStreetAndHouseNumber));
}

TEST(ProtocolFields, UnlistedFieldIsRefused) {
  Result<Protocol> protocol =
      ParseExpectingValid(ValidWith("[\"first_name\", \"last_name\", ", "[\"last_name\", "));
  ASSERT_TRUE(protocol.ok());
  EXPECT_FALSE(protocol->AllowsField(Direction::kCityToOcmw, Field::kFirstName));

  const Status status = protocol->CheckFieldAllowed(Direction::kCityToOcmw, "first_name");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(status.error().message_key, "protocol.exchange.field_not_allowed");
  EXPECT_EQ(status.error().args,
            (std::vector<std::string>{"first_name", "test-protocol",
                                      "last_name, national_number, street, house_number, "
                                      "dossier_number"}));
  EXPECT_TRUE(protocol->CheckFieldAllowed(Direction::kCityToOcmw, "last_name").ok());
}

TEST(ProtocolFields, KeysRoundTrip) {
  for (Field field : AllFields()) {
    EXPECT_EQ(ParseField(FieldKey(field)), field) << FieldKey(field);
  }
  EXPECT_EQ(ParseField("client_ocmw"), Field::kClientOcmw);
  EXPECT_EQ(FieldDirection(Field::kResumeCollection), Direction::kOcmwToCity);
  EXPECT_EQ(FieldDirection(Field::kDossierNumber), Direction::kCityToOcmw);
  EXPECT_FALSE(ParseField("amount").has_value());
}

TEST(ProtocolFields, EveryFieldHasADocumentLabel) {
  for (Field field : AllFields()) {
    EXPECT_TRUE(HasMessage("protocol.doc.field." + std::string(FieldKey(field))))
        << FieldKey(field);
  }
}

}  // namespace
}  // namespace adempauze::protocol
