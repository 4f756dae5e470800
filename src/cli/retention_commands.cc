// `adempauze retention run|figures|verify-attestation` (filled in below).
#include "cli/context.h"

namespace adempauze::cli {

void RegisterRetentionCommands(CLI::App& app, CliContext& context) {
  (void)app;
  (void)context;
}

}  // namespace adempauze::cli
