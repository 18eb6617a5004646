import type { Provenance } from '../io/batch.js';
import type { CommandSpec } from '../cli/command.js';
import { OUTPUT, SEED, choice, integer } from '../cli/options.js';

/** Mirrors scenes/splits' SPLITS; kept here so that parsing flags does not load the scene world. */
const SPLIT_NAMES = ['train', 'test', 'heldout'] as const;

export const makeScenesCommand: CommandSpec = {
  name: 'make-scenes',
  summary: 'generate the captioning scene world: 32x32 images of 1-3 shapes with five reference captions each',
  details:
    'Draws scenes of 1-3 objects (square, circle, triangle, cross, bar; seven colours; small or large) on a 3x3\n' +
    'grid, renders each as a 32x32 RGB image and writes five distinct captions from a compositional grammar\n' +
    '("a small red circle above a blue square", "there is a red circle and a blue square"). Seven (colour, shape)\n' +
    'pairs are held out: the train and test splits never contain them, every heldout scene contains one. Scene i\n' +
    "of a split comes from its own stream (seed, 'split:i'). Columns: id, image, captions, split, shapes, colors,\n" +
    'sizes, cells, relation (docs/scenes.md).',
  options: [
    { flags: '--split <split>', description: 'train, test or heldout', default: 'train', parse: choice('--split', SPLIT_NAMES) },
    { flags: '--count <n>', description: 'number of scenes', default: 1000, parse: integer('--count', 1) },
    SEED,
    { flags: '--plot <file.png>', description: 'draw the first 16 scenes as a PNG grid' },
    { flags: '--batch-size <n>', description: 'scenes per record batch', default: 1024, parse: integer('--batch-size', 1), advanced: true },
    OUTPUT,
  ],
  examples: [
    'causal make-scenes --split train --count 3000 -o scenes-train.arrow',
    'causal make-scenes --split heldout --count 500 --seed 1 --plot heldout.png > scenes-heldout.arrow',
  ],
  async run(_args, raw, ctx) {
    const o = raw as { split: (typeof SPLIT_NAMES)[number]; count: number; seed: number; batchSize: number; plot?: string; output?: string };
    const [{ writeArrow }, { writeFileAtomic }, stage] = await Promise.all([
      import('../io/arrow-output.js'),
      import('../io/atomic-file.js'),
      import('../stages/make-scenes.js'),
    ]);
    const run = { split: o.split, count: o.count, seed: o.seed, batchSize: o.batchSize };
    const provenance: Provenance = { stage: 'make-scenes', seed: o.seed, params: { split: o.split, count: o.count } };
    const schema = stage.makeScenesSchema(provenance);
    await ctx.withProgress(
      `make-scenes ${o.split}`,
      (p) => writeArrow(o.output, stage.makeScenesBatches(run, schema, (done) => p.progress(`${done}/${o.count}`)), schema),
      () => `${o.count} scenes`,
    );
    ctx.log(`make-scenes: ${o.count} ${o.split} scenes, seed ${o.seed}`);
    if (o.plot) {
      await writeFileAtomic(o.plot, stage.scenesPreviewPng(run));
      ctx.log(`make-scenes: grid of the first ${Math.min(stage.PREVIEW_SCENES, o.count)} scenes written to ${o.plot}`);
    }
  },
};
