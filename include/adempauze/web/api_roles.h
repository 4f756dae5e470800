// The roles an API token may have: those that at least one API route accepts. A token of
// any other role would be rejected on every call, so the administrator's screen and
// `adempauze token add` offer and accept only these.
#pragma once

#include "adempauze/auth/auth.h"
#include "adempauze/common/result.h"

namespace adempauze::web {

// Returns the roles of the allow-lists of every API route (Access::kApi in AllRoutes()),
// computed once.
auth::RoleSet ApiTokenRoles();

// Returns OK when an API route accepts `role`, or kInvalidArgument
// ("web.api_token.role_without_routes", arg 0: the role's identifier, arg 1: the accepted
// identifiers separated by commas).
Status CheckApiTokenRole(auth::Role role);

}  // namespace adempauze::web
