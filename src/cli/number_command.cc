// `adempauze number check NUMBER...`: checks national and BIS numbers given on the command
// line. One output line per argument, tab-separated:
//
//   NUMBER <TAB> valid   <TAB> rrn|bis            [<TAB> repaired:REPAIR[,REPAIR]]
//   NUMBER <TAB> invalid <TAB> REASON             [<TAB> repaired:REPAIR[,REPAIR]]
//
// NUMBER is the argument as given, except that tabs and line breaks in it are printed as
// spaces so each number stays on one line. REASON and REPAIR are nn::ReasonCode and
// nn::RepairCode. The fourth column appears only when a repair was applied. On an invalid
// line it means that the repaired value passed the check digits but failed a later rule. The
// exit code is 0 whatever the verdicts, because an invalid number is a result of the
// check, not a failure of the command.
#include <spdlog/spdlog.h>

#include <memory>
#include <string>
#include <vector>

#include "adempauze/nn/national_number.h"
#include "cli/context.h"

namespace adempauze::cli {
namespace {

std::string OneLine(std::string_view argument) {
  std::string out(argument);
  for (char& c : out) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  return out;
}

void PrintVerdict(std::ostream& out, std::string_view argument, const nn::CheckResult& result) {
  out << OneLine(argument) << '\t';
  if (result.valid()) {
    out << "valid\t" << nn::KindCode(result.number->kind);
  } else {
    out << "invalid\t" << nn::ReasonCode(*result.reason);
  }
  for (std::size_t i = 0; i < result.repairs.size(); ++i) {
    out << (i == 0 ? "\trepaired:" : ",") << nn::RepairCode(result.repairs[i]);
  }
  out << '\n';
}

void RunCheck(CliContext& context, const std::vector<std::string>& numbers) {
  std::size_t valid = 0;
  for (const std::string& number : numbers) {
    const nn::CheckResult result = nn::Check(number, context.today);
    if (result.valid()) ++valid;
    PrintVerdict(context.out, number, result);
  }
  spdlog::info("number check: {} values, {} valid", numbers.size(), valid);
}

}  // namespace

void RegisterNumberCommands(CLI::App& app, CliContext& context) {
  CLI::App* number = app.add_subcommand("number", "Rijksregisternummers (INSZ) en BIS-nummers");
  number->require_subcommand(1);

  CLI::App* check = number->add_subcommand(
      "check",
      "Controleer rijksregisternummers en BIS-nummers. Per nummer een regel met, gescheiden "
      "door tabs: het nummer, valid of invalid, en de soort (rrn of bis) of de reden; een "
      "vierde kolom repaired:... verschijnt als een rekenbladfout hersteld werd. De "
      "afsluitcode is 0, ook voor ongeldige nummers.");
  check->footer(
      "Redenen: empty (leeg), bad_characters (ongeldige tekens), wrong_length (geen 11 "
      "cijfers), checksum (controlecijfers kloppen niet), month (maand bestaat niet), date "
      "(datum bestaat niet), serial (volgnummer 000, of 999 bij een rijksregisternummer), "
      "future_date (geboortedatum in de toekomst), digits_lost (cijfers verloren door "
      "wetenschappelijke notatie).\n"
      "Herstellingen: leading_zero (voorloopnullen), scientific_notation (wetenschappelijke "
      "notatie), trailing_decimal (,0 of .0 op het einde).\n"
      "De datum van vandaag (--today) bepaalt of een geboortedatum in de toekomst ligt.");
  auto numbers = std::make_shared<std::vector<std::string>>();
  check
      ->add_option("NUMBER", *numbers,
                   "Een of meer nummers, met of zonder scheidingstekens (85.07.30-033.28, "
                   "85073003328); zet een nummer met spaties tussen aanhalingstekens")
      ->required();
  check->callback([&context, numbers] { RunCheck(context, *numbers); });
}

}  // namespace adempauze::cli
