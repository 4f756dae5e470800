// Text clean-up for field values and header comparison.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace adempauze::ingest {

struct CleanText {
  std::string text;
  bool removed_control = false;  // a control or invisible format character was removed
};

// Cleans one field value. Control characters (C0 except whitespace, DEL, C1) and invisible
// format characters (zero-width space, BOM) are removed. Tabs, line breaks and Unicode spaces
// such as the no-break space count as whitespace, which is trimmed, and every inner run of it
// becomes one space. The result is in Unicode normalisation form C, and invalid UTF-8 bytes
// become U+FFFD.
CleanText CleanField(std::string_view raw);

// Returns the key under which a header is compared: case folded, diacritics removed, and
// only letters and digits kept ("Cliënt-nummer " -> "clientnummer").
std::string HeaderKey(std::string_view header);

// Returns the number of code points of UTF-8 text.
std::size_t CodePointCount(std::string_view text);

// Returns the first `max_code_points` code points of `text`, followed by "…" when cut.
std::string Abbreviate(std::string_view text, std::size_t max_code_points);

struct StreetAndNumber {
  std::string street;
  std::string house_number;  // "12", "12A", "12/3", "12 bus 3"
};

// Splits an address such as "Kerkstraat 12 bus 3" into street and house number. The house
// number starts at the first word, from the second word on, that starts with a digit and is
// followed by nothing, by a single letter, or by a box word (bus, box, bte, b) and one more
// word. So "Straat van 1830 45" splits before "45". Returns nullopt when no word fits.
// REQUIRES: `address` is cleaned (single spaces, trimmed).
std::optional<StreetAndNumber> SplitStreetAndNumber(std::string_view address);

}  // namespace adempauze::ingest
