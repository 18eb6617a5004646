// Collects the JSON results of pipelines/ssl-fashion-mnist.sh into one markdown table (stdout).
// Usage: node bench/lib/ssl-table.mjs OUT_DIR
import { jsonReader, meanSd } from './results.mjs';

const out = process.argv[2];
const fractions = ['0.01', '0.1'];
const read = jsonReader(out);
const pct = (m, sd) => (m === undefined ? '—' : `${(100 * m).toFixed(1)} ± ${(100 * sd).toFixed(1)}`);
const minutes = (name) => {
  const card = read(name, 'model.json');
  return card ? (card.metrics.seconds / 60).toFixed(1) : '—';
};
const probeCell = (name, fraction, probe) => {
  const s = read(name, `probe-${fraction}.json`)?.summary.find((r) => r.probe === probe);
  return s ? pct(s.mean_accuracy, s.sd_accuracy) : '—';
};

const card = read('relic', 'model.json') ?? read('simclr', 'model.json');
const lines = [];
lines.push('# Representation learning on Fashion-MNIST', '');
lines.push('Produced by `pipelines/ssl-fashion-mnist.sh` (table by `bench/lib/ssl-table.mjs`). Test accuracy (%) on the');
lines.push('test split, mean ± sd over 3 labelled-subset seeds (class-stratified, `--labels-fraction`). Probes are');
lines.push('fitted on the embeddings of the labelled training images only: linear = L2 logistic regression, k-NN = 20');
lines.push('neighbours, cosine; "all labels" is the linear probe fitted on every training label (one fit). Supervised-only');
lines.push('trains the same encoder with a classifier head on the labelled subset. Raw pixels: the probes on the 784 pixels.');
lines.push('SemPPL fine-tuned: its encoder under a new classifier head, every weight trained like supervised-only on the subset');
lines.push('SemPPL was pretrained with (subset seed 1); mean ± sd over 3 training seeds, minutes of the fine-tuning alone.');
if (card) {
  const t = card.training;
  lines.push(
    '',
    `Encoder: ${card.architecture.architecture} widths ${(card.architecture.widths ?? []).join(',')}; ${t.totalSteps} steps of batch ${t.batchSize} for every run (` +
      `${(t.totalSteps * t.batchSize / t.examples).toFixed(1)} epochs of the ${t.examples} training images for the self-supervised runs), ` +
      `${t.optimizer} lr ${t.lr} ${t.schedule}, seed ${t.seed}, ${t.threads ?? 'default'} threads; causal ${card.versions.causal}.`,
  );
}
lines.push('', '| method | probe | 1% labels | 10% labels | all labels | pretraining minutes |', '|---|---|---|---|---|---|');
const all = (name, probe) => {
  const s = probe === 'linear' ? read(name, 'probe-1.json')?.summary.find((r) => r.probe === probe) : null;
  return s ? (100 * s.mean_accuracy).toFixed(1) : '—';
};
for (const probe of ['linear', 'knn']) {
  lines.push(`| raw pixels (no training) | ${probe} | ${probeCell('pixels', '0.01', probe)} | ${probeCell('pixels', '0.1', probe)} | ${all('pixels', probe)} | |`);
}
// The test accuracy of classifiers out/<prefix>1..3, mean ± sd.
const scored = (prefix) => {
  const accs = [1, 2, 3].map((s) => read(`${prefix}${s}`, 'eval.json')?.accuracy).filter((x) => x !== undefined);
  return accs.length ? pct(...meanSd(accs)) : '—';
};
const supervised = fractions.map((f) => scored(`supervised-${f}-`));
const supMinutes = fractions.map((f) => [1, 2, 3].map((s) => minutes(`supervised-${f}-${s}`)).join('/')).join('; ');
lines.push(`| supervised only (labelled subset) | its classifier | ${supervised[0]} | ${supervised[1]} | — | ${supMinutes} |`);
const rows = [
  ['SimCLR', 'simclr'],
  ['ReLIC', 'relic'],
  ['ReLIC, KL weight 0 (ablation)', 'relic-no-kl'],
  ['ReLICv2', 'relicv2'],
];
for (const [label, name] of rows) {
  for (const probe of ['linear', 'knn']) {
    lines.push(`| ${label} | ${probe} | ${probeCell(name, '0.01', probe)} | ${probeCell(name, '0.1', probe)} | ${all(name, probe)} | ${probe === 'linear' ? minutes(name) : ''} |`);
  }
}
// SemPPL is pretrained once per fraction, with that fraction's labels (subset seed 1): each column is its own run.
for (const probe of ['linear', 'knn']) {
  lines.push(`| SemPPL | ${probe} | ${probeCell('semppl-0.01', '0.01', probe)} | ${probeCell('semppl-0.1', '0.1', probe)} | — | ${probe === 'linear' ? `${minutes('semppl-0.01')} / ${minutes('semppl-0.1')}` : ''} |`);
}
const tuned = fractions.map((f) => scored(`semppl-${f}-tuned-`));
const tunedMinutes = fractions.map((f) => [1, 2, 3].map((s) => minutes(`semppl-${f}-tuned-${s}`)).join('/')).join('; ');
lines.push(`| SemPPL, fine-tuned on its labelled subset | its classifier | ${tuned[0]} | ${tuned[1]} | — | + ${tunedMinutes} |`);
for (const probe of ['linear', 'knn']) {
  lines.push(`| SemPPL, no semantic positives (ablation) | ${probe} | ${probeCell('semppl-no-sem-0.01', '0.01', probe)} | — | — | ${probe === 'linear' ? minutes('semppl-no-sem-0.01') : ''} |`);
}

lines.push('', '## SemPPL pseudo-labels', '');
lines.push('k-NN pseudo-labels (`causal pseudo-label`, k = 10, cosine) of the training images whose labels SemPPL did not see,');
lines.push("from the SemPPL encoder's embeddings and the labelled subset it was trained with (subset seed 1).", '');
lines.push('| labels | labelled rows | pseudo-labelled rows | accuracy | mean confidence | ECE |', '|---|---|---|---|---|---|');
const calibrations = [];
for (const f of fractions) {
  const p = read(`semppl-${f}`, 'pseudo-label.json');
  if (!p) continue;
  lines.push(`| ${100 * f}% | ${p.reference_rows} | ${p.hidden_rows} | ${(100 * p.hidden_accuracy).toFixed(1)} | ${(100 * p.mean_confidence).toFixed(1)} | ${p.calibration.ece.toFixed(3)} |`);
  calibrations.push([f, p.calibration.bins]);
}
for (const [f, bins] of calibrations) {
  lines.push('', `Calibration at ${100 * f}% labels (deciles of confidence, equal counts):`, '');
  lines.push('| decile | confidence range | mean confidence | accuracy | rows |', '|---|---|---|---|---|');
  bins.forEach((b, i) => lines.push(`| ${i + 1} | ${b.from.toFixed(2)}-${b.to.toFixed(2)} | ${b.meanConfidence.toFixed(3)} | ${b.accuracy.toFixed(3)} | ${b.count} |`));
}
process.stdout.write(`${lines.join('\n')}\n`);
