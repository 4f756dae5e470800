#include "protocol/table_reader.h"

#include <algorithm>
#include <cctype>
#include <utility>

namespace adempauze::protocol {
namespace {

std::string Trim(std::string_view text) {
  const auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return std::string(text);
}

std::size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> previous(b.size() + 1);
  std::vector<std::size_t> current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                        std::tolower(static_cast<unsigned char>(b[j - 1]));
      current[j] =
          std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (same ? 0 : 1)});
    }
    std::swap(previous, current);
  }
  return previous[b.size()];
}

}  // namespace

int LineOfNode(const toml::node& node) { return static_cast<int>(node.source().begin.line); }

std::string SuggestKey(std::string_view typed,
                       const std::set<std::string, std::less<>>& candidates) {
  std::string best;
  std::size_t best_distance = 0;
  for (const std::string& candidate : candidates) {
    const std::size_t distance = EditDistance(typed, candidate);
    const std::size_t limit = std::max<std::size_t>(1, candidate.size() / 3);
    if (distance > limit) continue;
    if (best.empty() || distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

TableReader::TableReader(const toml::table& table, std::string path,
                         std::vector<ProtocolProblem>& problems,
                         const std::set<std::string, std::less<>>* top_level_keys)
    : table_(table), path_(std::move(path)), problems_(problems), top_level_keys_(top_level_keys) {}

std::string TableReader::PathOf(std::string_view key) const {
  if (path_.empty()) return std::string(key);
  if (key.empty()) return path_;
  return path_ + "." + std::string(key);
}

int TableReader::LineOf(std::string_view key) const {
  const toml::node* node = key.empty() ? nullptr : table_.get(key);
  if (node != nullptr) return LineOfNode(*node);
  // The root table's position is the start of the file, which would not help the reader.
  return path_.empty() ? 0 : LineOfNode(table_);
}

void TableReader::AddProblem(std::string_view key, Error error) {
  problems_.push_back(ProtocolProblem{PathOf(key), LineOf(key), std::move(error)});
}

const toml::node* TableReader::Find(std::string_view key, std::string_view example,
                                    Presence presence) {
  known_keys_.emplace(key);
  const toml::node* node = table_.get(key);
  if (node == nullptr && presence == Presence::kRequired) {
    AddProblem(
        key, MakeError(ErrorCode::kInvalidArgument, "protocol.key.missing", PathOf(key), example));
  }
  return node;
}

void TableReader::WrongType(std::string_view key, std::string_view example) {
  AddProblem(
      key, MakeError(ErrorCode::kInvalidArgument, "protocol.key.wrong_type", PathOf(key), example));
}

std::optional<std::string> TableReader::Text(std::string_view key, std::string_view example,
                                             Presence presence) {
  const toml::node* node = Find(key, example, presence);
  if (node == nullptr) return std::nullopt;
  if (!node->is_string()) {
    WrongType(key, example);
    return std::nullopt;
  }
  std::string text = Trim(node->as_string()->get());
  if (text.empty()) {
    AddProblem(key,
               MakeError(ErrorCode::kInvalidArgument, "protocol.key.empty", PathOf(key), example));
    return std::nullopt;
  }
  return text;
}

std::optional<std::vector<std::string>> TableReader::TextList(std::string_view key,
                                                              std::string_view example,
                                                              std::vector<int>* item_lines) {
  const toml::node* node = Find(key, example, Presence::kRequired);
  if (node == nullptr) return std::nullopt;
  const toml::array* array = node->as_array();
  if (array == nullptr) {
    WrongType(key, example);
    return std::nullopt;
  }
  if (array->empty()) {
    AddProblem(key,
               MakeError(ErrorCode::kInvalidArgument, "protocol.key.empty", PathOf(key), example));
    return std::nullopt;
  }

  std::vector<std::string> texts;
  bool all_good = true;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const toml::node& item = *array->get(i);
    const std::string item_path = PathOf(key) + "[" + std::to_string(i + 1) + "]";
    const std::string text = item.is_string() ? Trim(item.as_string()->get()) : std::string();
    if (!item.is_string() || text.empty()) {
      const char* message_key = item.is_string() ? "protocol.key.empty" : "protocol.key.wrong_type";
      problems_.push_back(
          ProtocolProblem{item_path, LineOfNode(item),
                          MakeError(ErrorCode::kInvalidArgument, message_key, item_path, example)});
      all_good = false;
      continue;
    }
    texts.push_back(text);
    if (item_lines != nullptr) item_lines->push_back(LineOfNode(item));
  }
  if (!all_good) return std::nullopt;
  return texts;
}

std::optional<std::int64_t> TableReader::Integer(std::string_view key, std::string_view example,
                                                 std::int64_t min, std::int64_t max,
                                                 Presence presence) {
  const toml::node* node = Find(key, example, presence);
  if (node == nullptr) return std::nullopt;
  if (!node->is_integer()) {
    WrongType(key, example);
    return std::nullopt;
  }
  const std::int64_t value = node->as_integer()->get();
  if (value < min || value > max) {
    AddProblem(key, MakeError(ErrorCode::kInvalidArgument, "protocol.key.out_of_range", PathOf(key),
                              value, min, max));
    return std::nullopt;
  }
  return value;
}

std::optional<CivilDate> TableReader::Date(std::string_view key, std::string_view example) {
  const toml::node* node = Find(key, example, Presence::kRequired);
  if (node == nullptr) return std::nullopt;
  if (node->is_date()) {
    const toml::date& date = node->as_date()->get();
    return CivilDate{date.year, date.month, date.day};
  }
  if (node->is_string()) {
    // Accepted because a quoted date is a common slip that loses no information.
    std::optional<CivilDate> date = CivilDate::FromIso(Trim(node->as_string()->get()));
    if (date.has_value()) return date;
    AddProblem(key, MakeError(ErrorCode::kInvalidArgument, "protocol.key.date_invalid", PathOf(key),
                              node->as_string()->get(), example));
    return std::nullopt;
  }
  WrongType(key, example);
  return std::nullopt;
}

const toml::table* TableReader::Table(std::string_view key, std::string_view example) {
  const toml::node* node = Find(key, example, Presence::kRequired);
  if (node == nullptr) return nullptr;
  if (!node->is_table()) {
    WrongType(key, example);
    return nullptr;
  }
  return node->as_table();
}

const toml::array* TableReader::TableArray(std::string_view key, std::string_view example) {
  const toml::node* node = Find(key, example, Presence::kRequired);
  if (node == nullptr) return nullptr;
  const toml::array* array = node->as_array();
  if (array == nullptr || array->empty() || !array->is_array_of_tables()) {
    WrongType(key, example);
    return nullptr;
  }
  return array;
}

void TableReader::RejectUnknownKeys() {
  for (const auto& [key, node] : table_) {
    const std::string_view name = key.str();
    if (known_keys_.count(name) > 0) continue;

    const std::string path = PathOf(name);
    Error error;
    if (!path_.empty() && top_level_keys_ != nullptr && top_level_keys_->count(name) > 0) {
      error = MakeError(ErrorCode::kInvalidArgument, "protocol.key.misplaced", name, path_);
    } else if (const std::string suggestion = SuggestKey(name, known_keys_); !suggestion.empty()) {
      error = MakeError(ErrorCode::kInvalidArgument, "protocol.key.unknown_suggest", path,
                        PathOf(suggestion));
    } else {
      error = MakeError(ErrorCode::kInvalidArgument, "protocol.key.unknown", path);
    }
    problems_.push_back(ProtocolProblem{path, LineOfNode(node), std::move(error)});
  }
}

}  // namespace adempauze::protocol
