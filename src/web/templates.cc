#include "web/templates.h"

#include <fstream>
#include <sstream>

#include <mstch/mstch.hpp>

namespace adempauze::web {
namespace {

mstch::node ToNode(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::object: {
      mstch::map map;
      for (const auto& [key, item] : value.items()) map.emplace(key, ToNode(item));
      return map;
    }
    case nlohmann::json::value_t::array: {
      mstch::array array;
      array.reserve(value.size());
      for (const auto& item : value) array.push_back(ToNode(item));
      return array;
    }
    case nlohmann::json::value_t::string:
      return value.get<std::string>();
    case nlohmann::json::value_t::boolean:
      return value.get<bool>();
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
      // mstch's int is 32-bit; a string keeps large ids exact.
      return std::to_string(value.get<std::int64_t>());
    case nlohmann::json::value_t::number_float:
      return value.get<double>();
    default:
      return std::nullptr_t{};
  }
}

}  // namespace

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

Result<Templates> Templates::Load(const std::filesystem::path& dir) {
  Templates templates;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    if (entry.path().extension() != ".mustache") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    templates.templates_[entry.path().stem().string()] = text.str();
  }
  if (templates.templates_.empty()) return MakeError(ErrorCode::kNotFound, "web.templates.missing", dir.string());
  return templates;
}

Result<std::string> Templates::Render(std::string_view name, const nlohmann::json& view, Language language) const {
  auto found = templates_.find(std::string(name));
  if (found == templates_.end()) return MakeError(ErrorCode::kNotFound, "web.templates.unknown", std::string(name));

  mstch::node context = ToNode(view);
  auto* map = boost::get<mstch::map>(&context);
  if (map == nullptr) return MakeError(ErrorCode::kInvalidArgument, "web.templates.unknown", std::string(name));
  // The catalog text is ours, but it is escaped all the same: a translation with '<' or '&'
  // must not become markup.
  (*map)["t"] = mstch::lambda{[language](const std::string& key) -> mstch::node {
    std::string trimmed = key;
    trimmed.erase(0, trimmed.find_first_not_of(" \n\t"));
    trimmed.erase(trimmed.find_last_not_of(" \n\t") + 1);
    return EscapeHtml(LookupMessage(language, trimmed));
  }};
  std::map<std::string, std::string> partials(templates_.begin(), templates_.end());
  return mstch::render(found->second, context, partials);
}

}  // namespace adempauze::web
