// Compact lists of row ids for access-log details.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace adempauze::store {

// Returns `ids` sorted as ranges ("3-7,9"), or "-" when there are none, so a list read logs
// which rows it showed in a few bytes when the ids are contiguous.
std::string IdRanges(std::vector<std::int64_t> ids);

}  // namespace adempauze::store
