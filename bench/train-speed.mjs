#!/usr/bin/env node
// Train-step time of causal against PyTorch (Debian's python3-torch, CPU) on the same models, batch 128, same
// thread count, in one run: the MLP 784-512-256-10 and the small CNN, each with AdamW and SGD. Every job runs in
// its own process (so peak RSS is that job's own), `--repeats` times; the table reports the minimum over repeats of
// each job's minimum and median step time. PyTorch gets its best setup on these machines: OPENBLAS_NUM_THREADS=1,
// torch.set_num_threads(THREADS), OpenBLAS as libblas.so.3 (checked), and the better of the default and foreach
// optimizer implementations.
//   node bench/train-speed.mjs [--threads 2] [--steps 100] [--repeats 3]      (run `npm run build` first)
// Writes bench/results/train-speed.md.
import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const threads = arg('threads', 2);
const steps = arg('steps', 100);
const repeats = arg('repeats', 3);
const here = new URL('.', import.meta.url).pathname;
const python = '/usr/bin/python3';
const env = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: String(threads) };

// Debian's PyTorch calls whatever libblas.so.3 points to; with only the reference BLAS (libblas3) it runs the MLP
// some 30x slower, which would flatter causal. Insist on OpenBLAS (apt-get install libopenblas0-pthread).
try {
  const blas = execFileSync('update-alternatives', ['--query', 'libblas.so.3-x86_64-linux-gnu'], { encoding: 'utf8' });
  if (!/Value: .*openblas/.test(blas)) {
    process.stderr.write('train-speed: libblas.so.3 is not OpenBLAS; install libopenblas0-pthread so PyTorch gets its usual BLAS\n');
    process.exit(2);
  }
} catch {
  // not Debian: leave the BLAS choice to the system
}

const job = (cmd, args, stepsFor) => {
  let best = null;
  for (let r = 0; r < repeats; r++) {
    const out = JSON.parse(execFileSync(cmd, [...args, String(stepsFor)], { env, encoding: 'utf8' }).trim().split('\n').pop());
    if (!best) best = out;
    else for (const k of ['min', 'median', 'rssMiB']) best[k] = Math.min(best[k], out[k]);
  }
  return best;
};

/** The torch job with foreach optimizers (the steps argument comes before the flag). */
const jobForeach = (model, optimizer, n) => {
  let best = null;
  for (let r = 0; r < repeats; r++) {
    const args = [`${here}lib/torch_step.py`, model, optimizer, String(threads), String(n), 'foreach'];
    const out = JSON.parse(execFileSync(python, args, { env, encoding: 'utf8' }).trim().split('\n').pop());
    if (!best) best = out;
    else for (const k of ['min', 'median', 'rssMiB']) best[k] = Math.min(best[k], out[k]);
  }
  return best;
};

const rows = [];
let torchVersion = '?';
for (const model of ['mlp', 'cnn']) {
  for (const optimizer of ['adamw', 'sgd']) {
    const n = model === 'cnn' ? Math.max(10, Math.round(steps / 5)) : steps;
    const c = job('node', [`${here}lib/causal_step.mjs`, model, optimizer, String(threads)], n);
    const t1 = job(python, [`${here}lib/torch_step.py`, model, optimizer, String(threads)], n);
    const tf = jobForeach(model, optimizer, n);
    torchVersion = t1.torch;
    const t = tf.min < t1.min ? tf : t1;
    const variant = t === tf ? 'foreach' : 'default';
    rows.push({ model, optimizer, c, t, variant, ratio: c.min / t.min });
    process.stderr.write(`${model} ${optimizer}: causal ${c.min.toFixed(2)} ms, torch ${t.min.toFixed(2)} ms (${variant})\n`);
  }
}
const fmt = (x) => x.toFixed(2);
const lines = [
  '# Train-step time: causal against PyTorch (CPU)',
  '',
  `\`node bench/train-speed.mjs --threads ${threads} --steps ${steps} --repeats ${repeats}\` on ${os.availableParallelism()} cores (${os.cpus()[0]?.model ?? '?'}), ${new Date().toISOString().slice(0, 10)}.`,
  `Batch 128, random data; each figure is the minimum over ${repeats} processes (a shared machine only adds time).`,
  `PyTorch ${torchVersion} (Debian python3-torch) with OPENBLAS_NUM_THREADS=1, torch.set_num_threads(${threads}), best of default and foreach optimizers;`,
  `causal with ${threads} ONNX Runtime intra-op threads. Peak memory is each job process's maximum RSS.`,
  '',
  '| model | optimizer | causal min ms | causal median ms | PyTorch min ms | PyTorch median ms | ratio causal/PyTorch (min) | causal peak MiB | PyTorch peak MiB |',
  '|---|---|---|---|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.model} | ${r.optimizer} | ${fmt(r.c.min)} | ${fmt(r.c.median)} | ${fmt(r.t.min)} (${r.variant}) | ${fmt(r.t.median)} | ${fmt(r.ratio)} | ${Math.round(r.c.rssMiB)} | ${Math.round(r.t.rssMiB)} |`),
  '',
];
mkdirSync(`${here}results`, { recursive: true });
writeFileSync(`${here}results/train-speed.md`, lines.join('\n'));
process.stdout.write(lines.join('\n'));
