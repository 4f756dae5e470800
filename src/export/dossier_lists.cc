#include "adempauze/export/dossier_lists.h"

#include <algorithm>
#include <cassert>

namespace adempauze::exports {
namespace {

// Returns pointers to `rows` ordered by dossier number (byte order), so two exports of
// the same flags are identical files.
std::vector<const FlagRow*> SortedByDossier(const std::vector<FlagRow>& rows) {
  std::vector<const FlagRow*> sorted;
  sorted.reserve(rows.size());
  for (const FlagRow& row : rows) sorted.push_back(&row);
  std::stable_sort(sorted.begin(), sorted.end(), [](const FlagRow* a, const FlagRow* b) {
    return a->dossier_number < b->dossier_number;
  });
  // Invariant from the REQUIRES: the store keeps one current flag per dossier.
  assert(std::adjacent_find(sorted.begin(), sorted.end(), [](const FlagRow* a, const FlagRow* b) {
           return a->dossier_number == b->dossier_number;
         }) == sorted.end());
  return sorted;
}

}  // namespace

std::string_view FlagText(Flag flag) {
  switch (flag) {
    case Flag::kClient:
      return "cliënt OCMW";
    case Flag::kResumeCollection:
      return "invordering voortzetten";
  }
  return "";
}

Table MakePauseTable(const std::vector<FlagRow>& rows, Language language) {
  Table table;
  table.header = {Message(language, "export.header.dossier_number"),
                  Message(language, "export.header.flag"),
                  Message(language, "export.header.paused_since"),
                  Message(language, "export.header.follow_up_by")};
  for (const FlagRow* row : SortedByDossier(rows)) {
    table.rows.push_back({Cell::Text(row->dossier_number), Cell::Text(std::string(FlagText(row->flag))),
                          Cell::Date(row->since), Cell::OptionalDate(row->follow_up)});
  }
  return table;
}

Table MakeResumeTable(const std::vector<FlagRow>& rows, Language language) {
  Table table;
  table.header = {Message(language, "export.header.dossier_number"),
                  Message(language, "export.header.flag"),
                  Message(language, "export.header.date")};
  for (const FlagRow* row : SortedByDossier(rows)) {
    table.rows.push_back({Cell::Text(row->dossier_number), Cell::Text(std::string(FlagText(row->flag))),
                          Cell::Date(row->since)});
  }
  return table;
}

std::string PauseSheetName(Language language) { return Message(language, "export.sheet.pause"); }

std::string ResumeSheetName(Language language) { return Message(language, "export.sheet.resume"); }

}  // namespace adempauze::exports
