#include "cli/password_input.h"

#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>

#include "adempauze/auth/auth.h"

namespace adempauze::cli {
namespace {

// Reads one line and drops its line ending ("\n" or "\r\n"). Returns nullopt at the end of
// the input.
std::optional<std::string> ReadLine(std::istream& in) {
  std::string line;
  if (!std::getline(in, line)) return std::nullopt;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// Prints `prompt` on stderr and reads one line from the terminal with echo off. The echo
// setting is restored before returning.
// NOTE: a SIGINT while the prompt waits ends the process with echo still off. Typing
// `stty echo` restores it.
std::optional<std::string> PromptWithoutEcho(CliContext& context, const std::string& prompt) {
  context.err << prompt << std::flush;
  termios saved{};
  const bool is_terminal = ::tcgetattr(STDIN_FILENO, &saved) == 0;
  if (is_terminal) {
    termios silent = saved;
    silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent);
  }
  std::optional<std::string> line = ReadLine(std::cin);
  if (is_terminal) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
  context.err << '\n';
  return line;
}

std::optional<std::string> ReadFromFile(CliContext& context, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    context.Fail(MakeError(ErrorCode::kIo, "auth.cli.password_file_unreadable", path, std::strerror(errno)));
    return std::nullopt;
  }
  std::optional<std::string> line = ReadLine(in);
  if (!line) context.Fail(MakeError(ErrorCode::kInvalidArgument, "auth.cli.password_missing"));
  return line;
}

std::optional<std::string> ReadFromPrompt(CliContext& context, std::string_view username) {
  std::optional<std::string> first = PromptWithoutEcho(context, context.Text("auth.cli.password_prompt", username));
  if (!first) {
    context.Fail(MakeError(ErrorCode::kInvalidArgument, "auth.cli.password_missing"));
    return std::nullopt;
  }
  // The rule is checked before the second prompt, so a short password is not typed twice.
  if (Status rule = auth::CheckPasswordRule(*first); !rule.ok()) {
    context.Fail(rule.error());
    return std::nullopt;
  }
  std::optional<std::string> second = PromptWithoutEcho(context, context.Text("auth.cli.password_repeat"));
  if (!second || *second != *first) {
    context.Fail(MakeError(ErrorCode::kInvalidArgument, "auth.cli.password_mismatch"));
    return std::nullopt;
  }
  return first;
}

// Reads the password from the file, from piped standard input, or from one prompt.
std::optional<std::string> ReadOnce(CliContext& context, const PasswordSource& source, std::string_view username) {
  if (!source.file.empty() && source.from_stdin) {
    context.Fail(MakeError(ErrorCode::kInvalidArgument, "auth.cli.password_options_conflict"));
    return std::nullopt;
  }
  std::optional<std::string> password;
  if (!source.file.empty()) {
    password = ReadFromFile(context, source.file);
  } else if (source.from_stdin || ::isatty(STDIN_FILENO) == 0) {
    password = ReadLine(std::cin);
  } else {
    password = PromptWithoutEcho(context, context.Text("auth.cli.password_prompt", username));
  }
  if (!password && context.exit_code == 0) context.Fail(MakeError(ErrorCode::kInvalidArgument, "auth.cli.password_missing"));
  return password;
}

}  // namespace

std::optional<std::string> ReadCurrentPassword(CliContext& context, const PasswordSource& source,
                                               std::string_view username) {
  return ReadOnce(context, source, username);
}

std::optional<std::string> ReadNewPassword(CliContext& context, const PasswordSource& source,
                                           std::string_view username) {
  // Only the terminal prompt reads a new password twice. A file or piped input is read once.
  const bool prompt = source.file.empty() && !source.from_stdin && ::isatty(STDIN_FILENO) != 0;
  std::optional<std::string> password =
      prompt ? ReadFromPrompt(context, username) : ReadOnce(context, source, username);
  if (!password) return std::nullopt;

  if (Status rule = auth::CheckPasswordRule(*password); !rule.ok()) {
    context.Fail(rule.error());
    return std::nullopt;
  }
  return password;
}

}  // namespace adempauze::cli
