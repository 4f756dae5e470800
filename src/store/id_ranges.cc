#include "store/id_ranges.h"

#include <algorithm>

#include <fmt/format.h>

namespace adempauze::store {

std::string IdRanges(std::vector<std::int64_t> ids) {
  std::sort(ids.begin(), ids.end());
  std::string out;
  for (std::size_t i = 0; i < ids.size();) {
    std::size_t end = i;
    while (end + 1 < ids.size() && ids[end + 1] == ids[end] + 1) ++end;
    if (!out.empty()) out += ',';
    out += end == i ? std::to_string(ids[i]) : fmt::format("{}-{}", ids[i], ids[end]);
    i = end + 1;
  }
  return out.empty() ? "-" : out;
}

}  // namespace adempauze::store
