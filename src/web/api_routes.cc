// Routes of the JSON API for the finance application.
#include "web/app.h"

namespace adempauze::web {

void AddApiRoutes(std::vector<Route>& routes) {
  (void)routes;
}

}  // namespace adempauze::web
