// Streets, house numbers and postcodes prepared for comparison. The rules are specified in
// docs/formats/fuzzy-matching.md, section "Addresses".
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace adempauze::fuzzy {

// Normalises a street name for comparison. The name is folded (FoldForComparison) and
// the abbreviations of the street type are written out: "str." → straat, "stwg."/"stw." →
// steenweg, "ln." → laan, "pl." → plein, "bd."/"bld."/"blvd." → boulevard, "dr." → dreef,
// "wg." → weg, "av." → avenue. Titles before a name are written out too: "St."/"Ste." →
// sint/sinte, "Dr." → dokter, "Kon." → koning, "Burg." → burgemeester. The words are
// joined without spaces or hyphens, so "St.-Jansstr." and "Sint-Jansstraat" both give
// "sintjansstraat". Returns an empty string when the street has no letters or digits.
std::string NormaliseStreet(std::string_view street);

// A house number as Belgian addresses write it.
struct HouseNumber {
  int number = 0;      // the number itself, 1..99999
  int range_end = 0;   // "12-14" → 14; 0 without a range
  std::string suffix;  // letter suffix, folded: "12A" → "a", "12bis" → "bis"
  std::string box;     // box ("bus") number or letter, leading zeros removed: "12 bus 03" → "3"

  bool operator==(const HouseNumber&) const = default;
};

// Parses "12", "12A", "12 A", "12bis", "12 bus 3", "12 b 3", "12/3", "12 bte 3",
// "12 box 3", "12-14", "nr. 12" and combinations such as "12A bus 2". A "b" directly
// followed by a box value is read as a box ("12b3" → box 3). A "b" at the end is a letter
// suffix ("12b"). Returns nullopt when the text does not start with a number (after an
// optional "nr", "no" or "n°"), or the number is 0 or above 99999.
std::optional<HouseNumber> ParseHouseNumber(std::string_view text);

// A street column split into street and house number ("Kerkstraat 12 bus 3").
struct StreetAndNumber {
  std::string street;
  std::string house_number;  // empty when none was found
};

// Splits "Kerkstraat 12 bus 3" into street and house number at the first word that starts
// with a digit and is followed only by house-number words. A number inside the street's
// name ("Rue du 11 Novembre") stays in the street, because other words follow it. Returns
// the whole text as street when no number is found.
StreetAndNumber SplitStreetAndNumber(std::string_view text);

// Returns the Belgian postcode (1000..9999) found in `text`: the first run of exactly four
// digits, also inside "B-9000" or "9000 Gent". Returns 0 when there is none.
int ParsePostcode(std::string_view text);

}  // namespace adempauze::fuzzy
