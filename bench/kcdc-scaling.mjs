// How KCDC's cost grows with the pair size n, for the default rule and its default subsample cap, and the same with
// the cap lifted to n (the exact-size path, low-rank factors only). One thread, so the numbers are per core.
// Usage: node bench/kcdc-scaling.mjs
import { build, machine, markdownTable, sh, writeResult } from './lib/causal.mjs';

const sizes = [250, 500, 1000, 2000, 4000, 8000];
const pairs = 8;
build();
const rows = [];
for (const n of sizes) {
  const file = `/tmp/causal-scaling-${n}.arrow`;
  sh(`causal make-pairs --count ${pairs} --n ${n} --mechanism mixed --seed 5 -q -o ${file}`);
  const capped = sh(`causal kcdc ${file} --threads 1 -q > /dev/null`).seconds;
  const full = n <= 4000 ? sh(`causal kcdc ${file} --threads 1 --max-points ${n} -q > /dev/null`).seconds : NaN;
  const base = sh(`causal concat ${file} -q > /dev/null`).seconds;
  rows.push([n, (((capped - base) / pairs) * 1000).toFixed(0), Number.isNaN(full) ? 'not run' : (((full - base) / pairs) * 1000).toFixed(0)]);
  console.error(`n=${n}: ${rows.at(-1).join(' ')}`);
}
const whole = sh('causal import tuebingen --shuffle-orientation --seed 1 -q | causal kcdc -q > /dev/null').seconds;
const whole1 = sh('causal import tuebingen --shuffle-orientation --seed 1 -q | causal kcdc --threads 1 -q > /dev/null').seconds;
writeResult(
  'kcdc-scaling',
  `# KCDC cost against pair size

\`node bench/kcdc-scaling.mjs\` on ${machine()}.

Milliseconds per pair for the default (learned) rule, one thread, ${pairs} mixed-mechanism pairs per size, start-up
and I/O subtracted (the same file through \`causal concat\`). "default cap" subsamples each pair to 300 points;
"no cap" uses all n points (low-rank Gram factors of rank <= 100 by pivoted Cholesky).

${markdownTable(['n', 'ms/pair, default cap (300)', 'ms/pair, no cap'], rows)}

The whole 99-pair Tübingen run with defaults (import | kcdc): **${whole.toFixed(1)} s** with the default threads
(one per core), ${whole1.toFixed(1)} s on one thread.

Complexity of the default path: validating and standardising a pair is O(n); subsampling caps it at m = 300 points;
each of the 3 kernels x 2 variables gets a pivoted-Cholesky factor of rank r <= 100 in O(m r^2), and each of the 36
deviance readings costs O(m r^2). So the default path is O(n) in the pair size with a constant set by m and r; with
the cap lifted it is O(n r^2), linear in n as well, never the O(n^3) of the exact Gram solve.
`,
);
