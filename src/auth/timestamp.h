// Timestamps as Store::Now() writes them: "YYYY-MM-DDTHH:MM:SS.mmmZ" in UTC. The format is
// fixed-width, so two valid timestamps compare in time order as strings. The helpers here
// parse them for arithmetic (session lifetimes, the end of a lockout).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace adempauze::auth {

using TimePoint = std::chrono::sys_time<std::chrono::milliseconds>;

// Parses "YYYY-MM-DDTHH:MM:SS.mmmZ". Returns nullopt for any other text or an impossible
// date or time of day.
std::optional<TimePoint> ParseTimestamp(std::string_view text);

// Formats `time` as "YYYY-MM-DDTHH:MM:SS.mmmZ". REQUIRES: a year between 0 and 9999.
std::string FormatTimestamp(TimePoint time);

// Returns `timestamp` moved by `offset`, or nullopt when `timestamp` cannot be parsed.
std::optional<std::string> AddToTimestamp(std::string_view timestamp, std::chrono::milliseconds offset);

}  // namespace adempauze::auth
