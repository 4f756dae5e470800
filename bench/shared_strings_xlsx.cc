// shared_strings_xlsx: writes a clean debtor list as XLSX with a shared-strings table, the
// layout Excel itself writes. `adempauze generate` writes inline strings instead, because it
// streams rows to keep memory flat; bench/run.sh measures readers on both layouts.
//
// Usage: shared_strings_xlsx FILE ROWS SEED
// The same ROWS and SEED give the same people as `adempauze generate --clean` does.
#include <cstdlib>
#include <iostream>
#include <string>

#include <spdlog/spdlog.h>

#include "adempauze/common/civil_date.h"
#include "adempauze/demo/generator.h"

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: shared_strings_xlsx FILE ROWS SEED\n";
    return 2;
  }
  namespace demo = adempauze::demo;
  spdlog::set_level(spdlog::level::warn);
  demo::DemoOptions options = demo::RealisticOptions(std::strtoull(argv[3], nullptr, 10), adempauze::TodayUtc());
  options.debtors = std::strtoull(argv[2], nullptr, 10);
  options.clients = options.debtors;
  options.record_rows = false;
  options.debtor_list.format = demo::FileFormat::kXlsx;
  options.debtor_list.damage = demo::DamageRates::None();
  options.debtor_list.stray_columns = false;
  options.debtor_list.title_line = false;
  options.debtor_list.xlsx_constant_memory = false;  // shared strings, as Excel writes

  auto truth = demo::GenerateDemo(options, argv[1], "");
  if (!truth.ok()) {
    std::cerr << "generation failed: " << truth.error().message_key << '\n';
    return 1;
  }
  std::cout << truth->debtors.data_rows << " debtor rows written\n";
  return 0;
}
