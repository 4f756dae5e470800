// A minimal parallel loop over index ranges with std::thread.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace adempauze::fuzzy::internal {

// Returns `requested`, or the hardware's thread count when it is 0 (at least 1).
inline unsigned ResolveThreads(unsigned requested) {
  if (requested > 0) return requested;
  return std::max(1u, std::thread::hardware_concurrency());
}

// Calls work(begin, end, worker) for consecutive ranges of at most `chunk` indices of
// [0, count), on `threads` workers (the calling thread is worker 0). Ranges are handed out
// in order from a shared counter, so uneven ranges balance out. `work` must be safe to call
// concurrently for different workers. REQUIRES: threads >= 1, chunk >= 1.
template <typename Work>
void ParallelRanges(std::size_t count, unsigned threads, std::size_t chunk, Work&& work) {
  std::atomic<std::size_t> next{0};
  auto run = [&](unsigned worker) {
    for (;;) {
      const std::size_t begin = next.fetch_add(chunk);
      if (begin >= count) return;
      work(begin, std::min(count, begin + chunk), worker);
    }
  };
  std::vector<std::thread> helpers;
  const auto useful = static_cast<unsigned>(std::min<std::size_t>(threads, count / chunk + 1));
  for (unsigned worker = 1; worker < useful; ++worker) helpers.emplace_back(run, worker);
  run(0);
  for (std::thread& helper : helpers) helper.join();
}

}  // namespace adempauze::fuzzy::internal
