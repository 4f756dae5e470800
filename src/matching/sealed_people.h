// Reading debtors and clients as fuzzy::Person, decrypted in memory only.
#pragma once

#include <cstdint>
#include <string_view>

#include "adempauze/common/result.h"
#include "adempauze/fuzzy/person.h"
#include "adempauze/store/store.h"

namespace adempauze::matching::internal {

// Decrypts the protocol fields of the current row of `row`, whose columns are: id,
// first_name, last_name, national_number, street, house_number and, for "clients",
// postcode. The Person's id is the row id. Returns kCrypto when a field fails to decrypt.
Result<fuzzy::Person> OpenPersonRow(store::Store& store, std::string_view table, store::Statement& row);

// Returns the SELECT list that OpenPersonRow expects for `table` ("debtors" or "clients").
std::string_view PersonColumns(std::string_view table);

// Reads one debtor or client by row id. Returns kNotFound ("matching.review.record_gone").
Result<fuzzy::Person> ReadPerson(store::Store& store, std::string_view table, std::int64_t id);

}  // namespace adempauze::matching::internal
