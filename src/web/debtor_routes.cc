// Routes of the debtor team screens (upload, batches, dossiers, downloads).
#include "web/app.h"

namespace adempauze::web {

void AddDebtorTeamRoutes(std::vector<Route>& routes) {
  (void)routes;
}

}  // namespace adempauze::web
