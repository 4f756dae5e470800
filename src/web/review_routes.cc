// Routes of the reviewer screens (probable matches side by side).
#include "web/app.h"

namespace adempauze::web {

void AddReviewRoutes(std::vector<Route>& routes) {
  (void)routes;
}

}  // namespace adempauze::web
