// Loading and validating a protocol file (TOML, schema in docs/formats/protocol.md).
//
// Validation collects every problem in the file instead of stopping at the first, so the
// administrator can fix them in one round. It reports missing and unknown keys (so a typo
// never passes silently), wrong value types, fields outside the protocol's list, a
// recipient that is not a party, an end date before the start date and numbers outside
// their range.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "adempauze/common/messages.h"
#include "adempauze/common/result.h"
#include "adempauze/protocol/protocol.h"

namespace adempauze::protocol {

// Files above this size are rejected before parsing; a real protocol is a few kilobytes.
inline constexpr std::size_t kMaxProtocolFileBytes = 1 << 20;

// One problem in a protocol file.
struct ProtocolProblem {
  // The key the problem is about, as a path: "follow_up_days", "validity.end",
  // "controllers[2].role" (entries of an array counted from 1). Empty for the whole file.
  std::string key;
  // The 1-based line in the file, or 0 when no line applies (a missing top-level key).
  int line = 0;
  // The catalog key under "protocol." and its arguments; the message names the fix.
  Error error;
};

// Parses and validates `toml_text`. `source_name` names the file in messages.
// On success returns the protocol and leaves `problems` untouched. On failure returns
// kInvalidArgument with key "protocol.file.invalid" (arg 0: source_name, arg 1: the number
// of problems) and, when `problems` is not null, appends every problem, sorted by line
// with the problems without a line first.
// A TOML syntax error is one problem with key "protocol.file.syntax", because nothing
// after it can be read reliably.
Result<Protocol> ParseProtocol(std::string_view toml_text, std::string_view source_name,
                               std::vector<ProtocolProblem>* problems);

// Reads `file` and calls ParseProtocol with its file name as the source name.
// Returns, without adding problems:
//   kNotFound with key "protocol.file.not_found" (arg 0: the path) when it does not exist,
//   kIo with "protocol.file.read_failed" (arg 0: the path, arg 1: the system's reason)
//     when it cannot be read,
//   kInvalidArgument with "protocol.file.too_large" (arg 0: the path, arg 1: the limit in
//     bytes) when it is larger than kMaxProtocolFileBytes.
Result<Protocol> LoadProtocolFile(const std::filesystem::path& file,
                                  std::vector<ProtocolProblem>* problems);

// Formats one problem as "<source_name>:<line>: <message>", or "<source_name>: <message>"
// when the line is 0, with the message in `language`.
std::string FormatProblem(const ProtocolProblem& problem, std::string_view source_name,
                          Language language);

}  // namespace adempauze::protocol
