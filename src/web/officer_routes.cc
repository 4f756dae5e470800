// Routes of the data protection officer screens (access log, verification, figures, protocol).
#include "web/app.h"

namespace adempauze::web {

void AddOfficerRoutes(std::vector<Route>& routes) {
  (void)routes;
}

}  // namespace adempauze::web
