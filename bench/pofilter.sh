#!/usr/bin/env bash
# Runs translate-toolkit's pofilter on the same pairs healthloc's
# TestCorpus and TestHeldOut measure (internal/qa/testdata/po/*.po, the
# defect kind of each pair recorded in msgctxt) and prints both tools'
# recall per defect kind and false-positive rate side by side, as Markdown
# tables: one for the corpus, one for the held-out set.
#
# Needs pofilter (Debian: translate-toolkit) and python3. Run from
# anywhere: bench/pofilter.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v pofilter >/dev/null || { echo "pofilter not found: apt-get install translate-toolkit" >&2; exit 3; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# healthloc's own figures, from the Go tests' tables.
go test ./internal/qa -run '^(TestCorpus|TestHeldOut)$' -count=1 -v >"$tmp/healthloc.txt"

# pofilter with its default filters, then with only the filters aimed at
# these defects. pofilter exits 0 whether or not it finds anything, so the
# findings are read from its output file.
rcs=""
for set in corpus heldout; do
  for loc in ar es fr ru; do
    in=internal/qa/testdata/po/$set.$loc.po
    rc=0
    pofilter --progress=none -i "$in" -o "$tmp/all.$set.$loc.po" 2>/dev/null || rc=$?
    rcs="$rcs $rc"
    pofilter --progress=none -t numbers -t urls -t xmltags -t emails -t printf -t variables \
      -i "$in" -o "$tmp/focused.$set.$loc.po" 2>/dev/null || true
  done
done

python3 - "$tmp" "$rcs" <<'PY'
import re, sys, glob, collections
tmp, rcs = sys.argv[1], sys.argv[2].split()
ctx = re.compile(r'^msgctxt "([^ ]+) ([^"]+)"', re.M)

def flagged(pattern):
    ids = set()
    for f in glob.glob(f"{tmp}/{pattern}.po"):
        for m in ctx.finditer(open(f, encoding="utf-8").read()):
            ids.add(m.group(1))
    return ids

# healthloc's tables, by section ("corpus:" or "held-out:").
hl, section = {"corpus": {}, "heldout": {}}, None
for line in open(f"{tmp}/healthloc.txt", encoding="utf-8"):
    if line.startswith("corpus:"):
        section = "corpus"
    elif line.startswith("held-out:"):
        section = "heldout"
    m = re.match(r'^\| ([a-z-]+) \| (\d+) \| (\d+) \|', line)
    if m and section:
        hl[section][m.group(1)] = int(m.group(3))
    m = re.match(r'^false positives \(errors on correct pairs\): (\d+) of (\d+)', line)
    if m and section:
        hl[section]["ok"] = int(m.group(1))

def pct(a, b): return f"{100*a/b:.1f}%" if b else "-"

for name, title in (("corpus", "Corpus (internal/qa/testdata/corpus.tsv)"), ("heldout", "Held-out set (internal/qa/testdata/heldout.txt)")):
    pairs = collections.defaultdict(list)
    for f in sorted(glob.glob(f"internal/qa/testdata/po/{name}.*.po")):
        for m in ctx.finditer(open(f, encoding="utf-8").read()):
            pairs[m.group(2)].append(m.group(1))
    allf, focused = flagged(f"all.{name}.*"), flagged(f"focused.{name}.*")
    h = hl[name]
    print(f"### {title}\n")
    # A defective pair's correct twin is its ID without the "-kind"
    # suffix. "Defect-only" counts a flag only when pofilter left the twin
    # alone, so a pair flagged for its decimal comma is not a caught defect.
    print("| defect | pairs | healthloc check | pofilter (default filters) | pofilter, defect-only | pofilter (numbers, urls, xmltags, emails, printf, variables) |")
    print("| --- | --- | --- | --- | --- | --- |")
    tot = [0, 0, 0, 0, 0]
    for kind in sorted(k for k in pairs if k != "ok"):
        ids = pairs[kind]
        a = sum(i in allf for i in ids); b = sum(i in focused for i in ids)
        c = sum(i in allf and i[:-len(kind) - 1] not in allf for i in ids)
        tot = [tot[0] + len(ids), tot[1] + h.get(kind, 0), tot[2] + a, tot[3] + c, tot[4] + b]
        print(f"| {kind} | {len(ids)} | {pct(h.get(kind, 0), len(ids))} | {pct(a, len(ids))} | {pct(c, len(ids))} | {pct(b, len(ids))} |")
    print(f"| **all defects (recall)** | {tot[0]} | {pct(tot[1], tot[0])} | {pct(tot[2], tot[0])} | {pct(tot[3], tot[0])} | {pct(tot[4], tot[0])} |")
    ok = pairs["ok"]
    a = sum(i in allf for i in ok); b = sum(i in focused for i in ok)
    print(f"| **false positives** (flagged correct pairs) | {len(ok)} | {pct(h.get('ok', 0), len(ok))} | {pct(a, len(ok))} | - | {pct(b, len(ok))} |")
    print()
print(f"pofilter exit codes: {' '.join(rcs)} (healthloc check exits 1 on errors)")
PY
