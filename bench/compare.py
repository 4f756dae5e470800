#!/usr/bin/env python3
"""Time whole commands side by side and print their ratios.

Each command runs RUNS times, interleaved (A B C A B C ...) so that a drift in the shared
machine's speed hits all of them alike. Wall time comes from a monotonic clock around the
child; peak memory is the child's maximum resident set size as the kernel accounts it
(os.wait4). Reports medians, min and max, and each command's median relative to the first.

Usage:
  compare.py --runs 5 --title "Import 1,000,000 rows" \
      --setup "shell command run before every run of every command" \
      "adempauze=./build/release/adempauze ..." "pandas=python3 bench/baselines/..."
"""
import argparse
import os
import platform
import statistics
import subprocess
import sys
import time


def machine_description():
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    memory_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{platform.node() or 'host'}: {model}, {os.cpu_count()} cores, {memory_gib:.0f} GiB, {platform.platform()}"


def run_once(command, setup):
    if setup:
        subprocess.run(setup, shell=True, check=True, stdout=subprocess.DEVNULL)
    start = time.monotonic()
    process = subprocess.Popen(command, shell=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.monotonic() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.stderr.write(f"command failed with exit code {code}: {command}\n{output.decode(errors='replace')[-2000:]}\n")
        sys.exit(1)
    # ru_maxrss is in KiB on Linux and covers the largest descendant that was waited for.
    return wall, usage.ru_maxrss / 1024, output.decode(errors="replace").strip().splitlines()[-1:] or [""]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--title", default="")
    parser.add_argument("--input", default="", help="description of the input size, printed with the results")
    parser.add_argument("--setup", default="", help="shell command run before every single run")
    parser.add_argument("commands", nargs="+", help="LABEL=SHELL COMMAND; the first is the reference")
    arguments = parser.parse_args()

    labelled = [command.split("=", 1) for command in arguments.commands]
    walls = {label: [] for label, _ in labelled}
    peaks = {label: [] for label, _ in labelled}
    last_lines = {}
    for _ in range(arguments.runs):
        for label, command in labelled:
            wall, peak, last_line = run_once(command, arguments.setup)
            walls[label].append(wall)
            peaks[label].append(peak)
            last_lines[label] = last_line[0]

    print(f"### {arguments.title}\n")
    print(f"Machine: {machine_description()}  ")
    if arguments.input:
        print(f"Input: {arguments.input}  ")
    print(f"Runs: {arguments.runs} per command, interleaved; medians, with min-max in brackets.\n")
    reference = statistics.median(walls[labelled[0][0]])
    print("| command | wall s | peak MiB | time vs first | last output line |")
    print("|---|---|---|---|---|")
    for label, _ in labelled:
        median = statistics.median(walls[label])
        print(f"| {label} | {median:.2f} ({min(walls[label]):.2f}-{max(walls[label]):.2f}) "
              f"| {statistics.median(peaks[label]):.0f} | {median / reference:.2f}x "
              f"| {last_lines[label][:60]} |")
    print()
    for label, command in labelled:
        print(f"- `{label}`: `{command}`")
    print()


if __name__ == "__main__":
    main()
