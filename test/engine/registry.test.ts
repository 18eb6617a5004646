import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allOps } from '../../src/engine/ops/index.js';
import { OP_CASES } from './op-cases.js';

const OPS_DIR = new URL('../../src/engine/ops/', import.meta.url);
const HELPERS = new Set(['index.ts', 'registry.ts', 'util.ts']);

describe('op registry', () => {
  it('index.ts imports every op file', () => {
    const files = readdirSync(OPS_DIR).filter((f) => f.endsWith('.ts') && !HELPERS.has(f));
    const index = readFileSync(new URL('index.ts', OPS_DIR), 'utf8');
    for (const f of files) expect(index, f).toContain(`from './${f.replace(/\.ts$/, '.js')}'`);
  });

  it('every op file registers at least one op', () => {
    const files = readdirSync(OPS_DIR).filter((f) => f.endsWith('.ts') && !HELPERS.has(f));
    for (const f of files) expect(readFileSync(new URL(f, OPS_DIR), 'utf8'), f).toMatch(/define(Op|Composite)\(/);
  });

  it('every primitive has exactly one gradient rule or is declared non-differentiable', () => {
    for (const def of allOps()) {
      if (def.kind !== 'primitive') continue;
      expect(Number(def.grad !== undefined) + Number(def.nonDifferentiable === true), def.name).toBe(1);
    }
  });

  it('every differentiable op has exactly one finite-difference case, and no case names an unknown op', () => {
    const differentiable = allOps()
      .filter((d) => (d.kind === 'primitive' ? d.grad !== undefined : d.differentiable))
      .map((d) => d.name)
      .sort();
    expect(Object.keys(OP_CASES).sort()).toEqual(differentiable);
  });
});
