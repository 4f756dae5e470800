// The adempauze command line. main() only calls RunCli.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace adempauze::cli {

// Parses `args` (without the program name) and runs the command. Writes user output to
// `out` and user-facing errors to `err`, in the language chosen by --lang or
// ADEMPAUZE_LANG. Returns the process exit code: 0 success, 1 the command failed,
// 2 the command line was invalid.
int RunCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace adempauze::cli
