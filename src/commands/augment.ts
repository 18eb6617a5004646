import type { CommandSpec } from '../cli/command.js';
import { OUTPUT, SEED, integer, real } from '../cli/options.js';

/** The grid shows at most this many input images, so --plot on a whole dataset stays a picture. */
const PLOT_ROWS = 32;

export const augmentCommand: CommandSpec = {
  name: 'augment',
  summary: 'the augmented views that self-supervised training sees, as an image table and a PNG grid',
  details:
    'Applies the multi-crop augmentation of `causal train`\'s self-supervised objectives (ReLIC, ReLICv2, SemPPL,\n' +
    'SimCLR) to every image: large then small random resized crops, flip, translation, brightness/contrast jitter,\n' +
    'blur, solarize, noise, erasing, and ReLICv2\'s background masking on large views (docs/augment.md). Writes one\n' +
    'row per (input row, view): id and label passed through when present, source_row, view, view_kind (large or\n' +
    `small) and image, at the input's size. --plot draws the first ${PLOT_ROWS} images and their views as a PNG grid.`,
  arguments: [{ name: 'input', description: 'Arrow file of images, or - for stdin', optional: true, default: '-' }],
  options: [
    { flags: '--views-large <n>', description: 'large crops per image', default: 2, parse: integer('--views-large', 1, 64) },
    { flags: '--views-small <n>', description: 'small crops per image', default: 2, parse: integer('--views-small', 0, 64) },
    { flags: '--mask-prob <p>', description: 'chance that a large view has its background masked (ReLICv2)', default: 0.1, parse: real('--mask-prob', 0, 1) },
    { flags: '--no-flip', description: 'no horizontal flips (for data where mirroring changes the meaning, e.g. digits)' },
    SEED,
    { flags: '--rows <n>', description: 'only the first n images, for a look', parse: integer('--rows', 1) },
    { flags: '--plot <file.png>', description: `draw the first ${PLOT_ROWS} images and their views as a PNG grid` },
    OUTPUT,
  ],
  examples: [
    'causal import fashion-mnist | causal augment --rows 8 --seed 1 --plot views.png > views.arrow',
    'causal augment train.arrow --views-large 2 --views-small 0 --mask-prob 0 --no-flip -o simclr-views.arrow',
  ],
  async run([inputArg], raw, ctx) {
    const o = raw as { viewsLarge: number; viewsSmall: number; maskProb: number; flip: boolean; seed: number; rows?: number; plot?: string; output?: string };
    const [{ openArrowInput }, { writeArrow }, { writeFileAtomic }, { defaultPolicy }, { augmentImages, previewPng }] = await Promise.all([
      import('../io/arrow-input.js'),
      import('../io/arrow-output.js'),
      import('../io/atomic-file.js'),
      import('../augment/index.js'),
      import('../stages/augment.js'),
    ]);
    const policy = defaultPolicy({ largeViews: o.viewsLarge, smallViews: o.viewsSmall, maskProb: o.maskProb, flip: o.flip });
    const params = { viewsLarge: o.viewsLarge, viewsSmall: o.viewsSmall, maskProb: o.maskProb, flip: o.flip, rows: o.rows ?? null };
    const run = augmentImages(await openArrowInput(inputArg as string), {
      policy,
      seed: o.seed,
      rows: o.rows,
      previewRows: o.plot ? PLOT_ROWS : 0,
      provenance: { stage: 'augment', seed: o.seed, params },
    });
    await writeArrow(o.output, run.batches, run.schema);
    const views = o.viewsLarge + o.viewsSmall;
    ctx.log(`augment: ${run.count.rows} images x ${views} views (${o.viewsLarge} large, ${o.viewsSmall} small) = ${run.count.rows * views} rows`);
    if (o.plot) {
      await writeFileAtomic(o.plot, previewPng(run.preview));
      ctx.log(`augment: grid of ${run.preview.originals.length} images written to ${o.plot}`);
    }
  },
};
