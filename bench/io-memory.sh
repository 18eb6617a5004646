#!/usr/bin/env bash
# Does memory stay flat as the input grows? Streams generated Arrow data of 0.5, 2 and 5 GB through a stage
# (`causal concat -`, pure pass-through, and `causal concat FILE` from disk for the 0.5 GB case) and records the peak
# resident memory of the causal process. Writes bench/results/io-memory.md.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run -s build
out=bench/results/io-memory.md
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
rows=()
for mb in 500 2000 5000; do
  node bench/lib/arrow-stream.mjs $mb | /usr/bin/time -f "%M %e" -o "$tmp/t" node bin/causal.js concat - | wc -c > "$tmp/n"
  read -r rss secs < "$tmp/t"
  rows+=("| stdin pipe | $mb MB | $(( $(cat "$tmp/n") / 1000000 )) MB | $(( rss / 1024 )) MiB | $secs s |")
done
node bench/lib/arrow-stream.mjs 500 > "$tmp/in.arrow"
/usr/bin/time -f "%M %e" -o "$tmp/t" node bin/causal.js concat "$tmp/in.arrow" -o "$tmp/out.arrow"
read -r rss secs < "$tmp/t"
rows+=("| file to file | 500 MB | $(( $(stat -c %s "$tmp/out.arrow") / 1000000 )) MB | $(( rss / 1024 )) MiB | $secs s |")
{
  echo "# Streaming memory"
  echo
  echo "\`bash bench/io-memory.sh\` on $(nproc) cores, $(date -u +%Y-%m-%d). Input: generated batches of 65 536 rows"
  echo "(id + List<Float64> of 16 values). Peak RSS of the \`causal concat\` process (GNU time)."
  echo
  echo "| source | input | output | peak RSS | wall |"
  echo "|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
} | tee "$out"
