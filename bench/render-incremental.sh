#!/usr/bin/env bash
# Measures render by dependency on a generated corpus (60% translated,
# 10% stale): a cold render (empty cache), a render with nothing changed,
# a render after one article was edited, and the same for one locale
# rendered alone into its own folder. Prints wall time, CPU time
# (user + system) and peak RSS from /usr/bin/time, and each incremental
# run's CPU time as a share of its cold run's: on a shared machine the
# CPU time is the steadier figure.
#
#   bench/render-incremental.sh [DOCS] [LOCALES]   default: 10000 es,fr,de,it,pt
set -euo pipefail
cd "$(dirname "$0")/.."
docs=${1:-10000}
locales=${2:-es,fr,de,it,pt}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/healthloc" ./cmd/healthloc
go build -o "$work/healthloc-corpus" ./cmd/healthloc-corpus
dir="$work/corpus"
"$work/healthloc-corpus" -docs "$docs" -locales "$locales" -out "$dir"

# run LABEL CMD...: one timed run; prints a table row and sets $cpu
run() {
  local label=$1
  shift
  /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$@" >/dev/null || { cat "$work/time.txt" >&2; exit 1; }
  read -r wall user sys rss <"$work/time.txt"
  cpu=$(python3 -c "print(f'{$user + $sys:.2f}')")
  echo "| $label | $wall | $cpu | $((rss / 1024)) |"
}
share() { python3 -c "print(f'{$1 / $2 * 100:.1f}%')"; }

# edit: append a sentence to one article, a different one each time
n=0
edit() {
  n=$((n + 1))
  printf '\nEdited paragraph number %d.\n' "$n" >>"$(find "$dir/content" -name '*.md' | sort | sed -n "$((docs / 2 + n))p")"
}

echo "# render by dependency, $docs docs × $locales, $(date -u +%Y-%m-%d), $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg), $(go version | cut -d' ' -f3)"
echo
echo "| run | wall (s) | CPU (s) | peak RSS (MiB) |"
echo "| --- | ---: | ---: | ---: |"
hl=("$work/healthloc" -C "$dir" -q)
run "cold render, all locales" "${hl[@]}" render
cold=$cpu
run "no-op render" "${hl[@]}" render
echo "| no-op ÷ cold (CPU) | $(share "$cpu" "$cold") | | |"
edit
run "one article edited, render" "${hl[@]}" render
echo "| one edit ÷ cold (CPU) | $(share "$cpu" "$cold") | | |"
run "render --no-cache, nothing changed" "${hl[@]}" render --no-cache
loc=${locales%%,*}
run "cold render --locale $loc" "${hl[@]}" render -l "$loc" -o "$dir/dist-$loc"
cold=$cpu
edit
run "one article edited, render --locale $loc" "${hl[@]}" render -l "$loc" -o "$dir/dist-$loc"
echo "| one edit ÷ cold, --locale $loc (CPU) | $(share "$cpu" "$cold") | | |"
run "no-op render --locale $loc" "${hl[@]}" render -l "$loc" -o "$dir/dist-$loc"
echo "| no-op ÷ cold, --locale $loc (CPU) | $(share "$cpu" "$cold") | | |"
echo
echo "bundle sizes: $(du -sh "$dir/dist" | cut -f1) in $(find "$dir/dist" -type f | wc -l) files; cache $(du -sh "$dir/.healthloc-cache" | cut -f1)"
