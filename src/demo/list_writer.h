// Renders people as rows of a debtor or client list, applies the configured damage and
// records the ground truth of every row.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "adempauze/demo/generator.h"
#include "adempauze/demo/random.h"
#include "demo/person.h"
#include "demo/sheet_writer.h"

namespace adempauze::demo {

enum class ListKind { kDebtors, kClients };

// A column of a demo list; the protocol's columns and the stray ones.
enum class Column {
  kFirstName,
  kLastName,
  kNationalNumber,
  kBirthDate,
  kStreet,
  kHouseNumber,
  kPostcode,
  kMunicipality,
  kKey,  // dossier number (debtors) or client reference (clients)
  kAmount,
  kPhone,
  kEmail,
  kRemark,
};

// Returns the columns of a list in file order, with or without the stray columns.
std::vector<Column> ListLayout(ListKind kind, bool stray_columns);

// Not thread-safe. It draws from two random streams. The damage stream decides each row's
// damage with a fixed number of draws per row, and the extras stream fills the stray
// columns and the client list's own style.
class ListWriter {
 public:
  ListWriter(ListKind kind, const ListOptions& options, std::unique_ptr<SheetWriter> sheet,
             std::uint64_t damage_seed, std::uint64_t extras_seed, bool record_rows);

  // Writes the title (when configured) and the header row.
  void WriteHeader(const DemoOptions& options);

  // Writes one person's row with key `key` (dossier number or client reference). Returns
  // the key as written: empty or another row's key when damaged.
  std::string WriteRow(const Person& person, const std::string& key, bool on_both_lists);

  // Completes the file; see SheetWriter::Finish.
  Status Finish() { return sheet_->Finish(); }

  ListTruth& truth() { return truth_; }

 private:
  struct NumberCell {
    std::string text;
    std::optional<double> number;
  };

  // The texts of one row, kept alive while its cells are written.
  struct RowTexts {
    NumberCell number;
    std::string key, street, house, birth;
    std::string amount, phone, mail;  // stray columns
    int cents = 0;
    std::string_view remark;
  };

  void DrawStrayValues(const Person& person, RowTexts& texts);
  static SheetCell CellOf(Column column, const Person& person, const RowTexts& texts);
  NumberCell RenderNumber(const std::string& digits, RowTruth& row);
  std::string RenderKey(const std::string& key, RowTruth& row);
  std::string HouseNumber(const Person& person) const;
  std::string StreetName(const Person& person);
  void Record(RowTruth row);

  ListKind kind_;
  ListOptions options_;
  std::unique_ptr<SheetWriter> sheet_;
  std::vector<Column> layout_;
  Random damage_;
  Random extras_;
  bool record_rows_;
  std::size_t next_row_ = 1;
  std::string previous_key_;
  ListTruth truth_;
};

}  // namespace adempauze::demo
