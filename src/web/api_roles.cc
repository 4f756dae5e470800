#include "adempauze/web/api_roles.h"

#include <string>

#include "web/app.h"

namespace adempauze::web {

auth::RoleSet ApiTokenRoles() {
  static const auth::RoleSet roles = [] {
    auth::RoleSet accepted;
    for (const Route& route : AllRoutes()) {
      if (route.access != Access::kApi) continue;
      for (auth::Role role : route.roles.roles()) accepted.Add(role);
    }
    return accepted;
  }();
  return roles;
}

Status CheckApiTokenRole(auth::Role role) {
  const auth::RoleSet accepted = ApiTokenRoles();
  if (accepted.Has(role)) return Status::Ok();
  std::string names;
  for (auth::Role allowed : accepted.roles()) {
    if (!names.empty()) names += ", ";
    names += auth::RoleId(allowed);
  }
  return MakeError(ErrorCode::kInvalidArgument, "web.api_token.role_without_routes", auth::RoleId(role), names);
}

}  // namespace adempauze::web
