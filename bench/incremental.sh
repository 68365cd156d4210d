#!/usr/bin/env bash
# The edit loop in a big project: how much each command costs when
# nothing changed and after an author edits one article, against a cold
# run. Generates a corpus with every locale fully translated, extracts it,
# then times each command:
#
#   cold      --no-cache: nothing cached is read or written
#   cached    the first run with the cache (it fills it)
#   no-op     nothing changed since
#   one edit  after one paragraph of one article changed (and extract ran)
#
#   bench/incremental.sh [DOCS] [LOCALES]   default: 10000 es,fr,de,it,pt
#   COMMANDS="status check" bench/incremental.sh   only some commands
#
# 100,000 documents × 10 locales: bench/incremental.sh 100000
# es,fr,de,it,pt,ar,zh,ru,sw,hi (about 1.1 million files, 5.5 GB under
# $TMPDIR; hours on 2 cores). Prints a Markdown table of wall times from
# /usr/bin/time, each run's ratio to the cold run, and the command's peak
# resident memory over all its runs.
set -euo pipefail
cd "$(dirname "$0")/.."
docs=${1:-10000}
locales=${2:-es,fr,de,it,pt}
commands=${COMMANDS:-extract status check render-es render}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/healthloc" ./cmd/healthloc
go build -o "$work/healthloc-corpus" ./cmd/healthloc-corpus
dir="$work/project"

# secs CMD...: one timed run of healthloc in the project; prints seconds
# and appends the peak RSS in KiB to $work/rss-$1
secs() {
  /usr/bin/time -f '%e %M' -o "$work/time.txt" "$work/healthloc" -C "$dir" -q "$@" >/dev/null 2>"$work/err.txt" || {
    # a failed gate (exit 1) is an answer; anything else is not
    [ $? -eq 1 ] || { cat "$work/err.txt" >&2; exit 1; }
  }
  read -r wall rss < <(tail -1 "$work/time.txt")
  echo "$rss" >>"$work/rss-${rsskey:-other}"
  echo "$wall"
}

# mib KEY: the largest peak RSS recorded under KEY, in MiB
mib() { sort -n "$work/rss-$1" | tail -1 | awk '{printf "%d", $1 / 1024}'; }

args() {
  case $1 in
    extract) echo extract ;;
    status) echo status ;;
    check) echo check --locale es ;;
    render-es) echo render --locale es --out "$work/dist-es" ;;
    render) echo render ;;
  esac
}

pct() { python3 -c "print(f'{$1 / $2 * 100:.1f}%')"; }

echo "# healthloc incremental, $docs documents × $locales, $(date -u +%Y-%m-%d), $(nproc) cores," \
  "$(go version | cut -d' ' -f3), healthloc $(git rev-parse --short HEAD 2>/dev/null || echo unknown)," \
  "load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$work/healthloc-corpus" -docs "$docs" -locales "$locales" -translated 1 -stale 0 -out "$dir"
first=$(rsskey=extract secs extract)
echo
echo "first extract of the generated corpus: $first s"
echo
echo "| command | cold (s) | cached, first (s) | no-op (s) | one edit (s) | no-op ÷ cold | one edit ÷ cold | peak RSS (MiB) |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
declare -A cold cached noop edit
for c in $commands; do
  rsskey=$c
  # shellcheck disable=SC2046
  cold[$c]=$(secs --no-cache $(args "$c"))
  # shellcheck disable=SC2046
  cached[$c]=$(secs $(args "$c"))
  # shellcheck disable=SC2046
  noop[$c]=$(secs $(args "$c"))
done
# one paragraph of one article changes
article=$(find "$dir/content" -name '*.md' | sort | sed -n "$((docs / 2 + 1))p")
sed -i '0,/ helps in /s// often helps in /' "$article"
for c in extract $commands; do
  [ -n "${edit[$c]:-}" ] && continue
  rsskey=$c
  # shellcheck disable=SC2046
  edit[$c]=$(secs $(args "$c"))
done
for c in $commands; do
  echo "| $(args "$c" | sed "s|$work/||") | ${cold[$c]} | ${cached[$c]} | ${noop[$c]} | ${edit[$c]} |" \
    "$(pct "${noop[$c]}" "${cold[$c]}") | $(pct "${edit[$c]}" "${cold[$c]}") | $(mib "$c") |"
done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
