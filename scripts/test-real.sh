#!/usr/bin/env bash
# The sync suite and the end-to-end sync tests against a REAL Apache CouchDB 3.5, then test:sync
# against a 3-node cluster (`npm run test:real`; .ci/run calls it after `npm test`).
#
# Servers: with COUCH_URL set (an admin URL of your own CouchDB 3.x, e.g. http://admin:pw@127.0.0.1:5984)
# that server is used as it is and nothing is started; otherwise the relocatable CouchDB in
# ${COUCHDB_TOOLS:-../shared/tools} is started in a temp dir on a free port. The cluster part runs
# with COUCH_CLUSTER_URLS (node admin URLs, comma-separated: yours) or, without it, a cluster started
# with those tools (base port COUCH_CLUSTER_BASE, default: a free one). Without tools and without
# COUCH_URL it says so and exits 0 (a fresh machine has only the stand-in, which `npm test` covers).
# Every server it starts is stopped on exit (trap), whatever happens. Needs `npm run build` done
# (npm test does it) for the end-to-end tests.
set -euo pipefail
cd "$(dirname "$0")/.."

tools="${COUCHDB_TOOLS:-$(cd .. && pwd)/shared/tools}"
work="$(mktemp -d "${TMPDIR:-/tmp}/cdd-real-couch.XXXXXX")"
started_single=""
started_cluster=""
cleanup() {
  [ -n "$started_single" ] && "$tools/couchdb-stop" "$work/single" >/dev/null 2>&1 || true
  [ -n "$started_cluster" ] && "$tools/couchdb-cluster-stop" "$work/cluster" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

# A free TCP port on 127.0.0.1 (or, with $1 = N, the first of N consecutive free ports and of N more
# 1000 above them, for the cluster's HTTP and Erlang distribution ports).
free_port() {
  node -e '
    const net = require("node:net")
    const n = Number(process.argv[1] || 1)
    const free = (p) => new Promise((r) => { const s = net.createServer(); s.once("error", () => r(false)); s.listen(p, "127.0.0.1", () => s.close(() => r(true))) })
    ;(async () => {
      for (let tries = 0; tries < 200; tries++) {
        const base = 20000 + Math.floor(Math.random() * 20000)
        let ok = true
        for (let i = 0; i < n && ok; i++) ok = (await free(base + i)) && (n === 1 || (await free(base + 1000 + i)))
        if (ok) { console.log(base); return }
      }
      process.exit(1)
    })()' "${1:-1}"
}

if [ -z "${COUCH_URL:-}" ] && [ ! -x "$tools/couchdb-start" ]; then
  echo "test:real: no COUCH_URL and no $tools/couchdb-start: skipped (the stand-in is covered by npm test)."
  exit 0
fi

start=$(date +%s)
pw="real-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
if [ -n "${COUCH_URL:-}" ]; then
  single_url="$COUCH_URL"
  echo "test:real: using your CouchDB at ${single_url#*@}"
else
  port=$(free_port)
  single_url=$("$tools/couchdb-start" -d "$work/single" -p "$port" -P "$pw")
  started_single=1
  echo "test:real: CouchDB 3.5 single node on 127.0.0.1:$port"
fi

failed=""
echo "== test:sync against the single node"
# (the cluster-only tests skip here: no COUCH_CLUSTER_URLS for the single node)
env -u COUCH_CLUSTER_URLS COUCH_URL="$single_url" npx vitest run --project sync || failed="$failed single-node-sync"
echo "== end-to-end sync tests against the single node"
shopt -s nullglob
# Every e2e test that goes through a CouchDB: sync, session, lists, review, rubric publishing, photos.
e2e=(test/e2e/sync*.test.ts test/e2e/lists.test.ts test/e2e/review-flow.test.ts test/e2e/rubric-publish.test.ts test/e2e/photos.test.ts)
if [ ${#e2e[@]} -gt 0 ]; then
  [ -f dist/index.html ] || npm run build
  env -u COUCH_CLUSTER_URLS COUCH_URL="$single_url" npx vitest run --project e2e "${e2e[@]}" || failed="$failed single-node-e2e"
fi
if [ -n "$started_single" ]; then
  "$tools/couchdb-stop" "$work/single" >/dev/null
  started_single=""
fi

if [ -n "${COUCH_CLUSTER_URLS:-}" ]; then
  cluster_urls="$COUCH_CLUSTER_URLS"
elif [ -x "$tools/couchdb-cluster-start" ]; then
  base="${COUCH_CLUSTER_BASE:-$(free_port 3)}"
  started_cluster=1
  cluster_urls=$("$tools/couchdb-cluster-start" -d "$work/cluster" -n 3 -p "$base" -P "$pw" -D "$((base + 1000))" | paste -sd, -)
  export COUCH_CLUSTER_DIR="$work/cluster" COUCH_CLUSTER_TOOLS="$tools"
  echo "test:real: CouchDB 3.5 cluster of 3 on 127.0.0.1:$base-$((base + 2))"
else
  echo "test:real: no cluster (set COUCH_CLUSTER_URLS to run the suite on yours)"
  cluster_urls=""
fi
if [ -n "$cluster_urls" ]; then
  # Includes test/integration/cluster-fault.test.ts: it stops and restarts node 2 (COUCH_CLUSTER_DIR
  # and COUCH_CLUSTER_TOOLS, set above when this script started the cluster; with your own cluster
  # only its cookie check runs) and reaches the nodes through a load balancer of its own.
  echo "== test:sync against the 3-node cluster (through node 1; with the node-fault test)"
  COUCH_URL="${cluster_urls%%,*}" COUCH_CLUSTER_URLS="$cluster_urls" npx vitest run --project sync || failed="$failed cluster-sync"
fi
echo "test:real took $(( $(date +%s) - start )) s"
if [ -n "$failed" ]; then
  echo "test:real FAILED:$failed" >&2
  exit 1
fi
