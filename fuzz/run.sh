#!/bin/sh
# Runs the three fuzz targets one after another, niced and on one core:
#   fuzz/run.sh [LOAD_SECONDS] [RENDER_SECONDS] [INJECT_SECONDS]
# (default 1500 1500 600: an hour in all). The seed corpus (fuzz/corpus/) is
# read, never written: what the fuzzer learns goes to fuzz/work/<target>/,
# crashes, timeouts and OOMs to fuzz/artifacts/<target>/, the log of each
# target to fuzz/work/<target>.log. Fork mode keeps going after a finding.
# A duration of 0 skips that target.
set -u
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
"$here/seed.sh" >/dev/null 2>&1 || true
run() {
    target=$1 seconds=$2 max_len=$3 timeout=$4 dict=$5 extra=${6:-}
    mkdir -p "work/$target" "artifacts/$target"
    echo "== $target: $seconds s, started $(date -u +%H:%M:%S)"
    nice -n 19 cargo +nightly fuzz run -s none "$target" "work/$target" "corpus/$target" $extra -- \
        -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
        -max_total_time="$seconds" -max_len="$max_len" -timeout="$timeout" \
        -rss_limit_mb=2048 -malloc_limit_mb=2048 -print_final_stats=1 \
        ${dict:+-dict="$here/$dict"} >"work/$target.log" 2>&1
    echo "== $target: exit $?, ended $(date -u +%H:%M:%S)"
}
[ "${1:-1500}" -gt 0 ] && run load "${1:-1500}" 32768 10 ron.dict
# render starts from what load learnt too (read only), when there is any.
extra=; [ -d work/load ] && extra=work/load
[ "${2:-1500}" -gt 0 ] && run render "${2:-1500}" 32768 20 ron.dict $extra
[ "${3:-600}" -gt 0 ] && run inject "${3:-600}" 32768 10 ""
