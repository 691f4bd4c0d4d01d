#!/usr/bin/env bash
# The whole side-by-side comparison on this machine, one server at a time:
#   Parley on SQLite (all scenarios), the reference Node.js server (all scenarios),
#   Parley on PostgreSQL (chat mix), then a finer chat mix and a finer broadcast ladder for both
#   (low rates and small steps, for machines where the coarse steps are already over the limits),
#   then the summary table bench/results/summary.md.
# Extra options are passed to every scenario run (e.g. --hold 120). Takes about 50 minutes plus the
# registrations: every socket is its own account (about 12,000 for `all`, at 10-20 a second with
# Argon2id on two cores); pass --sockets-per-account N to register fewer.
set -uo pipefail
cd "$(dirname "$0")/.."
R=bench/results
FAILED=0
bench/run.sh all --target parley --db sqlite "$@" || FAILED=1
bench/run.sh all --target reference "$@" || FAILED=1
bench/run.sh chatmix --target parley --db postgres "$@" || FAILED=1
for t in parley reference; do
  label=$t; [[ $t == parley ]] && label=parley-sqlite
  BENCH_WORK=/tmp/parley-load-fine bench/run.sh chatmix --target $t --rates 25,50,75 --out $R/$label-chatmix-fine.json "$@" || FAILED=1
  BENCH_WORK=/tmp/parley-load-fine bench/run.sh ladder --target $t --step 200 --max 1000 --broadcasts 10 \
    --out $R/$label-ladder-fine.json "$@" || FAILED=1
done
node bench/report.js $R > $R/summary.md
cat $R/summary.md
exit $FAILED
