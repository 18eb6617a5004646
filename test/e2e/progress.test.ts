/**
 * The spinner on real terminals, through `script` (util-linux, in every Debian): it shows only where the terminal
 * knows its width, ends with its done text, and a pseudo-terminal opened without a size gets plain lines instead
 * (ora 9 loops forever there: src/cli/progress.ts).
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { BIN, tempDir } from './helpers.js';

/**
 * Runs a shell command line on a new pseudo-terminal; its output is what the terminal received. `CI` is unset
 * because ora treats any CI environment as non-interactive and prints plain lines even on a terminal.
 */
const onTerminal = (command: string) =>
  execa('script', ['-qec', `unset CI; ${command}`, '/dev/null'], { reject: false, input: '', timeout: 60_000 });

describe('progress on a terminal', () => {
  it('a pseudo-terminal with no size gets no spinner: the command ends and prints its summary line', async () => {
    const out = path.join(tempDir('pty'), 'scenes.arrow');
    const r = await onTerminal(`stty cols 0; node ${BIN} make-scenes --count 40 -o ${out}`);
    expect(r.exitCode, String(r.stdout).slice(0, 500)).toBe(0);
    expect(String(r.stdout).trim()).toBe('make-scenes: 40 train scenes, seed 0');
    expect(statSync(out).size).toBeGreaterThan(0);
  });

  it('a terminal with a width gets the spinner, stopped with its done text; a failure stops it before the error line', async () => {
    const dir = tempDir('pty');
    const ok = await onTerminal(`stty cols 100; node ${BIN} make-scenes --count 40 -o ${dir}/scenes.arrow`);
    expect(ok.exitCode).toBe(0);
    // ora hides the cursor while it spins: the mark that the spinner, not the plain-line fallback, ran.
    expect(String(ok.stdout)).toContain('\u001b[?25l');
    expect(String(ok.stdout)).toMatch(/make-scenes train: 40 scenes\s+make-scenes: 40 train scenes, seed 0/);
    const bad = await onTerminal(`stty cols 100; node ${BIN} make-scenes --count 40 -o ${dir}/missing/scenes.arrow`);
    expect(bad.exitCode).toBe(1);
    expect(String(bad.stdout)).toMatch(/causal: \S+\/missing\/scenes\.arrow: cannot write it: no folder \S+\/missing(\r?\n|$)/m);
    expect(existsSync(`${dir}/missing`)).toBe(false);
  });
});
