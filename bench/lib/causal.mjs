// Shared by the bench scripts: run the built causal binary in a bash pipe, time it, and write results tables.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'bin/causal.js');

/** Runs a bash pipeline in which `causal` is the built binary; returns stdout and wall seconds. */
export function sh(script) {
  const t0 = process.hrtime.bigint();
  const stdout = execFileSync('bash', ['-o', 'pipefail', '-c', `causal() { node ${BIN} "$@"; }; ${script}`], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 30,
  });
  return { stdout, seconds: Number(process.hrtime.bigint() - t0) / 1e9 };
}

export function build() {
  execFileSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'inherit' });
}

export function markdownTable(header, rows) {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

export function machine() {
  return `${os.availableParallelism()} cores (${os.cpus()[0]?.model ?? 'cpu'}), Node ${process.versions.node}, ${new Date().toISOString().slice(0, 10)}`;
}

/** Prints the report and writes it to bench/results/NAME.md. */
export function writeResult(name, markdown) {
  const dir = path.join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${name}.md`), `${markdown.trim()}\n`);
  process.stdout.write(`${markdown.trim()}\n`);
}

export const f3 = (v) => (typeof v === 'number' ? v.toFixed(3) : String(v));
