// Reading a new password on the command line without ever taking it as an argument, where
// it would show in the shell history and in `ps`.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "cli/context.h"

namespace adempauze::cli {

// Source of the new password for `user add` and `user reset-password`.
struct PasswordSource {
  std::string file;         // --password-file: the first line of this file
  bool from_stdin = false;  // --password-stdin: the first line of standard input
};

// Reads a new password for `username` from `source`. Without either option it reads the
// first line of standard input when that is not a terminal, and otherwise prompts twice on
// the terminal with echo off. The password must pass auth::CheckPasswordRule. Prints the
// error and returns nullopt when both options are given, nothing can be read, the two
// entries differ or the rule is broken.
std::optional<std::string> ReadNewPassword(CliContext& context, const PasswordSource& source,
                                           std::string_view username);

// Reads the password of an existing account from `source`, the piped standard input, or
// one prompt without echo, for a command that authenticates its user. Prints the error and
// returns nullopt when nothing can be read.
std::optional<std::string> ReadCurrentPassword(CliContext& context, const PasswordSource& source,
                                               std::string_view username);

}  // namespace adempauze::cli
