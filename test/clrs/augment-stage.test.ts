/** The augment-clrs stage over Arrow batches: schema, rows that re-verify, independence of batching, errors. */
import { Field, Float64, type RecordBatch, Schema, Table } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { algorithm } from '../../src/clrs/algorithms/index.js';
import { readSamples } from '../../src/clrs/arrow.js';
import { matchStep } from '../../src/clrs/augment/verify.js';
import { sampleAt } from '../../src/clrs/splits.js';
import type { ArrowInput } from '../../src/io/arrow-input.js';
import { augmentClrs } from '../../src/stages/augment-clrs.js';
import { clrsSampleBatches, clrsSampleSchema } from '../../src/stages/clrs-sample.js';

function clrsInput(name: string, n: number, count: number, batchSize: number): ArrowInput {
  const run = { algorithm: algorithm(name), n, count, seed: 1, split: null, batchSize };
  const schema = clrsSampleSchema(run, { stage: 'clrs-sample', seed: 1 });
  async function* batches(): AsyncGenerator<RecordBatch> {
    yield* clrsSampleBatches(run, schema);
  }
  return { name: 'input.arrow', schema, batches: batches() };
}

async function collect(input: ArrowInput, steps: number | 'all' = 'all') {
  const run = augmentClrs(input, { seed: 2, steps, maxExtra: 3, tries: 4, batchSize: 3, provenance: { stage: 'augment-clrs', seed: 2 } });
  const batches: RecordBatch[] = [];
  for await (const b of run.batches) batches.push(b);
  return { table: new Table(run.schema, batches), counts: run.counts, schema: run.schema };
}

describe('augmentClrs', () => {
  it('writes the augmented samples in the clrs-sample schema plus step, augmented_step and node_map, each row re-verifiable', async () => {
    const { table, counts, schema } = await collect(clrsInput('quicksort', 6, 5, 2));
    expect(schema.fields.slice(-3).map((f) => f.name)).toEqual(['step', 'augmented_step', 'node_map']);
    expect(schema.metadata.get('causal.stage')).toBe('augment-clrs');
    expect(schema.metadata.get('clrs.algorithm')).toBe('quicksort');
    expect(counts.samples).toBe(5);
    expect(table.numRows).toBe(counts.augmented);
    const steps = [0, 1, 2, 3, 4].reduce((sum, i) => sum + sampleAt(algorithm('quicksort'), 6, 1, i).length - 1, 0);
    expect(counts.augmented + counts.skipped + counts.notApplicable).toBe(steps);
    const rows = readSamples(table);
    for (let r = 0; r < rows.length; r++) {
      const original = sampleAt(algorithm('quicksort'), 6, 1, rows[r].index);
      const step = table.getChild('step')!.get(r) as number;
      const nodeMap = Array.from(table.getChild('node_map')!.get(r)!.toArray() as Int32Array);
      expect(nodeMap).toEqual([0, 1, 2, 3, 4, 5]);
      expect(rows[r].sample.n).toBeGreaterThanOrEqual(6);
      expect(matchStep(original, step, rows[r].sample, nodeMap, 'state')).toBe(table.getChild('augmented_step')!.get(r));
    }
  });

  it('gives the same rows however the input is cut into batches', async () => {
    const a = await collect(clrsInput('dfs', 6, 4, 1), 3);
    const b = await collect(clrsInput('dfs', 6, 4, 4), 3);
    expect(a.table.numRows).toBeGreaterThan(0);
    expect(readSamples(b.table)).toEqual(readSamples(a.table));
    expect(b.table.getChild('step')!.toArray()).toEqual(a.table.getChild('step')!.toArray());
  });

  it('refuses a table that is not a CLRS sample table, and an algorithm without a rule, naming it', () => {
    const plain = new Schema([new Field('x', new Float64())]);
    expect(() => augmentClrs({ name: 'pairs.arrow', schema: plain, batches: (async function* () {})() }, { seed: 0, steps: 1, maxExtra: 1, tries: 1, batchSize: 1, provenance: { stage: 't' } })).toThrow(
      /pairs.arrow: not a CLRS sample table/,
    );
    expect(() => augmentClrs(clrsInput('kmp_matcher', 8, 1, 1), { seed: 0, steps: 1, maxExtra: 1, tries: 1, batchSize: 1, provenance: { stage: 't' } })).toThrow(
      /no augmentation rule for CLRS algorithm 'kmp_matcher'/,
    );
  });
});
