// Typed reading of one TOML table that records every problem instead of stopping.
#pragma once

#include <toml++/toml.h>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "adempauze/common/civil_date.h"
#include "adempauze/protocol/loader.h"

namespace adempauze::protocol {

enum class Presence { kRequired, kOptional };

// Reads the keys of one table. Each getter marks its key as known, reports a missing
// required key, a value of the wrong type or an empty text as a ProtocolProblem, and
// returns nullopt (or null) in those cases. RejectUnknownKeys then reports every key in
// the table that no getter asked for, with a spelling suggestion where one is close.
//
// `example` is a TOML line the messages show as the fix, such as "follow_up_days = 60".
class TableReader {
 public:
  // REQUIRES: `table`, `problems` and `top_level_keys` outlive the reader. `path` is the
  // table's key path, empty for the root table. An unknown key of a sub-table that is in
  // `top_level_keys` is reported as misplaced: in TOML, a key written below a [table]
  // header belongs to that table, a mistake that is easy to make and hard to see.
  TableReader(const toml::table& table, std::string path, std::vector<ProtocolProblem>& problems,
              const std::set<std::string, std::less<>>* top_level_keys = nullptr);

  // A string, trimmed. Reports "protocol.key.empty" when only whitespace remains.
  std::optional<std::string> Text(std::string_view key, std::string_view example,
                                  Presence presence = Presence::kRequired);
  // A non-empty array of non-empty strings, each trimmed. With `item_lines`, also returns
  // the line of each item.
  std::optional<std::vector<std::string>> TextList(std::string_view key, std::string_view example,
                                                   std::vector<int>* item_lines = nullptr);
  // An integer within [min, max]; reports "protocol.key.out_of_range" outside it.
  std::optional<std::int64_t> Integer(std::string_view key, std::string_view example,
                                      std::int64_t min, std::int64_t max,
                                      Presence presence = Presence::kRequired);
  // A TOML local date (2021-04-01), or a string in that form.
  std::optional<CivilDate> Date(std::string_view key, std::string_view example);
  // A sub-table.
  const toml::table* Table(std::string_view key, std::string_view example);
  // A non-empty array of tables ([[key]]).
  const toml::array* TableArray(std::string_view key, std::string_view example);

  void RejectUnknownKeys();

  // Returns the path of `key` inside this table ("validity.end").
  std::string PathOf(std::string_view key) const;
  // Returns the line of `key`'s value, or of the table itself when the key is absent.
  int LineOf(std::string_view key) const;
  // Records a problem about `key` (empty: the table itself).
  void AddProblem(std::string_view key, Error error);

 private:
  // Returns the node of `key` after marking it known; reports a missing required key.
  const toml::node* Find(std::string_view key, std::string_view example, Presence presence);
  void WrongType(std::string_view key, std::string_view example);

  const toml::table& table_;
  std::string path_;
  std::vector<ProtocolProblem>& problems_;
  const std::set<std::string, std::less<>>* top_level_keys_;
  std::set<std::string, std::less<>> known_keys_;
};

// Returns the 1-based line where `node` starts, or 0 when toml++ has no position for it.
int LineOfNode(const toml::node& node);

// Returns the candidate closest to `typed` when at most about a third of its letters
// differ (Levenshtein distance, ignoring case), or an empty string.
std::string SuggestKey(std::string_view typed,
                       const std::set<std::string, std::less<>>& candidates);

}  // namespace adempauze::protocol
