#!/usr/bin/env python3
"""Time whole commands side by side and print their ratios as a Markdown table.

Each command runs RUNS times, interleaved (A B C A B C ...), so that a drift in the shared
machine's speed hits all of them alike. Wall time comes from a monotonic clock around the
child. CPU time (user + system) and peak memory come from the kernel's accounting of the
child (os.wait4): ru_maxrss is the largest resident set of the child or of any descendant
it waited for, so a shell script's figure is that of its largest program. The table gives
medians, the wall-time range, and each command's median wall time relative to the first.

Setup commands run before every single run and are not timed: --setup before every
command, --setup-for LABEL=... before that command only (after --setup).

Usage:
  compare.py --runs 3 --title "Import 1,000,000 rows" --input "d.csv: 1,000,000 rows" \
      --setup-for "adempauze=cp -p empty.db run.db" \
      "adempauze=./build/release/adempauze --db run.db import debtors d.csv" \
      "pandas=/usr/bin/python3 bench/baselines/pandas_read_csv.py d.csv"
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
    return f"{model}, {os.cpu_count()} cores, {memory_gib:.0f} GiB, {platform.platform()}"


def load_average():
    one, five, _ = os.getloadavg()
    return f"{one:.1f} (1 min), {five:.1f} (5 min)"


def split_labelled(text, option):
    label, separator, command = text.partition("=")
    if not separator or not label or not command:
        sys.exit(f"compare.py: {option} expects LABEL=COMMAND, got: {text}")
    return label, command


def run_setup(command):
    result = subprocess.run(command, shell=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if result.returncode != 0:
        sys.stderr.write(f"setup failed with exit code {result.returncode}: {command}\n"
                         f"{result.stdout.decode(errors='replace')[-2000:]}\n")
        sys.exit(1)


def run_once(command):
    """Run one timed command; return (wall s, cpu s, peak MiB, last output line)."""
    start = time.monotonic()
    process = subprocess.Popen(command, shell=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.monotonic() - start
    code = os.waitstatus_to_exitcode(status)
    text = output.decode(errors="replace")
    if code != 0:
        sys.stderr.write(f"command failed with exit code {code}: {command}\n{text[-2000:]}\n")
        sys.exit(1)
    lines = text.strip().splitlines()
    # ru_maxrss is in KiB on Linux.
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, lines[-1] if lines else ""


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command (default 5)")
    parser.add_argument("--warmup", type=int, default=0, help="untimed runs per command first (default 0)")
    parser.add_argument("--title", default="", help="heading of the table")
    parser.add_argument("--input", default="", help="description of the input size, printed with the results")
    parser.add_argument("--setup", default="", help="shell command run before every run of every command")
    parser.add_argument("--setup-for", action="append", default=[], metavar="LABEL=COMMAND",
                        help="shell command run before every run of the command LABEL; repeatable")
    parser.add_argument("commands", nargs="+", metavar="LABEL=COMMAND",
                        help="labelled shell commands; the first is the reference for the ratios")
    arguments = parser.parse_args()

    labelled = [split_labelled(command, "a command") for command in arguments.commands]
    labels = [label for label, _ in labelled]
    if len(set(labels)) != len(labels):
        sys.exit("compare.py: labels must be unique")
    setups = {}
    for text in arguments.setup_for:
        label, command = split_labelled(text, "--setup-for")
        if label not in labels:
            sys.exit(f"compare.py: --setup-for names an unknown label: {label}")
        setups[label] = command

    def prepare(label):
        if arguments.setup:
            run_setup(arguments.setup)
        if label in setups:
            run_setup(setups[label])

    load_before = load_average()
    for _ in range(arguments.warmup):
        for label, command in labelled:
            prepare(label)
            run_once(command)
    walls = {label: [] for label in labels}
    cpus = {label: [] for label in labels}
    peaks = {label: [] for label in labels}
    last_lines = {}
    for _ in range(arguments.runs):
        for label, command in labelled:
            prepare(label)
            wall, cpu, peak, last_line = run_once(command)
            walls[label].append(wall)
            cpus[label].append(cpu)
            peaks[label].append(peak)
            last_lines[label] = last_line
    load_after = load_average()

    print(f"### {arguments.title}\n")
    print(f"Machine: {machine_description()}  ")
    print(f"Load average before: {load_before}; after: {load_after}  ")
    if arguments.input:
        print(f"Input: {arguments.input}  ")
    warmup = f", after {arguments.warmup} untimed" if arguments.warmup else ""
    print(f"Runs: {arguments.runs} per command{warmup}, interleaved; medians, wall-time range in brackets.\n")
    reference = statistics.median(walls[labels[0]])
    print(f"| command | wall s (min-max) | CPU s | peak MiB | wall vs {labels[0]} | last output line |")
    print("|---|---|---|---|---|---|")
    for label in labels:
        median = statistics.median(walls[label])
        last_line = last_lines[label][:70].replace("|", "\\|")
        print(f"| {label} | {median:.2f} ({min(walls[label]):.2f}-{max(walls[label]):.2f}) "
              f"| {statistics.median(cpus[label]):.2f} | {statistics.median(peaks[label]):.0f} "
              f"| {median / reference:.2f}x | {last_line} |")
    print()
    for label, command in labelled:
        setup = f" (before each run: `{setups[label]}`)" if label in setups else ""
        print(f"- `{label}`: `{command}`{setup}")
    if arguments.setup:
        print(f"- before every run: `{arguments.setup}`")
    print()
    sys.stdout.flush()


if __name__ == "__main__":
    main()
