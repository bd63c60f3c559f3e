#!/usr/bin/env bash
# The one check: formatting, lints, and every test. CI runs exactly this (.ci/run).
# It installs what the window test needs (Xvfb) when it is missing and we may install it.
set -euo pipefail
cd "$(dirname "$0")/.."

# The real-window tests need Xvfb and xdotool; the render tests read PDFs back with pdftotext,
# and draw Chinese with a CJK font (fonts-noto-cjk; without one they check that the render
# says so).
has_cjk_font() { command -v fc-list >/dev/null 2>&1 && fc-list :lang=zh | grep -q .; }
if ! command -v Xvfb >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1 || ! command -v xdotool >/dev/null 2>&1 || ! has_cjk_font; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing xvfb, xauth, xdotool, poppler-utils and fonts-noto-cjk for the window and render tests"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq xvfb xauth xdotool poppler-utils fonts-noto-cjk >/dev/null
  else
    echo "== Xvfb, xdotool, pdftotext or a CJK font not found and cannot install them (not root):"
    echo "   those tests will fail; install the Debian packages xvfb, xauth, xdotool, poppler-utils and fonts-noto-cjk"
  fi
fi

# The HTML export's tests drive Debian's chromium (headless) with Node's puppeteer-core, pinned
# in tests/browser/package-lock.json; no browser is downloaded (PUPPETEER_SKIP_DOWNLOAD).
if ! command -v chromium >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing chromium and nodejs for the HTML export's browser tests"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium nodejs npm >/dev/null
  else
    echo "== chromium or node not found and cannot install them (not root): the browser tests"
    echo "   will fail; install the Debian packages chromium, nodejs and npm"
  fi
fi
if [ ! -d tests/browser/node_modules/puppeteer-core ]; then
  echo "== npm ci in tests/browser (puppeteer-core, no browser download)"
  (cd tests/browser && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --silent)
fi

# No test may read or write the user's saved state: every run has a data folder of its own
# (tests that start the app set their own on top of this).
XDG_DATA_HOME=$(mktemp -d)
export XDG_DATA_HOME

# The database tests run against a real PostgreSQL: a throwaway server on loopback, stopped at the
# end (scripts/pg-test-server.sh installs Debian's postgresql when it is missing).
pg_dir=$(mktemp -d)
cleanup() {
  ./scripts/pg-test-server.sh stop "$pg_dir" || true
  rm -rf "$XDG_DATA_HOME" "$pg_dir"
}
trap cleanup EXIT
echo "== starting a PostgreSQL server for the database tests"
SWIMLINE_TEST_PG=$(./scripts/pg-test-server.sh start "$pg_dir")
export SWIMLINE_TEST_PG
echo "   $SWIMLINE_TEST_PG"

echo "== cargo fmt --check"
cargo fmt --check
# The default build (no DuckDB) and the full one (`--features duckdb`, whose C++ takes ~25 min to
# compile the first time) are both linted; the tests run with DuckDB in.
echo "== cargo clippy --all-targets -- -D warnings"
cargo clippy --all-targets -- -D warnings
echo "== cargo clippy --all-targets --features duckdb -- -D warnings"
cargo clippy --all-targets --features duckdb -- -D warnings
echo "== cargo test --features duckdb"
log=$(mktemp)
cargo test --all-targets --features duckdb 2>&1 | tee "$log"
echo "== cargo doc"
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --quiet --features duckdb
# One closing line for all test binaries (cargo prints one per binary, the last often "0 passed").
passed=$(grep -oE '^test result: .* ([0-9]+) passed' "$log" | grep -oE '[0-9]+ passed' | awk '{s+=$1} END {print s+0}')
failed=$(grep -oE '^test result: .* ([0-9]+) failed' "$log" | grep -oE '[0-9]+ failed' | awk '{s+=$1} END {print s+0}')
rm -f "$log"
echo "all tests: $passed passed, $failed failed"
