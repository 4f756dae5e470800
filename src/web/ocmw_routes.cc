// Routes of the OCMW screens (client list upload, client dossiers, follow-up, overdue).
#include "web/app.h"

namespace adempauze::web {

void AddOcmwRoutes(std::vector<Route>& routes) {
  (void)routes;
}

}  // namespace adempauze::web
