// Blocking: which pairs get compared, what the cap drops, and how it is reported.
#include "adempauze/fuzzy/blocking.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "adempauze/fuzzy/evaluate.h"
#include "adempauze/nn/national_number.h"
#include "fuzzy/fuzzy_test_support.h"

namespace adempauze::fuzzy {
namespace {

using testing::kToday;
using testing::MakePerson;

MatcherConfig Config() {
  MatcherConfig config;
  config.today = kToday;
  config.threads = 2;
  return config;
}

// Returns true when blocking proposes the pair (left id 0, right id 0).
bool Proposes(const Person& left, const Person& right, const MatcherConfig& config = Config()) {
  const std::vector<Person> lefts{left};
  const std::vector<Person> rights{right};
  const std::vector<IdPair> truth{{left.id, right.id}};
  const Result<BlockingEvaluation> evaluation = EvaluateBlocking(lefts, rights, config, truth);
  EXPECT_TRUE(evaluation.ok());
  return evaluation.ok() && evaluation->true_pairs_kept == 1;
}

TEST(Blocking, KeepsPairWithNicknameAndNoNumber) {
  EXPECT_TRUE(
      Proposes(MakePerson(0, "Jef", "Peeters", "", "Kerkstr.", "12"),
               MakePerson(0, "Jozef", "Peeters", nn::Make(1960, 4, 2, 17), "Kerkstraat", "12")));
}

TEST(Blocking, KeepsPairThatOnlyShareBirthDate) {
  // Typo in the surname's first letter, moved, first name abbreviated: only the birth date
  // from the national number is left.
  const std::string number = nn::Make(1972, 11, 23, 45);
  std::string mistyped = number;
  mistyped[9] = mistyped[9] == '9' ? '0' : static_cast<char>(mistyped[9] + 1);
  EXPECT_TRUE(Proposes(MakePerson(0, "J.", "Beeters", mistyped, "Molenstraat", "3"),
                       MakePerson(0, "Jan", "Peeters", number, "Kerkstraat", "12")));
}

TEST(Blocking, KeepsPairWithSwappedNames) {
  EXPECT_TRUE(Proposes(MakePerson(0, "Peeters", "Jan", ""),
                       MakePerson(0, "Jan", "Peeters", nn::Make(1960, 4, 2, 17))));
}

TEST(Blocking, KeepsPairWithParticleWrittenDifferently) {
  EXPECT_TRUE(Proposes(MakePerson(0, "Marie", "Vandenbroeck", ""),
                       MakePerson(0, "Marie", "Van den Broeck", "")));
  EXPECT_TRUE(
      Proposes(MakePerson(0, "Marie", "Broeck", ""), MakePerson(0, "Marie", "Van den Broeck", "")));
}

TEST(Blocking, DropsObviousNonPair) {
  EXPECT_FALSE(
      Proposes(MakePerson(0, "Jan", "Peeters", nn::Make(1985, 7, 30, 33), "Kerkstraat", "12"),
               MakePerson(0, "Fatma", "Yılmaz", nn::Make(1990, 1, 5, 42), "Molenstraat", "40")));
}

TEST(Blocking, ReportsCappedBlocksWithoutKeys) {
  // Thirty clients share surname key and initial; the cap is ten.
  std::vector<Person> clients;
  for (std::size_t i = 0; i < 30; ++i) {
    clients.push_back(MakePerson(i, "Jan", "Peeters",
                                 nn::Make(1950 + static_cast<int>(i), 3, 1, 11),
                                 "Straat" + std::string(1, static_cast<char>('a' + i % 26)), "1"));
  }
  const std::vector<Person> debtors{MakePerson(0, "Jan", "Peeters", "")};
  MatcherConfig config = Config();
  config.blocking.max_block_size = 10;
  const Result<BlockingEvaluation> evaluation = EvaluateBlocking(debtors, clients, config, {});
  ASSERT_TRUE(evaluation.ok());
  ASSERT_EQ(evaluation->stats.capped_blocks.size(), 1u);
  const CappedBlock& capped = evaluation->stats.capped_blocks.front();
  EXPECT_EQ(capped.kind, BlockingKeyKind::kSurnameInitial);
  EXPECT_EQ(capped.left_records, 1u);
  EXPECT_EQ(capped.right_records, 30u);
  EXPECT_EQ(evaluation->stats.candidate_pairs, 0u);  // the only shared key was capped

  config.blocking.max_block_size = 1000;
  const Result<BlockingEvaluation> uncapped = EvaluateBlocking(debtors, clients, config, {});
  ASSERT_TRUE(uncapped.ok());
  EXPECT_TRUE(uncapped->stats.capped_blocks.empty());
  EXPECT_EQ(uncapped->stats.candidate_pairs, 30u);
}

TEST(Blocking, CountsPairsAndReductionRatio) {
  const std::vector<Person> debtors{MakePerson(0, "Jan", "Peeters", ""),
                                    MakePerson(1, "Els", "Maes", "")};
  const std::vector<Person> clients{
      MakePerson(0, "Jan", "Peeters", ""), MakePerson(1, "Els", "Maes", ""),
      MakePerson(2, "Rik", "Claes", ""), MakePerson(3, "Ann", "Wuyts", "")};
  const Result<BlockingEvaluation> evaluation =
      EvaluateBlocking(debtors, clients, Config(), std::vector<IdPair>{{0, 0}, {1, 1}});
  ASSERT_TRUE(evaluation.ok());
  EXPECT_EQ(evaluation->stats.possible_pairs, 8u);
  EXPECT_EQ(evaluation->stats.candidate_pairs, 2u);
  EXPECT_DOUBLE_EQ(evaluation->stats.reduction_ratio, 0.75);
  EXPECT_EQ(
      evaluation->stats.pairs_by_key[static_cast<std::size_t>(BlockingKeyKind::kSurnameInitial)],
      2u);
  EXPECT_DOUBLE_EQ(evaluation->pair_completeness, 1.0);
  EXPECT_TRUE(evaluation->lost.empty());
}

TEST(Blocking, EqualValidNumbersCountAsKeptWhenSkipped) {
  const std::string number = nn::Make(1985, 7, 30, 33);
  // Nothing but the number agrees, and the birth date key is off: the exact matcher finds it.
  MatcherConfig config = Config();
  config.skip_equal_valid_numbers = true;
  config.blocking.enabled[static_cast<std::size_t>(BlockingKeyKind::kBirthDate)] = false;
  config.blocking.enabled[static_cast<std::size_t>(BlockingKeyKind::kFirstNameYear)] = false;
  const std::vector<Person> debtors{MakePerson(0, "Xavier", "Aerts", number)};
  const std::vector<Person> clients{MakePerson(0, "Yves", "Bosmans", number)};
  const Result<BlockingEvaluation> evaluation =
      EvaluateBlocking(debtors, clients, config, std::vector<IdPair>{{0, 0}});
  ASSERT_TRUE(evaluation.ok());
  EXPECT_EQ(evaluation->true_pairs_kept, 1u);
  EXPECT_EQ(evaluation->stats.candidate_pairs, 0u);
}

TEST(ValidateBlockingOptions, RejectsNoKeysAndZeroCap) {
  BlockingOptions none;
  none.enabled.fill(false);
  const Status status = ValidateBlockingOptions(none);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().args.at(0), "blocking.enabled");
  BlockingOptions zero;
  zero.max_block_size = 0;
  EXPECT_FALSE(ValidateBlockingOptions(zero).ok());
  EXPECT_EQ(BlockingKeyCode(BlockingKeyKind::kAddress), "address");
}

}  // namespace
}  // namespace adempauze::fuzzy
