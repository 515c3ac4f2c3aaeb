#!/usr/bin/env bash
# Runs one golden case (tests/golden/<case>/) through `s1mig evaluate` and compares the outputs
# with the hand-written expectations. Format: tests/golden/README.md. Needs only bash + coreutils
# + diff + awk (no Python at test time).
# Usage: run_golden.sh S1MIG_BINARY CASE_DIR [RUN_NAME...]
set -u

if [[ $# -lt 2 ]]; then
  echo "usage: $0 S1MIG_BINARY CASE_DIR [RUN_NAME...]" >&2
  exit 2
fi
bin=$1
case_dir=${2%/}
shift 2
case_name=$(basename "$case_dir")
snapshot=$case_dir/snapshot

if [[ ! -x $bin ]]; then echo "$case_name: no executable $bin" >&2; exit 2; fi
if [[ ! -d $case_dir/runs ]]; then echo "$case_name: no runs/ directory" >&2; exit 2; fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/s1mig-golden.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# Prints "file,line,column" for every row of an errors.csv that names a column (RFC 4180; columns
# found by header name; file reduced to its base name), one per line. Rows without a column (notes
# such as "the row has 25 fields but the header has 27") are not part of the contract: skipped.
errors_columns() {
  awk '
    function parse(rec,    n, i, c, f, q) {
      n = 0; f = ""; q = 0
      for (i = 1; i <= length(rec); i++) {
        c = substr(rec, i, 1)
        if (q) {
          if (c == "\"") { if (substr(rec, i + 1, 1) == "\"") { f = f "\""; i++ } else q = 0 }
          else f = f c
        } else if (c == "\"") q = 1
        else if (c == ",") { fld[++n] = f; f = "" }
        else if (c != "\r") f = f c
      }
      fld[++n] = f
      return n
    }
    function quotes_open(s,    t) { t = s; return gsub(/"/, "", t) % 2 }
    {
      rec = (pending == "" ? $0 : pending "\n" $0)
      if (quotes_open(rec)) { pending = rec; next }
      pending = ""
      n = parse(rec)
      if (!header_seen) {
        for (k = 1; k <= n; k++) col[fld[k]] = k
        header_seen = 1
        if (!("file" in col) || !("line" in col) || !("column" in col)) {
          print "errors.csv header lacks file/line/column: " rec > "/dev/stderr"; exit 3
        }
        next
      }
      file = fld[col["file"]]; sub(/.*\//, "", file)
      if (fld[col["column"]] == "") next
      print file "," fld[col["line"]] "," fld[col["column"]]
    }' "$1"
}

runs=("$@")
if [[ ${#runs[@]} -eq 0 ]]; then
  for f in "$case_dir"/runs/*.args; do runs+=("$(basename "$f" .args)"); done
fi

failed=0
for run in "${runs[@]}"; do
  base=$case_dir/runs/$run
  args=()
  while IFS= read -r line || [[ -n $line ]]; do
    line=${line%$'\r'}
    [[ -z $line ]] && continue
    args+=("$line")
  done <"$base.args"
  out=$tmp/$run/out
  mkdir -p "$tmp/$run"
  "$bin" evaluate "$snapshot" "${args[@]}" --out "$out" >"$tmp/$run/stdout" 2>"$tmp/$run/stderr"
  code=$?
  want_code=0
  [[ -f $base.exit ]] && want_code=$(tr -d ' \r\n' <"$base.exit")
  problems=()
  if [[ $code != "$want_code" ]]; then
    problems+=("exit code $code, expected $want_code")
  fi
  if [[ $want_code != 0 ]]; then
    if [[ -d $out ]] && [[ -n $(ls -A "$out") ]]; then
      problems+=("output left behind on failure: $(ls -A "$out" | tr '\n' ' ')")
    fi
  else
    for f in decisions.csv errors.csv summary.json; do
      [[ -f $out/$f ]] || problems+=("missing $f")
    done
    if [[ -f $base.expected.csv && -f $out/decisions.csv ]]; then
      if ! diff -u --label "expected $run" --label "actual $run" "$base.expected.csv" \
           "$out/decisions.csv" >"$tmp/$run/diff"; then
        problems+=("decisions.csv differs:"$'\n'"$(cat "$tmp/$run/diff")")
      fi
    fi
    if [[ -f $base.errors-columns && -f $out/errors.csv ]]; then
      sed -e 's/\r$//' -e '/^$/d' "$base.errors-columns" | LC_ALL=C sort -u >"$tmp/$run/errors.want"
      errors_columns "$out/errors.csv" | LC_ALL=C sort -u >"$tmp/$run/errors.got"
      if ! diff -u --label "expected errors $run" --label "actual errors $run" \
           "$tmp/$run/errors.want" "$tmp/$run/errors.got" >"$tmp/$run/errors.diff"; then
        problems+=("errors.csv (file,line,column) differs:"$'\n'"$(cat "$tmp/$run/errors.diff")")
      fi
    fi
  fi
  if [[ -f $base.stderr-contains ]]; then
    while IFS= read -r needle || [[ -n $needle ]]; do
      needle=${needle%$'\r'}
      [[ -z $needle ]] && continue
      grep -qF -- "$needle" "$tmp/$run/stderr" || problems+=("stderr lacks '$needle'")
    done <"$base.stderr-contains"
  fi
  if [[ ${#problems[@]} -eq 0 ]]; then
    echo "ok   $case_name/$run"
  else
    failed=$((failed + 1))
    echo "FAIL $case_name/$run"
    for p in "${problems[@]}"; do echo "  $p"; done
    if [[ -s $tmp/$run/stderr ]]; then
      echo "  stderr:"; sed 's/^/    /' "$tmp/$run/stderr" | head -20
    fi
  fi
done

if [[ $failed -ne 0 ]]; then
  echo "$case_name: $failed of ${#runs[@]} runs failed"
  exit 1
fi
echo "$case_name: all ${#runs[@]} runs passed"
