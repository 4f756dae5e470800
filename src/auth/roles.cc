// Roles, their identifiers and labels, and sets of roles.
#include <array>
#include <string>

#include "adempauze/auth/auth.h"

namespace adempauze::auth {
namespace {

constexpr std::array<Role, 6> kRoles = {Role::kDebtorTeam,       Role::kSocialWorker, Role::kReviewer,
                                        Role::kClientListKeeper, Role::kOfficer,      Role::kAdministrator};

std::string_view TrimSpaces(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const std::size_t last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

}  // namespace

std::span<const Role> AllRoles() { return kRoles; }

std::string_view RoleId(Role role) {
  switch (role) {
    case Role::kDebtorTeam:
      return "debtor_team";
    case Role::kSocialWorker:
      return "social_worker";
    case Role::kReviewer:
      return "reviewer";
    case Role::kClientListKeeper:
      return "client_list_keeper";
    case Role::kOfficer:
      return "officer";
    case Role::kAdministrator:
      return "admin";
  }
  return "unknown";
}

std::optional<Role> ParseRole(std::string_view id) {
  for (Role role : kRoles) {
    if (RoleId(role) == id) return role;
  }
  return std::nullopt;
}

std::string RoleLabel(Role role, Language language) {
  return Message(language, "auth.role." + std::string(RoleId(role)));
}

RoleSet::RoleSet(std::initializer_list<Role> roles) {
  for (Role role : roles) Add(role);
}

std::vector<Role> RoleSet::roles() const {
  std::vector<Role> result;
  for (Role role : kRoles) {
    if (Has(role)) result.push_back(role);
  }
  return result;
}

std::string RoleSet::ToString() const {
  std::string text;
  for (Role role : roles()) {
    if (!text.empty()) text += ',';
    text += RoleId(role);
  }
  return text;
}

Result<RoleSet> RoleSet::Parse(std::string_view text) {
  // Spaces around an identifier and empty items ("a,,b", a trailing comma) are tolerated,
  // because people type these lists.
  RoleSet set;
  while (!text.empty()) {
    const std::size_t comma = text.find(',');
    const std::string_view item = TrimSpaces(text.substr(0, comma));
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    if (item.empty()) continue;
    std::optional<Role> role = ParseRole(item);
    if (!role) return MakeError(ErrorCode::kInvalidArgument, "auth.role.unknown", item);
    set.Add(*role);
  }
  return set;
}

}  // namespace adempauze::auth
