#!/usr/bin/env bash
# Install the Debian packages that building, testing and benchmarking adempauze need.
# Safe to run again: apt-get skips what is already installed. Needs root (or sudo).
set -euo pipefail

packages=(
  # build
  build-essential cmake ninja-build pkg-config git
  # libraries linked into adempauze
  libsqlite3-dev libsodium-dev libxlsxwriter-dev libzip-dev libpugixml-dev
  libspdlog-dev libfmt-dev nlohmann-json3-dev libcli11-dev libutf8proc-dev
  libtomlplusplus-dev libhpdf-dev
  # the web application: HTTP server (with its OpenSSL, zlib and brotli), templates (Boost headers)
  libcpp-httplib-dev libssl-dev zlib1g-dev libbrotli-dev libmstch-dev libboost-dev
  # front-end packages come from npm at build time; the browser tests drive Debian's chromium
  nodejs chromium
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev sqlite3 time unzip zip
  # pdfinfo and pdftotext check the protocol PDF; pdftoppm renders a page for a look
  poppler-utils
  # what users would otherwise use, for the side-by-side benchmarks
  python3 python3-pandas python3-openpyxl libcsv-dev
  # the load benchmark of the web application
  wrk
)
# npm: Debian ships it as its own package; a Node.js from another source brings it along.
if ! command -v npm >/dev/null 2>&1; then packages+=(npm); fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
