#include "adempauze/common/result.h"

#include <fmt/args.h>

namespace adempauze {

std::string Error::Render(Language language) const {
  std::string_view pattern = LookupMessage(language, message_key);
  fmt::dynamic_format_arg_store<fmt::format_context> store;
  for (const std::string& arg : args) store.push_back(arg);
  try {
    return fmt::vformat(pattern, store);
  } catch (const fmt::format_error&) {
    return std::string(pattern);
  }
}

}  // namespace adempauze
