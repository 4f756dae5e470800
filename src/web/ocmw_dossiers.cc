#include "web/ocmw_dossiers.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "adempauze/fuzzy/text.h"
#include "adempauze/store/person.h"
#include "store/id_ranges.h"

namespace adempauze::web {
namespace {

using workflow::DossierStatus;
using workflow::StatusId;

constexpr std::string_view kSummaryColumns =
    "d.id, d.batch_id, d.dossier_number, d.status, d.status_changed_at, d.follow_up_deadline, "
    "d.version";

// The SQL condition on `debtors d` that selects client dossiers (see the header). A client's
// dossier reaches resume_collection or closed only through client_paused, and a reversal by
// a second reviewer leaves a history entry with reason code "review.reversed".
const std::string& VisibleCondition() {
  static const std::string condition = fmt::format(
      "(d.status IN ('{}', '{}', '{}') OR (d.status IN ('{}', '{}') "
      "AND EXISTS (SELECT 1 FROM dossier_events e WHERE e.debtor_id = d.id AND e.to_status = '{}') "
      "AND NOT EXISTS (SELECT 1 FROM dossier_events e WHERE e.debtor_id = d.id AND e.reason_code = "
      "'review.reversed')))",
      StatusId(DossierStatus::kClientPaused), StatusId(DossierStatus::kSolutionInProgress),
      StatusId(DossierStatus::kSolutionReached), StatusId(DossierStatus::kResumeCollection),
      StatusId(DossierStatus::kClosed), StatusId(DossierStatus::kClientPaused));
  return condition;
}

store::DossierSummary SummaryFromRow(const store::Statement& row) {
  store::DossierSummary summary;
  summary.debtor_id = row.ColumnInt(0);
  summary.batch_id = row.ColumnInt(1);
  summary.dossier_number = row.ColumnText(2);
  summary.status = row.ColumnText(3);
  summary.status_changed_at = row.ColumnText(4);
  if (!row.ColumnIsNull(5)) summary.follow_up_deadline = CivilDate::FromIso(row.ColumnText(5));
  summary.version = row.ColumnInt(6);
  return summary;
}

// Returns the debtor ids of `rows` as sorted ranges ("3-7,9"), or "-" for none, for an
// access-log detail.
std::string IdRanges(const std::vector<ClientDossierRow>& rows) {
  std::vector<std::int64_t> ids;
  for (const ClientDossierRow& row : rows) ids.push_back(row.summary.debtor_id);
  return store::IdRanges(std::move(ids));
}

// Decrypts the names of one debtor at a time with a statement prepared once.
class NameReader {
 public:
  static Result<NameReader> Create(store::Store& store) {
    Result<store::Statement> query =
        store.database().Prepare("SELECT first_name, last_name FROM debtors WHERE id = ?1");
    if (!query.ok()) return query.error();
    return NameReader(store, std::move(query).value());
  }

  Status Fill(ClientDossierRow& row) {
    query_.Reset();
    query_.Bind(1, row.summary.debtor_id);
    Result<bool> found = query_.Step();
    if (!found.ok()) return found.error();
    if (!*found) {
      return MakeError(ErrorCode::kNotFound, "store.dossier_not_found", row.summary.debtor_id);
    }
    const std::int64_t id = row.summary.debtor_id;
    Result<std::string> first = store_->cipher().Open(
        query_.ColumnBlob(0), crypto::FieldPlace{"debtors", "first_name", id});
    if (!first.ok()) return first.error();
    Result<std::string> last =
        store_->cipher().Open(query_.ColumnBlob(1), crypto::FieldPlace{"debtors", "last_name", id});
    if (!last.ok()) return last.error();
    row.first_name = std::move(first).value();
    row.last_name = std::move(last).value();
    return Status::Ok();
  }

 private:
  NameReader(store::Store& store, store::Statement query)
      : store_(&store), query_(std::move(query)) {}
  store::Store* store_;
  store::Statement query_;
};

std::string LowerAscii(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

// A search term prepared once: the trimmed text for dossier numbers and the folded words
// for names.
struct Search {
  std::string number_part;
  std::vector<std::string> name_words;

  explicit Search(std::string_view text) {
    const std::size_t first = text.find_first_not_of(" \t");
    const std::size_t last = text.find_last_not_of(" \t");
    if (first != std::string_view::npos) {
      number_part = LowerAscii(text.substr(first, last - first + 1));
    }
    std::string folded = fuzzy::FoldForComparison(text);
    for (std::size_t start = 0; start < folded.size();) {
      std::size_t space = std::min(folded.find(' ', start), folded.size());
      if (space > start) name_words.push_back(folded.substr(start, space - start));
      start = space + 1;
    }
  }

  bool MatchesNumber(const std::string& dossier_number) const {
    return !number_part.empty() &&
           LowerAscii(dossier_number).find(number_part) != std::string::npos;
  }

  bool MatchesName(const ClientDossierRow& row) const {
    if (name_words.empty()) return false;
    const std::string name = fuzzy::FoldForComparison(row.first_name + " " + row.last_name);
    return std::all_of(name_words.begin(), name_words.end(), [&name](const std::string& word) {
      return name.find(word) != std::string::npos;
    });
  }
};

// NOTE: every list request reads the summaries of all client dossiers, and a name search
// decrypts all their names, because names are sealed and cannot be searched in SQL. With
// 11,577 client dossiers among 100,000 (`adempauze demo --debtors 100000 --clients 60000`,
// Debug build, 2 shared cores) a page took 0.2 to 0.6 s and a search 0.4 to 1.1 s.
Result<std::vector<ClientDossierRow>> SelectClientDossiers(store::Database& db,
                                                           std::optional<DossierStatus> status) {
  Result<store::Statement> query =
      db.Prepare(fmt::format("SELECT {} FROM debtors d WHERE {} AND (?1 IS NULL OR d.status = ?1) "
                             "ORDER BY d.dossier_number, d.batch_id",
                             kSummaryColumns, VisibleCondition()));
  if (!query.ok()) return query.error();
  if (status) query->BindText(1, StatusId(*status));
  std::vector<ClientDossierRow> rows;
  while (true) {
    Result<bool> row = query->Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    rows.push_back(ClientDossierRow{SummaryFromRow(*query), "", ""});
  }
  return rows;
}

// Keeps the rows that match `search`, decrypting names only of rows whose dossier number
// does not match already.
Result<std::vector<ClientDossierRow>> FilterBySearch(NameReader& names,
                                                     std::vector<ClientDossierRow> rows,
                                                     const Search& search) {
  std::vector<ClientDossierRow> kept;
  for (ClientDossierRow& row : rows) {
    if (search.MatchesNumber(row.summary.dossier_number)) {
      kept.push_back(std::move(row));
      continue;
    }
    if (Status filled = names.Fill(row); !filled.ok()) return filled.error();
    if (search.MatchesName(row)) kept.push_back(std::move(row));
  }
  return kept;
}

Status AppendListEntry(store::Store& store, const store::Actor& actor, std::string_view list_name,
                       std::string detail) {
  store::AccessEntry entry{0,          "",
                           actor.name, actor.role,
                           "list",     std::string(list_name),
                           "*",        actor.purpose,
                           "ok",       std::move(detail)};
  Result<std::int64_t> logged = store.access_log().Append(entry);
  if (!logged.ok()) return logged.error();
  return Status::Ok();
}

struct Visibility {
  std::optional<store::DossierSummary> summary;  // nullopt: no such dossier
  bool visible = false;
};

Result<Visibility> ReadVisibility(store::Database& db, std::int64_t debtor_id) {
  Result<store::Statement> query = db.Prepare(fmt::format(
      "SELECT {}, {} FROM debtors d WHERE d.id = ?1", kSummaryColumns, VisibleCondition()));
  if (!query.ok()) return query.error();
  query->Bind(1, debtor_id);
  Result<bool> row = query->Step();
  if (!row.ok()) return row.error();
  if (!*row) return Visibility{};
  return Visibility{SummaryFromRow(*query), query->ColumnInt(7) != 0};
}

// Logs a denied look at a dossier in its own transaction. The subject is the person of
// the dossier, so the data protection officer finds the attempt under that person too.
Status LogDenied(store::Store& store, const store::Actor& actor, std::string_view action,
                 std::int64_t debtor_id, const Visibility& visibility) {
  std::string subject;
  if (visibility.summary) {
    Result<std::string> found = store::DebtorSubject(store, debtor_id);
    if (!found.ok()) return found.error();
    subject = std::move(found).value();
  }
  Result<store::Transaction> transaction = store::Transaction::Begin(store.database());
  if (!transaction.ok()) return transaction.error();
  store::AccessEntry entry{
      0,
      "",
      actor.name,
      actor.role,
      std::string(action),
      "dossier",
      visibility.summary ? visibility.summary->dossier_number : std::string("-"),
      actor.purpose,
      "denied",
      fmt::format("debtor_id={} reason={}", debtor_id,
                  visibility.summary ? "not_a_client_dossier" : "not_found")};
  if (Result<std::int64_t> logged = store.access_log().Append(entry, subject); !logged.ok()) {
    return logged.error();
  }
  return transaction->Commit();
}

}  // namespace

Result<ClientDossierPage> ListClientDossiers(store::Store& store, const ClientDossierQuery& query,
                                             const store::Actor& actor) {
  // One transaction: the rows read and the log entry that records them.
  Result<store::Transaction> transaction = store::Transaction::Begin(store.database());
  if (!transaction.ok()) return transaction.error();
  Result<NameReader> names = NameReader::Create(store);
  if (!names.ok()) return names.error();

  // Step 1: every client dossier with the status filter, without personal data.
  Result<std::vector<ClientDossierRow>> rows = SelectClientDossiers(store.database(), query.status);
  if (!rows.ok()) return rows.error();

  // Step 2: the search, on dossier numbers first and then on names decrypted in memory.
  const Search search(query.search);
  if (!search.number_part.empty()) {
    rows = FilterBySearch(*names, std::move(rows).value(), search);
    if (!rows.ok()) return rows.error();
  }

  // Step 3: the page, with the names of its rows.
  ClientDossierPage page;
  page.total = static_cast<std::int64_t>(rows->size());
  const auto begin = std::min<std::size_t>(rows->size(), static_cast<std::size_t>(query.offset));
  const auto end =
      std::min<std::size_t>(rows->size(), begin + static_cast<std::size_t>(query.limit));
  for (std::size_t i = begin; i < end; ++i) {
    ClientDossierRow& row = (*rows)[i];
    if (row.last_name.empty() && row.first_name.empty()) {
      if (Status filled = names->Fill(row); !filled.ok()) return filled.error();
    }
    page.rows.push_back(std::move(row));
  }

  // Step 4: log the ids shown, then commit.
  const std::string detail = fmt::format(
      "status={} search={} rows={} total={} debtor_ids={}",
      query.status ? StatusId(*query.status) : std::string_view("*"),
      search.number_part.empty() ? "no" : "yes", page.rows.size(), page.total, IdRanges(page.rows));
  if (Status logged = AppendListEntry(store, actor, "client_dossier_list", detail); !logged.ok()) {
    return logged.error();
  }
  if (Status committed = transaction->Commit(); !committed.ok()) return committed.error();
  return page;
}

Result<store::DossierSummary> FindClientDossier(store::Store& store, std::int64_t debtor_id,
                                                const store::Actor& actor,
                                                std::string_view action) {
  Result<Visibility> visibility = ReadVisibility(store.database(), debtor_id);
  if (!visibility.ok()) return visibility.error();
  if (visibility->visible) return *visibility->summary;
  if (Status logged = LogDenied(store, actor, action, debtor_id, *visibility); !logged.ok()) {
    return logged.error();
  }
  return MakeError(ErrorCode::kNotFound, "store.dossier_not_found", debtor_id);
}

Result<store::DossierDetail> ReadClientDossier(store::Store& store, std::int64_t debtor_id,
                                               const store::Actor& actor) {
  Result<store::DossierSummary> found = FindClientDossier(store, debtor_id, actor, "view");
  if (!found.ok()) return found.error();
  Result<store::DossierDetail> detail = store.ReadDossier(debtor_id, actor);
  if (!detail.ok()) return detail;

  // A related dossier of the same person that is not a client dossier (not yet matched, or
  // not a client at the time) is the city's alone.
  std::vector<store::DossierSummary> related;
  for (store::DossierSummary& other : detail->related) {
    Result<Visibility> visibility = ReadVisibility(store.database(), other.debtor_id);
    if (!visibility.ok()) return visibility.error();
    if (visibility->visible) related.push_back(std::move(other));
  }
  detail->related = std::move(related);
  return detail;
}

Result<std::vector<ClientDossierRow>> AddNames(store::Store& store,
                                               std::vector<store::DossierSummary> summaries,
                                               const store::Actor& actor,
                                               std::string_view list_name) {
  Result<store::Transaction> transaction = store::Transaction::Begin(store.database());
  if (!transaction.ok()) return transaction.error();
  Result<NameReader> names = NameReader::Create(store);
  if (!names.ok()) return names.error();
  std::vector<ClientDossierRow> rows;
  rows.reserve(summaries.size());
  for (store::DossierSummary& summary : summaries) {
    rows.push_back(ClientDossierRow{std::move(summary), "", ""});
    if (Status filled = names->Fill(rows.back()); !filled.ok()) return filled.error();
  }
  const std::string detail = fmt::format("rows={} debtor_ids={}", rows.size(), IdRanges(rows));
  if (Status logged = AppendListEntry(store, actor, list_name, detail); !logged.ok()) {
    return logged.error();
  }
  if (Status committed = transaction->Commit(); !committed.ok()) return committed.error();
  return rows;
}

bool IsOverdue(const store::DossierSummary& summary, CivilDate today) {
  std::optional<DossierStatus> status = workflow::ParseStatus(summary.status);
  return status && workflow::IsPaused(*status) && summary.follow_up_deadline &&
         summary.follow_up_deadline->DaysSinceEpoch() < today.DaysSinceEpoch();
}

}  // namespace adempauze::web
