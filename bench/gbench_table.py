#!/usr/bin/env python3
"""Print a Google Benchmark JSON result (run with --benchmark_repetitions) as a Markdown table.

Uses the median of the repetitions. With --reference NAME, each benchmark's CPU time is also
given relative to benchmark NAME run with the same arguments (BM_CsvReader/quoted:1 against
BM_Libcsv/quoted:1). CPU time is the basis of the ratio because it varies less than wall time
on a machine whose cores other programs use too.

Usage: gbench_table.py RESULT.json [--reference BM_Libcsv]
"""
import argparse
import json
import sys


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("result")
    parser.add_argument("--reference", default="", help="benchmark name that the ratios refer to")
    arguments = parser.parse_args()
    with open(arguments.result, encoding="utf-8") as file:
        result = json.load(file)

    medians = [entry for entry in result["benchmarks"] if entry.get("aggregate_name") == "median"]
    if not medians:
        sys.exit("gbench_table.py: no medians; run the benchmark with --benchmark_repetitions")
    by_name = {entry["run_name"]: entry for entry in medians}

    def cpu_ms(entry):
        scale = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}[entry["time_unit"]]
        return entry["cpu_time"] * scale, entry["real_time"] * scale

    repetitions = medians[0].get("repetitions", "?")
    print(f"Medians of {repetitions} repetitions.\n")
    ratio_header = f" | CPU vs {arguments.reference}" if arguments.reference else ""
    print(f"| benchmark | wall ms | CPU ms | items/s | MB/s{ratio_header} |")
    print("|---|---|---|---|---" + ("|---|" if arguments.reference else "|"))
    for entry in medians:
        name = entry["run_name"]
        cpu, wall = cpu_ms(entry)
        items = entry.get("items_per_second")
        items_text = f"{items / 1e6:.2f} M" if items else "-"
        bytes_per_second = entry.get("bytes_per_second")
        bytes_text = f"{bytes_per_second / 1e6:.0f}" if bytes_per_second else "-"
        ratio = ""
        if arguments.reference:
            arguments_part = name.partition("/")[2]
            reference_name = arguments.reference + ("/" + arguments_part if arguments_part else "")
            reference = by_name.get(reference_name)
            ratio = f" | {cpu / cpu_ms(reference)[0]:.2f}x" if reference else " | -"
        print(f"| {name} | {wall:.2f} | {cpu:.2f} | {items_text} | {bytes_text}{ratio} |")
    print()


if __name__ == "__main__":
    main()
