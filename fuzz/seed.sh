#!/bin/sh
# Copies the seed corpus into fuzz/corpus/<target>/: the graphs and test
# lineages for `load` and `render`, the Markdown files (README.md and a few
# marker examples) for `inject`. Run from anywhere; safe to run again.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
for target in load render; do
    mkdir -p "$here/corpus/$target"
    for f in "$root"/graphs/*.ron "$root"/tests/*.ron "$root"/tests/bad/*.ron; do
        [ -f "$f" ] || continue
        name=$(basename "$(dirname "$f")")-$(basename "$f")
        cp "$f" "$here/corpus/$target/$name"
    done
done
mkdir -p "$here/corpus/inject"
cp "$root/README.md" "$here/corpus/inject/README.md"
for f in "$here"/seeds/inject/*; do
    [ -f "$f" ] && cp "$f" "$here/corpus/inject/"
done
echo "seeded: $(ls "$here/corpus/load" | wc -l) load, $(ls "$here/corpus/render" | wc -l) render, $(ls "$here/corpus/inject" | wc -l) inject"
