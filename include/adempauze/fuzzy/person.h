// The record that the fuzzy matcher compares: the protocol's fields of one debtor or one
// OCMW client, as written in the source list, and the caller's id for it.
#pragma once

#include <compare>
#include <cstddef>
#include <string>

namespace adempauze::fuzzy {

// The fields are the text as the source list has it (after ingest's cleaning). The matcher
// folds and parses copies and never changes these, so the caller can show them to a
// reviewer as written.
struct Person {
  std::size_t id = 0;  // the caller's id; the matcher only copies it to results
  std::string first_name;
  std::string last_name;
  std::string national_number;  // as written: valid, invalid, damaged or empty
  std::string street;           // may hold the house number too ("Kerkstraat 12")
  std::string house_number;     // "12", "12A", "12 bus 3", "12/3", ...; may be empty
  std::string postcode;         // may be empty: debtor lists carry no postcode
};

// A pair of caller ids: `left` from the first list (debtors), `right` from the second
// (clients).
struct IdPair {
  std::size_t left = 0;
  std::size_t right = 0;

  auto operator<=>(const IdPair&) const = default;
};

}  // namespace adempauze::fuzzy
