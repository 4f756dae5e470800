// A calendar date without time zone, and the clock the product reads "today" from.
#pragma once

#include <compare>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace adempauze {

struct CivilDate {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31

  auto operator<=>(const CivilDate&) const = default;

  // Returns "YYYY-MM-DD".
  std::string ToIso() const;
  // Parses "YYYY-MM-DD"; returns nullopt for anything else or an impossible date.
  static std::optional<CivilDate> FromIso(std::string_view text);
  // Returns the number of days since 1970-01-01 (negative before).
  long DaysSinceEpoch() const;
  static CivilDate FromDaysSinceEpoch(long days);
};

bool IsLeapYear(int year);
// Returns the number of days in `month` of `year`, or 0 for a month outside 1..12.
int DaysInMonth(int year, int month);
// Returns true when year, month and day form an existing Gregorian date.
bool IsValidDate(int year, int month, int day);

// Today's date in UTC from the system clock. Code that needs "today" takes a CivilDate
// parameter instead of calling this, so tests can fix the date.
CivilDate TodayUtc();

}  // namespace adempauze
