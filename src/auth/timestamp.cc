#include "auth/timestamp.h"

#include <fmt/format.h>

#include "adempauze/common/civil_date.h"

namespace adempauze::auth {
namespace {

// Reads `width` decimal digits at `offset`; nullopt when any is not a digit.
std::optional<int> Digits(std::string_view text, std::size_t offset, std::size_t width) {
  int value = 0;
  for (std::size_t i = offset; i < offset + width; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

}  // namespace

std::optional<TimePoint> ParseTimestamp(std::string_view text) {
  // Positions in "YYYY-MM-DDTHH:MM:SS.mmmZ".
  constexpr std::string_view kShape = "0000-00-00T00:00:00.000Z";
  if (text.size() != kShape.size()) return std::nullopt;
  for (std::size_t i = 0; i < kShape.size(); ++i) {
    if (kShape[i] != '0' && text[i] != kShape[i]) return std::nullopt;
  }
  std::optional<int> year = Digits(text, 0, 4), month = Digits(text, 5, 2), day = Digits(text, 8, 2);
  std::optional<int> hour = Digits(text, 11, 2), minute = Digits(text, 14, 2), second = Digits(text, 17, 2);
  std::optional<int> millis = Digits(text, 20, 3);
  if (!year || !month || !day || !hour || !minute || !second || !millis) return std::nullopt;
  if (!IsValidDate(*year, *month, *day) || *hour > 23 || *minute > 59 || *second > 59) return std::nullopt;

  const long days = CivilDate{*year, *month, *day}.DaysSinceEpoch();
  return TimePoint(std::chrono::milliseconds(((static_cast<long long>(days) * 24 + *hour) * 60 + *minute) * 60'000LL +
                                             *second * 1000LL + *millis));
}

std::string FormatTimestamp(TimePoint time) {
  const long long millis = time.time_since_epoch().count();
  // Floor division, so times before 1970 land on the right day.
  long long days = millis / 86'400'000;
  long long in_day = millis % 86'400'000;
  if (in_day < 0) {
    in_day += 86'400'000;
    days -= 1;
  }
  const CivilDate date = CivilDate::FromDaysSinceEpoch(static_cast<long>(days));
  return fmt::format("{}T{:02}:{:02}:{:02}.{:03}Z", date.ToIso(), in_day / 3'600'000, in_day / 60'000 % 60,
                     in_day / 1000 % 60, in_day % 1000);
}

std::optional<std::string> AddToTimestamp(std::string_view timestamp, std::chrono::milliseconds offset) {
  std::optional<TimePoint> parsed = ParseTimestamp(timestamp);
  if (!parsed) return std::nullopt;
  return FormatTimestamp(*parsed + offset);
}

}  // namespace adempauze::auth
