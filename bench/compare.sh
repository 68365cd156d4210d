#!/usr/bin/env bash
# Compares healthloc with po4a and translate-toolkit on one generated
# corpus, in one run: extract only, and a full cycle (extract, status,
# render) with 2 locales. Prints hyperfine times, peak RSS from
# /usr/bin/time -v, and the ratios against healthloc.
#
#   bench/compare.sh [SIZES...]      default: 1000 10000
#   RUNS=3 bench/compare.sh 1000     hyperfine runs per command (default 3,
#                                    1 for 10,000 documents and more)
#
# Needs Debian's po4a, translate-toolkit, hyperfine and time; installs them
# with apt-get when run as root and they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-1000 10000}")
sizes=(${sizes[*]})

need=()
for t in po4a:po4a txt2po:translate-toolkit hyperfine:hyperfine /usr/bin/time:time; do
  command -v "${t%%:*}" >/dev/null || need+=("${t##*:}")
done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "compare.sh: install ${need[*]} first" >&2
    exit 2
  fi
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/healthloc" ./cmd/healthloc
go build -o "$work/healthloc-corpus" ./cmd/healthloc-corpus
hl="$work/healthloc"

echo "# healthloc vs po4a vs translate-toolkit, $(date -u +%Y-%m-%d), $(nproc) cores"
echo "# $(go version | cut -d' ' -f3), po4a $(po4a --version 2>&1 | head -1 | awk '{print $3}' | tr -d .)," \
  "translate-toolkit $(dpkg-query -W -f '${Version}' translate-toolkit 2>/dev/null), hyperfine $(hyperfine --version | cut -d' ' -f2)"

# peak RSS in MiB of one run of a shell command, after its prepare step
rss() {
  bash -c "$1" >/dev/null 2>&1
  /usr/bin/time -v bash -c "$2" 2>&1 >/dev/null | awk '/Maximum resident/ {printf "%.0f", $6/1024}'
}

for n in "${sizes[@]}"; do
  runs=${RUNS:-3}
  [ "$n" -ge 10000 ] && runs=${RUNS:-1}
  dir="$work/c$n"
  "$work/healthloc-corpus" -docs "$n" -locales es,fr -no-catalogs -out "$dir"
  mb=$(du -sm "$dir/content" | cut -f1)
  # po4a: one Text-module entry per document, Markdown mode
  {
    echo "[po4a_langs] es fr"
    echo "[po4a_paths] $dir/po4a/pot/corpus.pot \$lang:$dir/po4a/po/\$lang.po"
    (cd "$dir/content" && find . -name '*.md' | sort) | while read -r f; do
      echo "[type: text] $dir/content/${f#./} \$lang:$dir/po4a/out/\$lang/${f#./} opt:\"-o markdown\""
    done
  } > "$dir/po4a.cfg"
  # translate-toolkit: txt2po/pot2po/po2txt over the tree (no md2po in this
  # version); po2txt finds its templates by the .txt extension
  (cd "$dir" && find content -name '*.md' | while read -r f; do
    mkdir -p "txt/$(dirname "${f#content/}")"; cp "$f" "txt/${f#content/}"; done)
  (cd "$dir/txt" && find . -name '*.md' -exec sh -c 'for f; do mv "$f" "${f%.md}.txt"; done' _ {} +)
  tt_extract="mkdir -p $dir/tt/po $dir/tt/out && txt2po -P -i $dir/txt -o $dir/tt/pot --progress=none"
  tt_full="$tt_extract && for l in es fr; do pot2po -i $dir/tt/pot -o $dir/tt/po/\$l --progress=none && po2txt -t $dir/txt -i $dir/tt/po/\$l -o $dir/tt/out/\$l --progress=none && pocount --short $dir/tt/po/\$l >/dev/null; done"
  hl_reset="rm -rf $dir/locales $dir/dist $dir/.healthloc-cache"
  hl_extract="$hl -C $dir -q extract --no-cache"
  hl_full="$hl_extract && $hl -C $dir status >/dev/null && $hl -C $dir -q render"
  po_reset="rm -rf $dir/po4a"
  po_extract="mkdir -p $dir/po4a/po $dir/po4a/pot && po4a --no-translations -q $dir/po4a.cfg"
  po_full="mkdir -p $dir/po4a/po $dir/po4a/pot && po4a --keep 0 -q $dir/po4a.cfg"
  tt_reset="rm -rf $dir/tt"

  echo
  echo "## $n documents ($mb MB of Markdown), $runs run(s) each"
  json="$work/h$n.json"
  hyperfine -N --style none --runs "$runs" --export-json "$json" \
    --prepare "$hl_reset" -n "healthloc extract" "bash -c '$hl_extract'" \
    --prepare "$po_reset" -n "po4a extract" "bash -c '$po_extract'" \
    --prepare "$tt_reset" -n "translate-toolkit extract" "bash -c '$tt_extract'" \
    --prepare "$hl_reset" -n "healthloc full cycle" "bash -c '$hl_full'" \
    --prepare "$po_reset" -n "po4a full cycle" "bash -c '$po_full'" \
    --prepare "$tt_reset" -n "translate-toolkit full cycle" "bash -c '$tt_full'" >/dev/null
  declare -A mem
  mem["healthloc extract"]=$(rss "$hl_reset" "$hl_extract")
  mem["po4a extract"]=$(rss "$po_reset" "$po_extract")
  mem["translate-toolkit extract"]=$(rss "$tt_reset" "$tt_extract")
  mem["healthloc full cycle"]=$(rss "$hl_reset" "$hl_full")
  mem["po4a full cycle"]=$(rss "$po_reset" "$po_full")
  mem["translate-toolkit full cycle"]=$(rss "$tt_reset" "$tt_full")
  # a no-op re-run: nothing changed since the last extract
  bash -c "$hl_reset && $hl -C $dir -q extract" >/dev/null
  noop=$(hyperfine -N --style none --runs "$runs" --export-json "$work/noop$n.json" "$hl -C $dir -q extract" >/dev/null && \
    python3 -c "import json;print(json.load(open('$work/noop$n.json'))['results'][0]['mean'])")
  python3 - "$json" "$noop" <<PY
import json, sys
res = {r["command"]: r["mean"] for r in json.load(open(sys.argv[1]))["results"]}
mem = {$(for k in "${!mem[@]}"; do printf '"%s": "%s", ' "$k" "${mem[$k]}"; done)}
print("| workload | tool | mean time (s) | peak RSS (MiB) | × healthloc |")
print("| --- | --- | ---: | ---: | ---: |")
for w in ("extract", "full cycle"):
    base = res["healthloc " + w]
    for tool in ("healthloc", "po4a", "translate-toolkit"):
        t = res[f"{tool} {w}"]
        print(f"| {w} | {tool} | {t:.3f} | {mem.get(f'{tool} {w}', '?')} | {t / base:.1f} |")
noop = float(sys.argv[2])
print(f"| no-op extract (nothing changed) | healthloc | {noop:.3f} | | {noop / res['healthloc extract'] * 100:.1f}% of a cold extract |")
PY
  unset mem
done
