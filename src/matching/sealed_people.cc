#include "matching/sealed_people.h"

#include <array>
#include <string>

#include <fmt/format.h>

namespace adempauze::matching::internal {
namespace {

constexpr std::array<std::string_view, 6> kFields = {"first_name", "last_name", "national_number",
                                                     "street",     "house_number", "postcode"};

}  // namespace

std::string_view PersonColumns(std::string_view table) {
  if (table == "clients") return "id, first_name, last_name, national_number, street, house_number, postcode";
  return "id, first_name, last_name, national_number, street, house_number";
}

Result<fuzzy::Person> OpenPersonRow(store::Store& store, std::string_view table, store::Statement& row) {
  const std::int64_t id = row.ColumnInt(0);
  const std::size_t count = table == "clients" ? 6 : 5;
  std::array<std::string, 6> values;
  for (std::size_t i = 0; i < count; ++i) {
    Result<std::string> value = store.cipher().Open(
        row.ColumnBlob(static_cast<int>(i + 1)), crypto::FieldPlace{table, kFields[i], id});
    if (!value.ok()) return value.error();
    values[i] = std::move(value).value();
  }
  fuzzy::Person person;
  person.id = static_cast<std::size_t>(id);
  person.first_name = std::move(values[0]);
  person.last_name = std::move(values[1]);
  person.national_number = std::move(values[2]);
  person.street = std::move(values[3]);
  person.house_number = std::move(values[4]);
  person.postcode = std::move(values[5]);
  return person;
}

Result<fuzzy::Person> ReadPerson(store::Store& store, std::string_view table, std::int64_t id) {
  Result<store::Statement> query =
      store.database().Prepare(fmt::format("SELECT {} FROM {} WHERE id = ?1", PersonColumns(table), table));
  if (!query.ok()) return query.error();
  query->Bind(1, id);
  Result<bool> row = query->Step();
  if (!row.ok()) return row.error();
  if (!*row) return MakeError(ErrorCode::kNotFound, "matching.review.record_gone", id);
  return OpenPersonRow(store, table, *query);
}

}  // namespace adempauze::matching::internal
