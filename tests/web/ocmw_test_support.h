// Helpers of the OCMW screen tests: queries on a second connection to the fixture's database
// (testing::OpenFixtureStore) to choose dossiers and read the access log, and short request
// wrappers.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>

#include <cstdint>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "adempauze/store/store.h"
#include "web_test_support.h"

namespace adempauze::web::testing {

// Returns the first column of every row of `sql` as integers.
inline std::vector<std::int64_t> QueryInts(store::Store& store, const std::string& sql) {
  std::vector<std::int64_t> values;
  auto query = store.database().Prepare(sql);
  if (!query.ok()) {
    ADD_FAILURE() << "SQL failed: " << sql;
    return values;
  }
  while (true) {
    auto row = query->Step();
    if (!row.ok() || !*row) break;
    values.push_back(query->ColumnInt(0));
  }
  return values;
}

// Returns the first column of the first row of `sql` as text, or empty.
inline std::string QueryText(store::Store& store, const std::string& sql) {
  auto query = store.database().Prepare(sql);
  if (!query.ok()) {
    ADD_FAILURE() << "SQL failed: " << sql;
    return {};
  }
  auto row = query->Step();
  return row.ok() && *row ? query->ColumnText(0) : std::string();
}

// One access-log entry, as the tests read it.
struct LoggedAccess {
  std::string actor, action, object_type, object_id, outcome, detail;
};

// Returns the newest `count` access-log entries, newest first.
inline std::vector<LoggedAccess> NewestLogEntries(store::Store& store, int count) {
  std::vector<LoggedAccess> entries;
  auto query = store.database().Prepare(
      "SELECT actor, action, object_type, object_id, outcome, detail FROM access_log ORDER BY seq "
      "DESC LIMIT ?1");
  if (!query.ok()) return entries;
  query->Bind(1, static_cast<std::int64_t>(count));
  while (true) {
    auto row = query->Step();
    if (!row.ok() || !*row) break;
    entries.push_back({query->ColumnText(0), query->ColumnText(1), query->ColumnText(2),
                       query->ColumnText(3), query->ColumnText(4), query->ColumnText(5)});
  }
  return entries;
}

inline httplib::Result GetAs(const Browser& browser, const std::string& path) {
  return WebServerFixture::Get().Client().Get(path, browser.headers());
}

inline httplib::Result PostAs(const Browser& browser, const std::string& path,
                              httplib::Params form) {
  form.emplace("_csrf", browser.csrf);
  return WebServerFixture::Get().Client().Post(path, browser.headers(), form);
}

// Returns the first capture of `pattern` in `text`, or empty.
inline std::string FirstMatch(const std::string& text, const std::string& pattern) {
  std::smatch match;
  return std::regex_search(text, match, std::regex(pattern)) ? match[1].str() : std::string();
}

// Returns every first capture of `pattern` in `text`.
inline std::vector<std::string> AllMatches(const std::string& text, const std::string& pattern) {
  std::vector<std::string> found;
  const std::regex compiled(pattern);
  for (auto it = std::sregex_iterator(text.begin(), text.end(), compiled);
       it != std::sregex_iterator(); ++it) {
    found.push_back((*it)[1].str());
  }
  return found;
}

// Returns `text` as mstch escapes it in a page ('/' becomes "&#x2F;", and so on).
inline std::string AsEscapedInPage(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '/':
        out += "&#x2F;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace adempauze::web::testing
