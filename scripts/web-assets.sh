#!/usr/bin/env bash
# Install the npm packages of web/ from its lock file and copy the vendor files that the
# pages load into web/static/vendor/, which `adempauze serve` serves under /static/vendor/.
# Runs `npm ci` only when web/node_modules is missing or older than web/package-lock.json.
# A stamp file, written after a successful install, gives the folder's time.
# Usage: scripts/web-assets.sh
set -euo pipefail
cd "$(dirname "$0")/.."

modules=web/node_modules
stamp=web/node_modules/.adempauze-installed
lock=web/package-lock.json
vendor=web/static/vendor

if [ ! -f "$stamp" ] || [ "$stamp" -ot "$lock" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "web-assets: npm not found. Run scripts/install-deps.sh first." >&2
    exit 1
  fi
  echo "web-assets: installing the npm packages of web/ from $lock"
  npm ci --prefix web --no-audit --no-fund --loglevel=error >/dev/null
  # Written last, so an install that failed halfway runs again next time.
  touch "$stamp"
fi

# Each source is a file inside the pinned package. The name on the right is the one that
# layout.mustache links to.
mkdir -p "$vendor"
copies=(
  "$modules/htmx.org/dist/htmx.min.js:htmx.min.js"
  "$modules/@picocss/pico/css/pico.min.css:pico.min.css"
)
for copy in "${copies[@]}"; do
  source="${copy%%:*}"
  target="$vendor/${copy##*:}"
  if [ ! -f "$source" ]; then
    echo "web-assets: $source is missing. Delete $modules and run this script again." >&2
    exit 1
  fi
  # Copy only a changed file, so the file times stay put and browsers keep their cache.
  if ! cmp -s "$source" "$target"; then
    cp "$source" "$target"
    chmod 0644 "$target"
  fi
done
