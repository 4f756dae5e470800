// `adempauze fuzzy evaluate`: the quality benchmark of probabilistic matching on a
// generated, labelled test set with the standard error profile.
#include <sys/resource.h>

#include <chrono>
#include <memory>

#include <spdlog/spdlog.h>

#include "adempauze/fuzzy/evaluate.h"
#include "adempauze/fuzzy/matcher.h"
#include "adempauze/fuzzy/testset.h"
#include "cli/context.h"

namespace adempauze::cli {
namespace {

struct EvaluateArgs {
  std::size_t debtors = 100'000;
  std::size_t clients = 1'000'000;
  double overlap = 0.25;
  std::uint64_t seed = 1;
  unsigned threads = 0;
};

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Returns the peak resident set size of this process in MiB (Linux reports KiB).
long PeakMemoryMib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

Status RunEvaluate(CliContext& context, const EvaluateArgs& args) {
  // Step 1: the labelled test set.
  const auto generation_start = std::chrono::steady_clock::now();
  fuzzy::TestSetOptions options;
  options.seed = args.seed;
  options.today = context.today;
  options.debtors = args.debtors;
  options.clients = args.clients;
  options.overlap = args.overlap;
  Result<fuzzy::TestSet> set = fuzzy::GenerateTestSet(options);
  if (!set.ok()) return set.error();
  const double generation_seconds = SecondsSince(generation_start);

  // Step 2: the matcher as `adempauze match` runs it, after exact matching.
  fuzzy::MatcherConfig config;
  config.today = context.today;
  config.threads = args.threads;
  config.skip_equal_valid_numbers = true;
  const auto match_start = std::chrono::steady_clock::now();
  Result<fuzzy::MatchRun> run = fuzzy::FindProbableMatches(set->debtors, set->clients, config);
  if (!run.ok()) return run.error();
  const double match_seconds = SecondsSince(match_start);

  // Step 3: quality against the truth, counting what exact matching finds as found, and
  // blocking's pair completeness (a second blocking pass, not in the wall time above).
  const std::vector<fuzzy::IdPair> exact = fuzzy::ExactNumberMatches(set->debtors, set->clients, context.today);
  const fuzzy::QualityReport quality = fuzzy::Evaluate(run->pairs, set->truth, run->thresholds, exact);
  Result<fuzzy::BlockingEvaluation> blocking =
      fuzzy::EvaluateBlocking(set->debtors, set->clients, config, set->truth);
  if (!blocking.ok()) return blocking.error();

  context.out << context.Text("matching.cli.evaluate.result", args.debtors, args.clients, quality.precision,
                              quality.recall, quality.f1, run->blocking.candidate_pairs,
                              blocking->pair_completeness, quality.review_pairs, quality.review_true,
                              run->thresholds.lower, match_seconds, generation_seconds, PeakMemoryMib())
              << '\n';
  spdlog::info("fuzzy evaluate: {} debtors, {} clients, {} candidate pairs, {:.1f} s", args.debtors, args.clients,
               run->blocking.candidate_pairs, match_seconds);
  return Status::Ok();
}

}  // namespace

void RegisterFuzzyCommands(CLI::App& app, CliContext& context) {
  CLI::App* fuzzy = app.add_subcommand("fuzzy", "Koppelen op naam en adres: kwaliteit meten op fictieve lijsten");
  fuzzy->require_subcommand(1);
  auto args = std::make_shared<EvaluateArgs>();
  CLI::App* evaluate = fuzzy->add_subcommand(
      "evaluate", "Meet precisie, recall, F1, kandidaatparen, tijd en geheugen op een gegenereerde testset");
  evaluate->add_option("--debtors", args->debtors, "Aantal debiteuren")->check(CLI::Range(1, 5'000'000));
  evaluate->add_option("--clients", args->clients, "Aantal cliënten")->check(CLI::Range(1, 10'000'000));
  evaluate->add_option("--overlap", args->overlap, "Aandeel debiteuren dat cliënt is (0 tot 1)")
      ->check(CLI::Range(0.0, 1.0));
  evaluate->add_option("--seed", args->seed, "Startwaarde van de generator");
  evaluate->add_option("--threads", args->threads, "Aantal threads; 0: alle kernen");
  evaluate->callback([&context, args] {
    Status status = RunEvaluate(context, *args);
    if (!status.ok()) context.Fail(status.error());
  });
}

}  // namespace adempauze::cli
