// Routes of the administrator screens (users and roles).
#include "web/app.h"

namespace adempauze::web {

void AddAdminRoutes(std::vector<Route>& routes) {
  (void)routes;
}

}  // namespace adempauze::web
