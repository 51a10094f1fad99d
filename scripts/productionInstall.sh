#!/usr/bin/env bash
# Proves the production install: a built tree (what `git archive` ships plus dist/), `npm ci --omit=dev` with no
# dev dependency, then `npm start` (what App Service runs) must answer /readyz within 60 s. Bounded; listens on 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
test -f dist/index.js || { echo "build first: npm run build" >&2; exit 1; }
work="$(mktemp -d)"
# npm start runs the bot as its child: the whole process group goes at the end.
trap 'kill -- "-$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
pid=""
git archive --format=tar HEAD | tar -x -C "$work"
cp -r dist "$work/dist"
(cd "$work" && npm ci --omit=dev --prefer-offline --no-audit --no-fund --loglevel=error)
if [ -d "$work/node_modules/typescript" ]; then echo "production install has TypeScript: dev dependencies leaked" >&2; exit 1; fi
port=$((20000 + RANDOM % 20000))
(cd "$work" && PORT=$port HOST=127.0.0.1 exec setsid npm start --silent >"$work/out.log" 2>&1) &
pid=$!
for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; then
    echo "production install: /readyz 200 on Node $(node --version)"
    if grep -qiE 'warning|DEP0|Error' "$work/out.log"; then echo "the start printed a warning or an error:" >&2; cat "$work/out.log" >&2; exit 1; fi
    exit 0
  fi
  kill -0 "$pid" 2>/dev/null || { echo "the production install did not start:" >&2; cat "$work/out.log" >&2; exit 1; }
  sleep 0.5
done
echo "no /readyz 200 within 60 s:" >&2; cat "$work/out.log" >&2; exit 1
