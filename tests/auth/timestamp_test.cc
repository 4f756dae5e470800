// Parsing and moving the timestamps that Store::Now() writes.
#include "auth/timestamp.h"

#include <gtest/gtest.h>

namespace adempauze::auth {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;

TEST(Timestamp, RoundTrips) {
  for (const char* text : {"2021-04-01T10:00:00.000Z", "1970-01-01T00:00:00.000Z", "2024-02-29T23:59:59.999Z",
                           "1969-12-31T23:59:59.001Z"}) {
    std::optional<TimePoint> parsed = ParseTimestamp(text);
    ASSERT_TRUE(parsed.has_value()) << text;
    EXPECT_EQ(FormatTimestamp(*parsed), text);
  }
  EXPECT_EQ(ParseTimestamp("1970-01-01T00:00:01.500Z")->time_since_epoch(), milliseconds(1500));
}

TEST(Timestamp, RejectsOtherShapes) {
  for (const char* text : {"", "2021-04-01", "2021-04-01T10:00:00Z", "2021-04-01 10:00:00.000Z",
                           "2021-04-01T10:00:00.000", "2021-02-30T10:00:00.000Z", "2021-04-01T24:00:00.000Z",
                           "2021-04-01T10:60:00.000Z", "2021-04-01T10:00:60.000Z", "2021-13-01T10:00:00.000Z",
                           "2021-04-0aT10:00:00.000Z", "+021-04-01T10:00:00.000Z"}) {
    EXPECT_FALSE(ParseTimestamp(text).has_value()) << text;
  }
}

TEST(Timestamp, AddsAcrossDayMonthAndYear) {
  EXPECT_EQ(AddToTimestamp("2021-04-01T23:50:00.000Z", minutes(15)), "2021-04-02T00:05:00.000Z");
  EXPECT_EQ(AddToTimestamp("2021-12-31T20:00:00.000Z", hours(10)), "2022-01-01T06:00:00.000Z");
  EXPECT_EQ(AddToTimestamp("2021-03-01T00:10:00.000Z", -minutes(30)), "2021-02-28T23:40:00.000Z");
  EXPECT_EQ(AddToTimestamp("2021-04-01T10:00:00.999Z", milliseconds(1)), "2021-04-01T10:00:01.000Z");
  EXPECT_FALSE(AddToTimestamp("gisteren", minutes(1)).has_value());
}

TEST(Timestamp, FormattedTimesSortAsStrings) {
  const TimePoint start = *ParseTimestamp("2021-04-01T09:59:59.999Z");
  std::string previous = FormatTimestamp(start);
  for (int step = 1; step < 50; ++step) {
    const std::string next = FormatTimestamp(start + milliseconds(step * 37'001));
    EXPECT_LT(previous, next);
    previous = next;
  }
}

}  // namespace
}  // namespace adempauze::auth
