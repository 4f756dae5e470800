// Preparing records: every normalisation runs here, once per record.
#include "fuzzy/prepared.h"

#include <algorithm>
#include <optional>
#include <thread>
#include <unordered_map>
#include <utility>

#include "adempauze/fuzzy/address.h"

namespace adempauze::fuzzy::internal {
namespace {

// One thread's share of the records, with its own arena.
struct Chunk {
  std::vector<PreparedPerson> people;
  std::string arena;
};

TextRef Store(std::string& arena, std::string_view text) {
  TextRef ref{static_cast<std::uint32_t>(arena.size()), static_cast<std::uint32_t>(text.size())};
  arena.append(text);
  return ref;
}

void PrepareNames(const Person& person, std::string& arena, PreparedPerson& out) {
  const GivenNameForms given = AnalyseGivenName(person.first_name);
  out.given_full = Store(arena, given.full);
  out.given_token_count = static_cast<std::uint8_t>(std::min(given.tokens.size(), kMaxGivenTokens));
  for (std::size_t i = 0; i < out.given_token_count; ++i) {
    out.given_tokens[i] = Store(arena, given.tokens[i]);
  }
  out.given_initials_only = given.initials_only;
  out.nickname_groups = given.nickname_groups;

  const SurnameForms surname = AnalyseSurname(person.last_name);
  out.surname_variant_count = static_cast<std::uint8_t>(surname.variants.size());
  for (std::size_t i = 0; i < surname.variants.size(); ++i) {
    out.surname_variants[i] = Store(arena, surname.variants[i]);
  }
  out.surname_core_count =
      static_cast<std::uint8_t>(std::min(surname.cores.size(), kMaxSurnameCores));
  for (std::size_t i = 0; i < out.surname_core_count; ++i) {
    out.surname_cores[i] = Store(arena, surname.cores[i]);
  }
}

void PrepareAddress(const Person& person, std::string& arena, PreparedPerson& out) {
  // A street column that carries the number too is split when the number column is empty.
  std::string street = person.street;
  std::string house_number = person.house_number;
  if (house_number.empty()) {
    StreetAndNumber split = SplitStreetAndNumber(person.street);
    street = std::move(split.street);
    house_number = std::move(split.house_number);
  }
  out.street = Store(arena, NormaliseStreet(street));
  out.postcode = ParsePostcode(person.postcode);

  const std::optional<HouseNumber> parsed = ParseHouseNumber(house_number);
  if (parsed) {
    out.house_known = true;
    out.house_number = parsed->number;
    out.house_range_end = parsed->range_end;
    out.house_suffix = Store(arena, parsed->suffix);
    out.house_box = Store(arena, parsed->box);
  }
}

void PrepareNumber(const Person& person, CivilDate today, PreparedPerson& out) {
  const NumberEvidence evidence = ReadNumberEvidence(person.national_number, today);
  if (evidence.digits.size() == out.number_digits.size()) {
    std::copy(evidence.digits.begin(), evidence.digits.end(), out.number_digits.begin());
    out.number_has_digits = true;
  }
  out.number_valid = evidence.valid;
  out.number_is_bis = evidence.valid && evidence.kind == nn::Kind::kBis;
  out.birth_date = evidence.birth_date;
}

void PrepareRange(std::span<const Person> people, CivilDate today, Chunk& chunk) {
  chunk.people.resize(people.size());
  chunk.arena.reserve(people.size() * 64);
  for (std::size_t i = 0; i < people.size(); ++i) {
    PreparedPerson& out = chunk.people[i];
    out.id = people[i].id;
    PrepareNames(people[i], chunk.arena, out);
    PrepareAddress(people[i], chunk.arena, out);
    PrepareNumber(people[i], today, out);
  }
}

void Shift(TextRef& ref, std::uint32_t base) { ref.offset += base; }

void ShiftAll(PreparedPerson& person, std::uint32_t base) {
  Shift(person.given_full, base);
  for (TextRef& ref : person.given_tokens) Shift(ref, base);
  for (TextRef& ref : person.surname_variants) Shift(ref, base);
  for (TextRef& ref : person.surname_cores) Shift(ref, base);
  Shift(person.street, base);
  Shift(person.house_suffix, base);
  Shift(person.house_box, base);
}

}  // namespace

PreparedList PreparedList::Build(std::span<const Person> people, CivilDate today,
                                 unsigned threads) {
  // Step 1: prepare contiguous chunks in parallel, each into its own arena.
  const std::size_t chunk_count = std::max<std::size_t>(
      1, std::min<std::size_t>(threads == 0 ? 1 : threads, people.size() / 1024 + 1));
  std::vector<Chunk> chunks(chunk_count);
  const std::size_t per_chunk = (people.size() + chunk_count - 1) / chunk_count;
  std::vector<std::thread> workers;
  for (std::size_t c = 0; c < chunk_count; ++c) {
    const std::size_t begin = std::min(people.size(), c * per_chunk);
    const std::size_t end = std::min(people.size(), begin + per_chunk);
    auto work = [&, c, begin, end] {
      PrepareRange(people.subspan(begin, end - begin), today, chunks[c]);
    };
    if (c + 1 == chunk_count) {
      work();
    } else {
      workers.emplace_back(work);
    }
  }
  for (std::thread& worker : workers) worker.join();

  // Step 2: concatenate the chunks, moving each chunk's text references by its arena's base.
  PreparedList list;
  std::size_t arena_size = 0;
  for (const Chunk& chunk : chunks) arena_size += chunk.arena.size();
  list.people_.reserve(people.size());
  list.arena_.reserve(arena_size);
  for (Chunk& chunk : chunks) {
    const auto base = static_cast<std::uint32_t>(list.arena_.size());
    list.arena_.append(chunk.arena);
    for (PreparedPerson& person : chunk.people) {
      ShiftAll(person, base);
      list.people_.push_back(person);
    }
  }
  return list;
}

namespace {

// Ids for distinct texts, starting at 1, with the number of records that had each.
class Dictionary {
 public:
  std::uint32_t Intern(const std::string& text) {
    if (text.empty()) return 0;
    const auto [found, inserted] = ids_.emplace(text, static_cast<std::uint32_t>(counts_.size()));
    if (inserted) counts_.push_back(0);
    ++counts_[found->second];
    return found->second;
  }
  std::uint32_t CountOf(std::uint32_t id) const { return counts_[id]; }

 private:
  std::unordered_map<std::string, std::uint32_t> ids_;
  std::vector<std::uint32_t> counts_{0};
};

// The text that decides every comparison of a given name: its tokens. "Jan-Frans" and
// "Janfrans" join to the same given_full but compare differently, so they get other ids.
std::string GivenSignature(const PreparedList& list, const PreparedPerson& person) {
  std::string signature;
  for (std::size_t i = 0; i < person.given_token_count; ++i) {
    signature.append(list.Text(person.given_tokens[i])).push_back(' ');
  }
  return signature;
}

// The same for a surname: its variants and its cores ("De Smet" and "Desmet" share the
// full form but not the cores).
std::string SurnameSignature(const PreparedList& list, const PreparedPerson& person) {
  std::string signature;
  for (std::size_t i = 0; i < person.surname_variant_count; ++i) {
    signature.append(list.Text(person.surname_variants[i])).push_back(' ');
  }
  signature.push_back('|');
  for (std::size_t i = 0; i < person.surname_core_count; ++i) {
    signature.append(list.Text(person.surname_cores[i])).push_back(' ');
  }
  return person.surname_variant_count == 0 ? std::string() : signature;
}

}  // namespace

void InternValues(PreparedList& left, PreparedList& right) {
  Dictionary given;
  Dictionary surname;
  Dictionary street;
  for (PreparedList* list : {&left, &right}) {
    for (PreparedPerson& person : list->people_) {
      person.given_id = given.Intern(GivenSignature(*list, person));
      person.surname_id = surname.Intern(SurnameSignature(*list, person));
      person.street_id = street.Intern(std::string(list->Text(person.street)));
    }
  }

  const double total = static_cast<double>(left.size() + right.size());
  for (PreparedList* list : {&left, &right}) {
    for (PreparedPerson& person : list->people_) {
      person.given_frequency = static_cast<float>(given.CountOf(person.given_id) / total);
      person.surname_frequency = static_cast<float>(surname.CountOf(person.surname_id) / total);
    }
  }
}

}  // namespace adempauze::fuzzy::internal
