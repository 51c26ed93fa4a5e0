#!/usr/bin/env bash
# The recommender end to end, against the tracking server at $TRACKLINE_TRACKING_URI:
# train and register (train.py), serve champion and challenger 90/10 from one scoring server,
# and ask it for recommendations with curl.
#
#   make serve                                   # a tracking server on 127.0.0.1:5000, in another shell
#   TRACKLINE_TRACKING_URI=http://127.0.0.1:5000 examples/recommender/run.sh [port]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# The repository's venv (made by `make serve` or `make install`) when there is one.
if [ -x "$root/.venv/bin/trackline" ]; then PATH="$root/.venv/bin:$PATH"; fi
port="${1:-5001}"
name="${RECS_MODEL_NAME:-recs}"
export RECS_MODEL_NAME="$name"

python "$here/train.py"

trackline models serve -p "$port" --split 90,10 \
  -m "champion=models:/$name@champion" -m "challenger=models:/$name@challenger" &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true' EXIT
until curl -sf "http://127.0.0.1:$port/ping" >/dev/null; do
  kill -0 "$server" 2>/dev/null || { echo "the scoring server did not start" >&2; exit 1; }
  sleep 0.2
done

# The champion, by name: two shoppers, the top 2 categories each.
curl -s -X POST "http://127.0.0.1:$port/models/champion/invocations" \
  -H 'Content-Type: application/json' \
  -d '{"dataframe_records": [{"age": 34, "sessions": 12, "basket": 41.5}, {"age": 61, "sessions": 3, "basket": 88.0}],
       "params": {"k": 2}}'
echo

# The A/B split: each answer says which model and version served it (about 18 of 20 the champion).
for i in $(seq 20); do
  curl -s -D - -o /dev/null -X POST "http://127.0.0.1:$port/invocations" \
    -H 'Content-Type: application/json' \
    -d '{"dataframe_split": {"columns": ["age", "sessions", "basket"], "data": [[34, 12, 41.5]]}}' \
    | grep -i '^x-trackline-model' | tr -d '\r' | paste -sd ' '
done | sort | uniq -c
