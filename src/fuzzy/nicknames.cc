// The nickname table for given names. Short forms are what Flemish families and
// administrations actually write; foreign forms (Jean for Jan, Pierre for Pieter) are the
// same name in French or German, as they appear on Belgian documents.
#include <array>
#include <string>
#include <string_view>
#include <unordered_map>

#include "adempauze/fuzzy/names.h"
#include "adempauze/fuzzy/text.h"

namespace adempauze::fuzzy {
namespace {

// Each entry: the formal name first, then its other forms. A name may appear in several
// entries ("tine" is short for Christine and for Martine); the bitmask keeps all of them.
constexpr std::array<std::string_view, 52> kNicknameGroups = {
    "jozef joseph jef jos sjef zef",
    "josephine jozefien josefien fien fientje fina",
    "maria marie mieke mie mia ria marieke",
    "gustaaf gustave staf gust guust",
    "lodewijk ludovicus louis lowie lode ludo lou",
    "christine christina kristien kristine tine stien",
    "martine tine tinne",
    "bartholomeus bart bartel",
    "willem wim william guillaume wil willy",
    "johannes jan johan hans joannes jean",
    "antoon anton antonius antoine toon teun tony",
    "elisabeth elizabeth lies liesbeth lisbeth els elise lisa betty",
    "catharina catherine katrien katrijn trien kathleen",
    "theresia therese trees treesje resi",
    "franciscus frans francois sus",
    "alfons alphonse fons",
    "petrus pieter piet peter pierre",
    "cornelis cornelius kees nelis cor",
    "hendrik hendrikus henri henk rik",
    "frederik frederic fred freek rik",
    "margaretha margriet margareta greet griet grietje margot",
    "johanna jeanne hanne joke jo",
    "anna anne anneke annie ans anja",
    "wilhelmina willemien mina mien wilma",
    "jacobus jacob jaak jacques koos sjaak",
    "nicolaas nicolas klaas nico",
    "gerardus gerard geert gert",
    "emmanuel manu",
    "augustinus augustijn gust stijn",
    "constantijn constant stijn",
    "hubertus hubert huub bert",
    "albertus albert bert",
    "robertus robert rob robbe bert",
    "lambertus lambert bert",
    "christiaan christian chris kris",
    "christophe christoffel christof chris kris stoffel",
    "paulus paul pol",
    "matthias mathias matthijs thijs tijs",
    "martinus maarten martin tinus",
    "marcus marc mark marco",
    "michael michiel michel",
    "ignatius ignace naas",
    "caroline carolina karolien lien lina",
    "pauline paulien paulina lien",
    "dorothea dorothee dorien dora thea",
    "leonardus leonard leo nard",
    "adrianus adriaan adrien adri",
    "benedictus benedict ben",
    "bernardus bernard ben bernd",
    "victor viktor vic",
    "edmond edmund mon",
    "raymond raymon mon",
};
static_assert(kNicknameGroups.size() <= 64, "the group bitmask has 64 bits");

const std::unordered_map<std::string_view, std::uint64_t>& GroupIndex() {
  static const auto* index = [] {
    auto* map = new std::unordered_map<std::string_view, std::uint64_t>();
    for (std::size_t group = 0; group < kNicknameGroups.size(); ++group) {
      std::string_view names = kNicknameGroups[group];
      while (!names.empty()) {
        const std::size_t space = names.find(' ');
        const std::string_view name = names.substr(0, space);
        (*map)[name] |= std::uint64_t{1} << group;
        names = space == std::string_view::npos ? std::string_view() : names.substr(space + 1);
      }
    }
    return map;
  }();
  return *index;
}

}  // namespace

std::span<const std::string_view> NicknameTable() { return kNicknameGroups; }

std::uint64_t NicknameGroupsOf(std::string_view folded_name) {
  const auto& index = GroupIndex();
  const auto found = index.find(folded_name);
  return found == index.end() ? 0 : found->second;
}

bool AreNicknameVariants(std::string_view a, std::string_view b) {
  const GivenNameForms first = AnalyseGivenName(a);
  const GivenNameForms second = AnalyseGivenName(b);
  if (first.tokens.empty() || second.tokens.empty()) return false;
  if (first.tokens.front() == second.tokens.front()) return false;
  return (first.nickname_groups & second.nickname_groups) != 0;
}

}  // namespace adempauze::fuzzy
