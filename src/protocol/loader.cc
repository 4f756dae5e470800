// Loading a protocol file: TOML parsing, then one reader per table of the schema in
// docs/formats/protocol.md, then the checks that span several tables.
#include "adempauze/protocol/loader.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <system_error>
#include <utility>

#include "protocol/table_reader.h"

namespace adempauze::protocol {
namespace {

constexpr std::int64_t kFormatVersion = 1;

// The keys that live outside every table. ProtocolLoader::Load reads each of them.
const std::set<std::string, std::less<>> kTopLevelKeys = {
    "format_version",
    "id",
    "title",
    "purposes",
    "data_extent",
    "legal_bases",
    "periodicity",
    "follow_up_days",
    "security_measures",
    "sanction",
    "original_purposes",
    "compatibility_analysis",
    "data_quality",
    "specific_measures",
};

bool IsValidId(std::string_view id) {
  if (id.empty() || id.size() > 64 || id.front() == '-') return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

// A plausibility check, not RFC 5322: one '@' between a local part and a dotted domain,
// no whitespace.
bool LooksLikeEmail(std::string_view text) {
  const std::size_t at = text.find('@');
  if (at == std::string_view::npos || at == 0 || text.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  const std::string_view domain = text.substr(at + 1);
  const std::size_t dot = domain.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == domain.size()) return false;
  return std::none_of(text.begin(), text.end(),
                      [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; });
}

bool IsSha256Hex(std::string_view text) {
  return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
           return std::isxdigit(static_cast<unsigned char>(c)) != 0;
         });
}

std::string ToLower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string FieldKeysFor(Direction direction) {
  std::string keys;
  for (Field field : AllFields()) {
    if (FieldDirection(field) != direction) continue;
    if (!keys.empty()) keys += ", ";
    keys += FieldKey(field);
  }
  return keys;
}

Error Invalid(std::string_view key, auto&&... args) {
  return MakeError(ErrorCode::kInvalidArgument, std::string(key), args...);
}

}  // namespace

// Reads one protocol file into a ProtocolDefinition, collecting problems. A friend of
// Protocol, because only a definition that passed every check may become one.
class ProtocolLoader {
 public:
  explicit ProtocolLoader(std::vector<ProtocolProblem>& problems) : problems_(problems) {}

  Result<Protocol> Load(const toml::table& root, std::string_view source_name) {
    TableReader reader(root, "", problems_);

    // 1. The file's own identity: the format it follows and the protocol it is.
    ReadIdentity(reader);

    // 2. The thirteen items, in the order of the protocol document.
    ReadControllers(reader);
    definition_.purposes =
        reader.TextList("purposes", "purposes = [\"...\"]").value_or(std::vector<std::string>{});
    definition_.data_extent =
        reader.Text("data_extent", "data_extent = \"...\"", Presence::kOptional).value_or("");
    ReadFields(reader);
    ReadRecipients(reader);
    definition_.legal_bases = reader.TextList("legal_bases", "legal_bases = [\"...\"]")
                                  .value_or(std::vector<std::string>{});
    definition_.periodicity = reader.Text("periodicity", "periodicity = \"...\"").value_or("");
    ReadValidity(reader);
    definition_.follow_up_days = static_cast<int>(
        reader.Integer("follow_up_days", "follow_up_days = 60", 1, 365).value_or(0));
    ReadRetention(reader);
    definition_.security_measures =
        reader.TextList("security_measures", "security_measures = [\"...\"]")
            .value_or(std::vector<std::string>{});
    definition_.sanction = reader.Text("sanction", "sanction = \"...\"").value_or("");
    definition_.original_purposes =
        reader.TextList("original_purposes", "original_purposes = [\"...\"]")
            .value_or(std::vector<std::string>{});
    definition_.compatibility_analysis =
        reader.Text("compatibility_analysis", "compatibility_analysis = \"...\"").value_or("");
    definition_.data_quality = reader.Text("data_quality", "data_quality = \"...\"").value_or("");
    definition_.specific_measures =
        reader.TextList("specific_measures", "specific_measures = [\"...\"]")
            .value_or(std::vector<std::string>{});
    ReadSignedText(reader);

    // 3. Rules that span several tables, once each table has been read.
    CheckRecipientsAreParties();
    CheckSignedBeforeStart();

    // 4. Typos: every key the schema does not define.
    reader.RejectUnknownKeys();

    if (!problems_.empty()) {
      // Problems without a line (missing top-level keys) first, then in file order.
      std::stable_sort(
          problems_.begin(), problems_.end(),
          [](const ProtocolProblem& a, const ProtocolProblem& b) { return a.line < b.line; });
      return MakeError(ErrorCode::kInvalidArgument, "protocol.file.invalid", source_name,
                       problems_.size());
    }
    return Protocol(std::move(definition_));
  }

 private:
  TableReader Sub(const toml::table& table, std::string path) {
    return TableReader(table, std::move(path), problems_, &kTopLevelKeys);
  }

  void ReadIdentity(TableReader& reader) {
    const std::optional<std::int64_t> version =
        reader.Integer("format_version", "format_version = 1", INT64_MIN, INT64_MAX);
    if (version.has_value() && *version != kFormatVersion) {
      reader.AddProblem("format_version",
                        Invalid("protocol.format_version.unsupported", *version, kFormatVersion));
    }

    const std::optional<std::string> id = reader.Text("id", "id = \"adembeek-pilot-2021\"");
    if (id.has_value() && !IsValidId(*id)) {
      reader.AddProblem("id", Invalid("protocol.id.invalid", *id));
    }
    definition_.id = id.value_or("");
    definition_.title = reader.Text("title", "title = \"...\"").value_or("");
  }

  void ReadControllers(TableReader& reader) {
    const toml::array* array = reader.TableArray("controllers", "[[controllers]]");
    if (array == nullptr) {
      controllers_complete_ = false;
      return;
    }

    // Roles: exactly one city and one OCMW, so a third party cannot be a controller.
    std::size_t index = 0;
    for (const toml::node& node : *array) {
      const std::string path = reader.PathOf("controllers") + fmt::format("[{}]", ++index);
      TableReader entry = Sub(*node.as_table(), path);
      std::optional<Controller> controller = ReadController(entry);
      entry.RejectUnknownKeys();
      if (!controller.has_value()) {
        controllers_complete_ = false;
        continue;
      }
      for (const Controller& earlier : definition_.controllers) {
        if (earlier.role == controller->role) {
          entry.AddProblem("role", Invalid("protocol.controller.role_duplicate",
                                           entry.PathOf("role"), PartyRoleKey(controller->role)));
          controllers_complete_ = false;
        }
        if (earlier.name == controller->name) {
          entry.AddProblem("name", Invalid("protocol.controller.name_duplicate",
                                           entry.PathOf("name"), controller->name));
          controllers_complete_ = false;
        }
      }
      definition_.controllers.push_back(std::move(*controller));
    }

    if (!controllers_complete_) return;
    for (PartyRole role : {PartyRole::kCity, PartyRole::kOcmw}) {
      const bool present =
          std::any_of(definition_.controllers.begin(), definition_.controllers.end(),
                      [role](const Controller& controller) { return controller.role == role; });
      if (!present) {
        reader.AddProblem("controllers",
                          Invalid("protocol.controller.role_missing", PartyRoleKey(role)));
        controllers_complete_ = false;
      }
    }
  }

  // Returns nullopt when a required value is missing or invalid (already reported).
  std::optional<Controller> ReadController(TableReader& entry) {
    Controller controller;
    bool complete = true;

    const std::optional<std::string> role = entry.Text("role", "role = \"city\"");
    if (role == "city") {
      controller.role = PartyRole::kCity;
    } else if (role == "ocmw") {
      controller.role = PartyRole::kOcmw;
    } else {
      if (role.has_value()) {
        entry.AddProblem("role",
                         Invalid("protocol.controller.role_unknown", entry.PathOf("role"), *role));
      }
      complete = false;
    }

    const std::optional<std::string> name = entry.Text("name", "name = \"Stad Adembeek\"");
    complete = complete && name.has_value();
    controller.name = name.value_or("");
    controller.address =
        entry.Text("address", "address = \"Marktplein 1, 9999 Adembeek\"").value_or("");
    controller.represented_by =
        entry.Text("represented_by", "represented_by = \"...\"", Presence::kOptional).value_or("");

    const toml::table* officer_table =
        entry.Table("data_protection_officer",
                    "data_protection_officer = { email = \"dpo@adembeek.example\" }");
    if (officer_table != nullptr) {
      TableReader officer = Sub(*officer_table, entry.PathOf("data_protection_officer"));
      DataProtectionOfficer& dpo = controller.data_protection_officer;
      dpo.name = officer.Text("name", "name = \"...\"", Presence::kOptional).value_or("");
      const std::optional<std::string> email =
          officer.Text("email", "email = \"dpo@adembeek.example\"");
      if (email.has_value() && !LooksLikeEmail(*email)) {
        officer.AddProblem(
            "email", Invalid("protocol.controller.email_invalid", officer.PathOf("email"), *email));
      }
      dpo.email = email.value_or("");
      dpo.phone = officer.Text("phone", "phone = \"...\"", Presence::kOptional).value_or("");
      officer.RejectUnknownKeys();
    }

    if (!complete) return std::nullopt;
    return controller;
  }

  void ReadFields(TableReader& reader) {
    const toml::table* table = reader.Table("fields", "[fields]");
    if (table == nullptr) return;
    TableReader fields = Sub(*table, reader.PathOf("fields"));
    definition_.city_to_ocmw =
        ReadFieldList(fields, Direction::kCityToOcmw, "city_to_ocmw = [\"national_number\", ...]");
    definition_.ocmw_to_city = ReadFieldList(
        fields, Direction::kOcmwToCity, "ocmw_to_city = [\"client_ocmw\", \"resume_collection\"]");
    fields.RejectUnknownKeys();
  }

  std::vector<Field> ReadFieldList(TableReader& fields, Direction direction,
                                   std::string_view example) {
    const std::string_view key = DirectionKey(direction);
    std::vector<int> lines;
    const std::optional<std::vector<std::string>> names = fields.TextList(key, example, &lines);
    if (!names.has_value()) return {};

    std::vector<Field> result;
    for (std::size_t i = 0; i < names->size(); ++i) {
      const std::string& name = (*names)[i];
      const std::string path = fields.PathOf(key) + fmt::format("[{}]", i + 1);
      const std::optional<Field> field = ParseField(name);
      Error error;
      if (!field.has_value()) {
        error = Invalid("protocol.field.unknown", path, name, FieldKeysFor(direction));
      } else if (FieldDirection(*field) != direction) {
        error = Invalid("protocol.field.wrong_direction", path, name,
                        fields.PathOf(DirectionKey(FieldDirection(*field))));
      } else if (std::find(result.begin(), result.end(), *field) != result.end()) {
        error = Invalid("protocol.field.duplicate", path, name);
      } else {
        result.push_back(*field);
        continue;
      }
      problems_.push_back(ProtocolProblem{path, lines[i], std::move(error)});
    }
    return result;
  }

  void ReadRecipients(TableReader& reader) {
    const toml::array* array = reader.TableArray("recipients", "[[recipients]]");
    if (array == nullptr) return;
    std::size_t index = 0;
    for (const toml::node& node : *array) {
      const std::string path = reader.PathOf("recipients") + fmt::format("[{}]", ++index);
      TableReader entry = Sub(*node.as_table(), path);
      Recipient recipient;
      const std::optional<std::string> party = entry.Text("party", "party = \"OCMW Adembeek\"");
      recipient.services = entry.Text("services", "services = \"...\"").value_or("");
      entry.RejectUnknownKeys();
      if (!party.has_value()) continue;
      recipient.party = *party;
      definition_.recipients.push_back(std::move(recipient));
      recipient_places_.push_back({entry.PathOf("party"), entry.LineOf("party")});
    }
  }

  void ReadValidity(TableReader& reader) {
    const toml::table* table = reader.Table("validity", "[validity]");
    if (table == nullptr) return;
    TableReader validity = Sub(*table, reader.PathOf("validity"));
    const std::optional<CivilDate> start = validity.Date("start", "start = 2021-04-01");
    const std::optional<CivilDate> end = validity.Date("end", "end = 2021-12-31");
    validity.RejectUnknownKeys();
    if (!start.has_value() || !end.has_value()) return;

    if (*end < *start) {
      validity.AddProblem(
          "end", Invalid("protocol.validity.end_before_start", start->ToIso(), end->ToIso()));
      return;
    }
    definition_.validity = ValidityPeriod{*start, *end};
    validity_known_ = true;
  }

  void ReadRetention(TableReader& reader) {
    const toml::table* table = reader.Table("retention", "[retention]");
    if (table == nullptr) return;
    TableReader retention = Sub(*table, reader.PathOf("retention"));
    RetentionRule& rule = definition_.retention;

    const std::optional<std::string> action =
        retention.Text("personal_data", "personal_data = \"delete\"");
    if (action == "delete") {
      rule.personal_data = RetentionAction::kDelete;
    } else if (action == "anonymise") {
      rule.personal_data = RetentionAction::kAnonymise;
    } else if (action.has_value()) {
      retention.AddProblem("personal_data", Invalid("protocol.retention.action_unknown",
                                                    retention.PathOf("personal_data"), *action));
    }
    rule.within_days =
        static_cast<int>(retention.Integer("within_days", "within_days = 90", 1, 365).value_or(0));
    rule.access_log_years = static_cast<int>(
        retention.Integer("access_log_years", "access_log_years = 10", 1, 30, Presence::kOptional)
            .value_or(10));
    rule.evaluation = retention.Text("evaluation", "evaluation = \"...\"").value_or("");
    retention.RejectUnknownKeys();
  }

  void ReadSignedText(TableReader& reader) {
    const toml::table* table = reader.Table("signed_text", "[signed_text]");
    if (table == nullptr) return;
    TableReader signed_text = Sub(*table, reader.PathOf("signed_text"));
    SignedText& text = definition_.signed_text;

    text.title = signed_text.Text("title", "title = \"...\"").value_or("");
    const std::optional<CivilDate> date =
        signed_text.Date("date_signed", "date_signed = 2021-03-25");
    if (date.has_value()) {
      text.date_signed = *date;
      signed_date_known_ = true;
    }

    const std::optional<std::string> sha256 =
        signed_text.Text("sha256", "sha256 = \"<64 hex digits>\"", Presence::kOptional);
    if (sha256.has_value() && !IsSha256Hex(*sha256)) {
      signed_text.AddProblem("sha256", Invalid("protocol.signed_text.sha256_invalid",
                                               signed_text.PathOf("sha256"), sha256->size()));
    }
    text.sha256 = ToLower(sha256.value_or(""));
    text.document_reference =
        signed_text.Text("document_reference", "document_reference = \"...\"", Presence::kOptional)
            .value_or("");
    if (!sha256.has_value() && text.document_reference.empty()) {
      signed_text.AddProblem(
          "", Invalid("protocol.signed_text.reference_missing", signed_text.PathOf("")));
    }
    signed_text.RejectUnknownKeys();
    signed_text_line_ = signed_text.LineOf("date_signed");
  }

  void CheckRecipientsAreParties() {
    if (!controllers_complete_) return;
    std::string party_names;
    for (const Controller& controller : definition_.controllers) {
      if (!party_names.empty()) party_names += ", ";
      party_names += controller.name;
    }

    // Only the two parties may receive data.
    std::set<std::string> seen;
    for (std::size_t i = 0; i < definition_.recipients.size(); ++i) {
      const std::string& party = definition_.recipients[i].party;
      const auto& [path, line] = recipient_places_[i];
      const bool is_party =
          std::any_of(definition_.controllers.begin(), definition_.controllers.end(),
                      [&](const Controller& controller) { return controller.name == party; });
      if (!is_party) {
        problems_.push_back(ProtocolProblem{
            path, line, Invalid("protocol.recipient.not_a_party", path, party, party_names)});
      } else if (!seen.insert(party).second) {
        problems_.push_back(
            ProtocolProblem{path, line, Invalid("protocol.recipient.duplicate", path, party)});
      }
    }

    // Each party receives the other's fields, so item 4 must name both.
    if (definition_.recipients.empty()) return;
    for (const Controller& controller : definition_.controllers) {
      if (seen.count(controller.name) == 0) {
        problems_.push_back(ProtocolProblem{
            "recipients", 0, Invalid("protocol.recipient.party_missing", controller.name)});
      }
    }
  }

  void CheckSignedBeforeStart() {
    if (!signed_date_known_ || !validity_known_) return;
    const CivilDate signed_on = definition_.signed_text.date_signed;
    if (signed_on > definition_.validity.start) {
      problems_.push_back(
          ProtocolProblem{"signed_text.date_signed", signed_text_line_,
                          Invalid("protocol.signed_text.signed_after_start", signed_on.ToIso(),
                                  definition_.validity.start.ToIso())});
    }
  }

  std::vector<ProtocolProblem>& problems_;
  ProtocolDefinition definition_;
  bool controllers_complete_ = true;
  bool validity_known_ = false;
  bool signed_date_known_ = false;
  int signed_text_line_ = 0;
  // The key path and line of each entry's party in definition_.recipients.
  std::vector<std::pair<std::string, int>> recipient_places_;
};

Result<Protocol> ParseProtocol(std::string_view toml_text, std::string_view source_name,
                               std::vector<ProtocolProblem>* problems) {
  std::vector<ProtocolProblem> found;
  toml::table root;
  try {
    root = toml::parse(toml_text, source_name);
  } catch (const toml::parse_error& error) {
    // toml++'s description is English; it is shown as the parser's own detail.
    found.push_back(ProtocolProblem{
        "", static_cast<int>(error.source().begin.line),
        Invalid("protocol.file.syntax", error.source().begin.column, error.description())});
  }

  Result<Protocol> result =
      found.empty()
          ? ProtocolLoader(found).Load(root, source_name)
          : Result<Protocol>(MakeError(ErrorCode::kInvalidArgument, "protocol.file.invalid",
                                       source_name, found.size()));
  if (!result.ok() && problems != nullptr) {
    problems->insert(problems->end(), std::make_move_iterator(found.begin()),
                     std::make_move_iterator(found.end()));
  }
  return result;
}

Result<Protocol> LoadProtocolFile(const std::filesystem::path& file,
                                  std::vector<ProtocolProblem>* problems) {
  std::error_code error;
  if (!std::filesystem::exists(file, error)) {
    return MakeError(ErrorCode::kNotFound, "protocol.file.not_found", file.string());
  }
  const std::uintmax_t size = std::filesystem::file_size(file, error);
  if (error) {
    return MakeError(ErrorCode::kIo, "protocol.file.read_failed", file.string(), error.message());
  }
  if (size > kMaxProtocolFileBytes) {
    return MakeError(ErrorCode::kInvalidArgument, "protocol.file.too_large", file.string(),
                     kMaxProtocolFileBytes);
  }

  std::ifstream stream(file, std::ios::binary);
  std::ostringstream text;
  text << stream.rdbuf();
  if (!stream) {
    return MakeError(ErrorCode::kIo, "protocol.file.read_failed", file.string(),
                     std::strerror(errno));
  }
  return ParseProtocol(text.str(), file.filename().string(), problems);
}

std::string FormatProblem(const ProtocolProblem& problem, std::string_view source_name,
                          Language language) {
  const std::string message = problem.error.Render(language);
  if (problem.line <= 0) return fmt::format("{}: {}", source_name, message);
  return fmt::format("{}:{}: {}", source_name, problem.line, message);
}

}  // namespace adempauze::protocol
