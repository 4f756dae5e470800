// Precision, recall and F1 on hand-made results, and the exact matcher's pairs.
#include "adempauze/fuzzy/evaluate.h"

#include <gtest/gtest.h>

#include <vector>

#include "adempauze/nn/national_number.h"
#include "fuzzy/fuzzy_test_support.h"

namespace adempauze::fuzzy {
namespace {

using testing::kToday;
using testing::MakePerson;

ScoredPair Scored(std::size_t left, std::size_t right, double score) {
  ScoredPair pair;
  pair.left_id = left;
  pair.right_id = right;
  pair.score = score;
  return pair;
}

TEST(Evaluate, CountsReviewPairsAgainstTruth) {
  const std::vector<ScoredPair> pairs = {
      Scored(1, 10, 30),  // true, to review
      Scored(2, 20, 25),  // true, to review
      Scored(3, 31, 22),  // false, to review
      Scored(4, 40, 5),   // true, below the threshold: missed
      Scored(2, 20, 25),  // repeated: counts once
  };
  const std::vector<IdPair> truth = {{1, 10}, {2, 20}, {4, 40}, {5, 50}};
  const QualityReport report = Evaluate(pairs, truth, Thresholds{20, 40});
  EXPECT_EQ(report.true_pairs, 4u);
  EXPECT_EQ(report.review_pairs, 3u);
  EXPECT_EQ(report.review_true, 2u);
  EXPECT_DOUBLE_EQ(report.precision, 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(report.recall, 0.5);
  EXPECT_NEAR(report.f1, 2 * (2.0 / 3.0) * 0.5 / (2.0 / 3.0 + 0.5), 1e-12);
  EXPECT_EQ(report.missed, (std::vector<IdPair>{{4, 40}, {5, 50}}));
  EXPECT_EQ(report.false_positives, (std::vector<IdPair>{{3, 31}}));
}

TEST(Evaluate, PairsFoundElsewhereCountForRecallOnly) {
  const std::vector<ScoredPair> pairs = {Scored(1, 10, 30), Scored(5, 50, 30)};
  const std::vector<IdPair> truth = {{1, 10}, {5, 50}, {6, 60}};
  const std::vector<IdPair> exact = {{5, 50}, {6, 60}, {7, 70}};
  const QualityReport report = Evaluate(pairs, truth, Thresholds{20, 40}, exact);
  EXPECT_EQ(report.review_pairs, 1u);  // (5, 50) was proposed by the exact matcher already
  EXPECT_EQ(report.review_true, 1u);
  EXPECT_EQ(report.found_elsewhere, 2u);
  EXPECT_DOUBLE_EQ(report.recall, 1.0);
  EXPECT_DOUBLE_EQ(report.precision, 1.0);
  EXPECT_TRUE(report.missed.empty());
}

TEST(Evaluate, EmptyInputsGiveOnes) {
  const QualityReport report = Evaluate({}, {}, Thresholds{0, 1});
  EXPECT_DOUBLE_EQ(report.precision, 1.0);
  EXPECT_DOUBLE_EQ(report.recall, 1.0);
}

TEST(ExactNumberMatches, PairsEqualValidNumbers) {
  const std::string a = nn::Make(1985, 7, 30, 33);
  const std::string b = nn::Make(1990, 1, 5, 42);
  std::string invalid = a;
  invalid[10] = invalid[10] == '9' ? '0' : static_cast<char>(invalid[10] + 1);
  const std::vector<Person> left = {MakePerson(1, "", "", nn::Format(a)), MakePerson(2, "", "", b),
                                    MakePerson(3, "", "", invalid), MakePerson(4, "", "", "")};
  const std::vector<Person> right = {MakePerson(10, "", "", a), MakePerson(20, "", "", invalid),
                                     MakePerson(30, "", "", b), MakePerson(40, "", "", "")};
  EXPECT_EQ(ExactNumberMatches(left, right, kToday), (std::vector<IdPair>{{1, 10}, {2, 30}}));
}

}  // namespace
}  // namespace adempauze::fuzzy
