// Jaro, Jaro-Winkler, optimal string alignment and Damerau-Levenshtein distances.
#include <algorithm>
#include <array>
#include <bit>
#include <cassert>
#include <cstdint>
#include <string_view>
#include <vector>

#include "adempauze/fuzzy/comparators.h"

namespace adempauze::fuzzy {
namespace {

// Strings up to this length are compared in stack buffers, without allocating.
constexpr std::size_t kStackLength = 64;

// A byte buffer on the stack for short strings, on the heap for long ones.
template <typename T>
class ScratchBuffer {
 public:
  explicit ScratchBuffer(std::size_t size) : size_(size) {
    if (size > kStackLength + 1) heap_.resize(size);
    std::fill(Data(), Data() + size_, T{});
  }
  T* Data() { return size_ > kStackLength + 1 ? heap_.data() : stack_.data(); }
  T& operator[](std::size_t i) { return Data()[i]; }

 private:
  std::size_t size_;
  std::array<T, kStackLength + 1> stack_;
  std::vector<T> heap_;
};

double JaroFromCounts(std::size_t matches, std::size_t out_of_order, std::size_t a_size,
                      std::size_t b_size) {
  if (matches == 0) return 0.0;
  const double m = static_cast<double>(matches);
  const double t = static_cast<double>(out_of_order) / 2.0;
  return (m / static_cast<double>(a_size) + m / static_cast<double>(b_size) + (m - t) / m) / 3.0;
}

// Jaro for strings of at most 64 bytes with bit masks: for each byte of `a` the unmatched
// positions of `b` inside the window are one AND away. Buckets by the low five bits of a
// byte, so a bucket can hold other bytes, which the loop skips.
double JaroShort(std::string_view a, std::string_view b) {
  std::array<std::uint64_t, 32> positions{};
  for (std::size_t j = 0; j < b.size(); ++j) {
    positions[static_cast<unsigned char>(b[j]) & 31u] |= std::uint64_t{1} << j;
  }

  const std::size_t longest = std::max(a.size(), b.size());
  const std::size_t window = longest / 2 > 0 ? longest / 2 - 1 : 0;
  std::uint64_t a_matched = 0;
  std::uint64_t b_matched = 0;
  std::size_t matches = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::size_t low = i > window ? i - window : 0;
    const std::size_t high = std::min(b.size(), i + window + 1);  // exclusive
    if (low >= high) continue;
    const std::uint64_t in_window =
        (high - low == 64 ? ~std::uint64_t{0} : ((std::uint64_t{1} << (high - low)) - 1)) << low;
    std::uint64_t options =
        positions[static_cast<unsigned char>(a[i]) & 31u] & in_window & ~b_matched;
    while (options != 0) {
      const int j = std::countr_zero(options);
      if (b[static_cast<std::size_t>(j)] == a[i]) {
        a_matched |= std::uint64_t{1} << i;
        b_matched |= std::uint64_t{1} << j;
        ++matches;
        break;
      }
      options &= options - 1;
    }
  }
  if (matches == 0) return 0.0;

  std::size_t out_of_order = 0;
  std::uint64_t a_rest = a_matched;
  std::uint64_t b_rest = b_matched;
  while (a_rest != 0) {
    const int i = std::countr_zero(a_rest);
    const int j = std::countr_zero(b_rest);
    if (a[static_cast<std::size_t>(i)] != b[static_cast<std::size_t>(j)]) ++out_of_order;
    a_rest &= a_rest - 1;
    b_rest &= b_rest - 1;
  }
  return JaroFromCounts(matches, out_of_order, a.size(), b.size());
}

}  // namespace

double Jaro(std::string_view a, std::string_view b) {
  if (a.empty() && b.empty()) return 1.0;
  if (a.empty() || b.empty()) return 0.0;
  if (a.size() <= kStackLength && b.size() <= kStackLength) return JaroShort(a, b);

  // Step 1: match each byte of `a` with the first unmatched equal byte of `b` in the window.
  const std::size_t longest = std::max(a.size(), b.size());
  const std::size_t window = longest / 2 > 0 ? longest / 2 - 1 : 0;
  ScratchBuffer<char> a_matched(a.size());
  ScratchBuffer<char> b_matched(b.size());
  std::size_t matches = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::size_t low = i > window ? i - window : 0;
    const std::size_t high = std::min(b.size(), i + window + 1);
    for (std::size_t j = low; j < high; ++j) {
      if (b_matched[j] || a[i] != b[j]) continue;
      a_matched[i] = 1;
      b_matched[j] = 1;
      ++matches;
      break;
    }
  }
  if (matches == 0) return 0.0;

  // Step 2: count matched bytes that appear in a different order; half of them are
  // transpositions.
  std::size_t out_of_order = 0;
  std::size_t j = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!a_matched[i]) continue;
    while (!b_matched[j]) ++j;
    if (a[i] != b[j]) ++out_of_order;
    ++j;
  }
  return JaroFromCounts(matches, out_of_order, a.size(), b.size());
}

bool IsWithinOneEdit(std::string_view a, std::string_view b) {
  if (a.size() < b.size()) std::swap(a, b);
  if (a.size() - b.size() > 1) return false;
  std::size_t first = 0;
  while (first < b.size() && a[first] == b[first]) ++first;
  if (first == b.size()) return true;  // equal, or `a` has one byte more at the end
  if (a.size() != b.size()) return a.substr(first + 1) == b.substr(first);  // one deletion
  if (a.substr(first + 1) == b.substr(first + 1)) return true;              // one substitution
  return first + 1 < a.size() && a[first] == b[first + 1] && a[first + 1] == b[first] &&
         a.substr(first + 2) == b.substr(first + 2);  // one adjacent transposition
}

double JaroWinkler(std::string_view a, std::string_view b, double prefix_scale,
                   double boost_threshold) {
  assert(prefix_scale >= 0.0);
  assert(prefix_scale <= 0.25);
  const double jaro = Jaro(a, b);
  if (jaro <= boost_threshold) return jaro;
  std::size_t prefix = 0;
  const std::size_t max_prefix = std::min<std::size_t>({4, a.size(), b.size()});
  while (prefix < max_prefix && a[prefix] == b[prefix]) ++prefix;
  return jaro + static_cast<double>(prefix) * prefix_scale * (1.0 - jaro);
}

int OsaDistance(std::string_view a, std::string_view b) {
  if (a.empty()) return static_cast<int>(b.size());
  if (b.empty()) return static_cast<int>(a.size());

  // Three rows of the dynamic programme: two rows back (for transpositions), the previous
  // row and the current one.
  const std::size_t width = b.size() + 1;
  ScratchBuffer<int> before(width);
  ScratchBuffer<int> previous(width);
  ScratchBuffer<int> current(width);
  for (std::size_t j = 0; j < width; ++j) previous[j] = static_cast<int>(j);

  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = static_cast<int>(i);
    for (std::size_t j = 1; j < width; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      int best = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        best = std::min(best, before[j - 2] + 1);
      }
      current[j] = best;
    }
    std::swap_ranges(before.Data(), before.Data() + width, previous.Data());
    std::swap_ranges(previous.Data(), previous.Data() + width, current.Data());
  }
  return previous[b.size()];
}

int DamerauLevenshteinDistance(std::string_view a, std::string_view b) {
  // Lowrance and Wagner's algorithm over the byte alphabet. The matrix has a border row and
  // column holding `infinity`, so a transposition never reaches outside the strings.
  const std::size_t rows = a.size() + 2;
  const std::size_t columns = b.size() + 2;
  const int infinity = static_cast<int>(a.size() + b.size());
  std::vector<int> table(rows * columns, 0);
  auto at = [&](std::size_t i, std::size_t j) -> int& { return table[i * columns + j]; };

  at(0, 0) = infinity;
  for (std::size_t i = 0; i <= a.size(); ++i) {
    at(i + 1, 0) = infinity;
    at(i + 1, 1) = static_cast<int>(i);
  }
  for (std::size_t j = 0; j <= b.size(); ++j) {
    at(0, j + 1) = infinity;
    at(1, j + 1) = static_cast<int>(j);
  }

  std::array<std::size_t, 256> last_row_of{};  // last row where each byte occurred in `a`
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t last_match_column = 0;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t k = last_row_of[static_cast<unsigned char>(b[j - 1])];
      const std::size_t l = last_match_column;
      int cost = 1;
      if (a[i - 1] == b[j - 1]) {
        cost = 0;
        last_match_column = j;
      }
      const int transposition =
          at(k, l) + static_cast<int>(i - k - 1) + 1 + static_cast<int>(j - l - 1);
      at(i + 1, j + 1) =
          std::min({at(i, j) + cost, at(i + 1, j) + 1, at(i, j + 1) + 1, transposition});
    }
    last_row_of[static_cast<unsigned char>(a[i - 1])] = i;
  }
  return at(a.size() + 1, b.size() + 1);
}

}  // namespace adempauze::fuzzy
