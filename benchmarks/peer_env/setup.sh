#!/usr/bin/env bash
# Benchmark-only environment for the peer baselines (bench_peers.py).
# datatrove and Data-Juicer are never gensafe dependencies: they live in
# benchmarks/peer_env/.venv only.  Each peer is installed on its own so that
# one failing install does not take the other down; the outcome of each is
# written to .venv/install_status.json, which bench_peers.py reports.
#
#   bash benchmarks/peer_env/setup.sh          # create or update the venv
#
# Exits 1 (after trying every peer) when any peer failed to install or to
# import, naming it and its log, so that a broken peer is seen here and not
# as missing rows in bench_peers.py (which refuses to run without its peers).
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VENV="$HERE/.venv"
PY="${PYTHON:-python3}"
[ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV" || exit 1
"$VENV/bin/python" -m pip install -q --upgrade pip >/dev/null 2>&1
# the matcher the datatrove lambda filter uses, as gensafe's own fallback does
"$VENV/bin/python" -m pip install -q pyahocorasick orjson >/dev/null 2>&1

status="{"
sep=""
failed=""
# Undeclared imports: datatrove 0.10.1 imports `regex` (datatrove/utils/text.py)
# and Data-Juicer imports aiohttp without declaring them.  Data-Juicer also
# installs some modules lazily on first import (its LazyLoader): the warm-up
# import below makes that happen here, not inside a timed benchmark run.  The
# warm-up imports are the ones bench_peers.py checks (PEER_IMPORTS).
declare -A EXTRA=( [datatrove]="regex" [py-data-juicer]="aiohttp" )
declare -A WARMUP=(
  [datatrove]="from datatrove.pipeline.filters import C4BadWordsFilter, LambdaFilter; from datatrove.pipeline.readers import JsonlReader; from datatrove.pipeline.writers import JsonlWriter; from datatrove.executor import LocalPipelineExecutor"
  [py-data-juicer]="from data_juicer.ops.filter.flagged_words_filter import FlaggedWordFilter; from data_juicer.core import DefaultExecutor; from data_juicer.config import init_configs"
)
for pkg in datatrove py-data-juicer; do
  log="$VENV/install_${pkg}.log"
  start=$(date +%s)
  if timeout "${PEER_INSTALL_TIMEOUT:-900}" "$VENV/bin/python" -m pip install "$pkg" ${EXTRA[$pkg]} >"$log" 2>&1 \
     && timeout 600 "$VENV/bin/python" -c "${WARMUP[$pkg]}" >>"$log" 2>&1; then
    ok=true
  else
    ok=false
  fi
  secs=$(( $(date +%s) - start ))
  torch=$("$VENV/bin/python" -m pip show torch >/dev/null 2>&1 && echo true || echo false)
  ver=$("$VENV/bin/python" -m pip show "$pkg" 2>/dev/null | awk '/^Version:/{print $2}')
  size=$(du -sm "$VENV" | cut -f1)
  tail=$(tail -n 3 "$log" | tr -d '"\\' | tr '\n' ' ' | cut -c1-300)
  status="$status$sep\"$pkg\": {\"ok\": $ok, \"version\": \"${ver}\", \"seconds\": $secs, \"torch_installed\": $torch, \"venv_mb_after\": $size, \"log_tail\": \"$tail\"}"
  sep=", "
  echo "$pkg: ok=$ok version=${ver:-none} (${secs}s, venv ${size} MB, torch=$torch)"
  if [ "$ok" != true ]; then
    failed="$failed $pkg"
    echo "  $pkg failed; last lines of $log:" >&2
    tail -n 5 "$log" | sed 's/^/    /' >&2
  fi
done
status="$status}"
echo "$status" > "$VENV/install_status.json"
if [ -n "$failed" ]; then
  echo "peer_env/setup.sh: failed:$failed (bench_peers.py will refuse to run until they import)" >&2
  exit 1
fi
