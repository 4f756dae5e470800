// Mustache templates (mstch) of the web application, read from a directory at start-up.
// Every {{value}} is HTML-escaped by mstch; the only unescaped insertion is the rendered page
// body in the layout ({{{content}}}), which the templates themselves produced.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "adempauze/common/messages.h"
#include "adempauze/common/result.h"

namespace adempauze::web {

class Templates {
 public:
  // Reads every *.mustache file of `dir`; a template is named by its file name without the
  // extension ("login"), and every template can be used as a partial ({{> pager}}).
  // Returns kNotFound ("web.templates.missing", arg 0: dir) when the directory has none.
  static Result<Templates> Load(const std::filesystem::path& dir);

  bool Has(std::string_view name) const { return templates_.count(std::string(name)) != 0; }

  // Renders template `name` with `view`. The view may hold objects, arrays, strings, numbers
  // and booleans; a section {{#t}}key{{/t}} is replaced by the catalog text of `key` in
  // `language`. Returns kNotFound ("web.templates.unknown") for an unknown name.
  Result<std::string> Render(std::string_view name, const nlohmann::json& view, Language language) const;

 private:
  std::map<std::string, std::string> templates_;
};

// Escapes text for HTML content and attribute values (& < > " ').
std::string EscapeHtml(std::string_view text);

}  // namespace adempauze::web
