#!/usr/bin/env bash
# Measures how healthloc scales with the number of documents, at 10
# locales: a cold extract of a generated corpus with catalogs (60%
# translated, 10% stale), a no-op extract (nothing changed, the cache
# answers) and the same without the cache. Prints wall time and peak RSS
# from /usr/bin/time -v, and the ratio of each size's cold time to the
# first size's.
#
#   bench/scale.sh [SIZES...]      default: 10000 100000
#
# 100,000 documents × 10 locales are 1.1 million files (about 5.5 GB on
# disk); the corpus is written under $TMPDIR and removed afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-10000 100000}")
sizes=(${sizes[*]})
locales=es,fr,de,it,pt,ar,zh,ru,sw,hi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/healthloc" ./cmd/healthloc
go build -o "$work/healthloc-corpus" ./cmd/healthloc-corpus

# run LABEL CMD...: one timed run; prints a table row and sets $secs
run() {
  local label=$1
  shift
  /usr/bin/time -v "$@" >/dev/null 2>"$work/time.txt" || { cat "$work/time.txt" >&2; exit 1; }
  secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$work/time.txt")
  local rss=$(awk '/Maximum resident/ {printf "%.0f", $6/1024}' "$work/time.txt")
  echo "| $label | $secs | $rss |"
}

echo "# healthloc scaling, 10 locales, $(date -u +%Y-%m-%d), $(nproc) cores, $(go version | cut -d' ' -f3)"
echo
echo "| run | wall time (s) | peak RSS (MiB) |"
echo "| --- | ---: | ---: |"
first=""
for n in "${sizes[@]}"; do
  dir="$work/c$n"
  "$work/healthloc-corpus" -docs "$n" -locales "$locales" -out "$dir"
  run "$n docs: cold extract" "$work/healthloc" -C "$dir" -q extract
  cold=$secs
  run "$n docs: no-op extract" "$work/healthloc" -C "$dir" -q extract
  echo "| $n docs: no-op as share of cold | $(python3 -c "print(f'{$secs / $cold * 100:.1f}%')") | |"
  run "$n docs: extract, nothing changed, --no-cache" "$work/healthloc" -C "$dir" -q extract --no-cache
  if [ -z "$first" ]; then
    first=$cold
  else
    echo "| $n docs: cold time ÷ ${sizes[0]} docs | $(python3 -c "print(f'{$cold / $first:.1f}×')") | |"
  fi
  rm -rf "$dir"
done
