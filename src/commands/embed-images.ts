import type { CommandSpec } from '../cli/command.js';
import { DEVICE, OUTPUT, THREADS, integer } from '../cli/options.js';

/** --plot draws this many images beside their reconstructions. */
const PLOT_ROWS = 16;

export const embedImagesCommand: CommandSpec = {
  name: 'embed-images',
  summary: 'tokenize images with a trained VQ tokenizer: grid tokens and their codebook vectors, every column kept',
  details:
    'Runs the encoder of a `causal train --task vq` model directory (model.onnx) on the image column and writes\n' +
    'the input with every column passed through and two columns appended: tokens (FixedSizeList<Int32>[h*w], the\n' +
    'grid\'s codes row by row) and embedding (FixedSizeList<Float32>[h*w*D], their codebook vectors, token after\n' +
    'token). Both carry grid_height, grid_width, code_dim and codebook_size in their field metadata. Input\n' +
    'columns named tokens or embedding are replaced. The input is streamed: one output record batch per input\n' +
    `batch. --plot decodes the first ${PLOT_ROWS} images' tokens with decoder.onnx and draws each original beside its\n` +
    'reconstruction. docs/vq.md has the model and the table.',
  arguments: [{ name: 'input', description: 'Arrow file of images (image column), or - for stdin', optional: true, default: '-' }],
  options: [
    { flags: '--model <dir>', description: 'the tokenizer\'s model directory (required)' },
    { flags: '--plot <file.png>', description: `draw the first ${PLOT_ROWS} images beside their reconstructions as a PNG` },
    DEVICE,
    THREADS,
    { flags: '--batch-size <n>', description: 'images per encoder run', default: 256, parse: integer('--batch-size', 1) },
    OUTPUT,
  ],
  examples: [
    'causal make-scenes --split test | causal embed-images --model vq-model > test-tokens.arrow',
    'causal embed-images scenes.arrow --model vq-model --plot reconstructions.png -o tokens.arrow',
  ],
  async run([inputArg], raw, ctx) {
    const o = raw as { model?: string; plot?: string; device: 'cpu'; threads?: number; batchSize: number; output?: string };
    const { UsageError } = await import('../common/errors.js');
    if (!o.model) throw new UsageError('--model <dir> is required: a tokenizer trained with `causal train --task vq`');
    const [{ openArrowInput }, { writeArrow }, { writeFileAtomic }, { embedImageTokens }] = await Promise.all([
      import('../io/arrow-input.js'),
      import('../io/arrow-output.js'),
      import('../io/atomic-file.js'),
      import('../stages/embed-images.js'),
    ]);
    const run = await embedImageTokens(await openArrowInput(inputArg as string), o.model, { device: o.device, threads: o.threads, batchSize: o.batchSize }, {
      previewRows: o.plot ? PLOT_ROWS : 0,
      provenance: { stage: 'embed-images', params: { model: o.model } },
    });
    try {
      await writeArrow(o.output, run.batches, run.schema);
      const s = run.summary();
      const t = run.tokenizer;
      ctx.log(
        `embed-images: ${s.rows} images to ${t.grid.height}x${t.grid.width} tokens of ${t.codeDim} values; ` +
          `${s.codes_used}/${t.codebookSize} codes used, perplexity ${s.perplexity.toFixed(1)}`,
      );
      if (o.plot) {
        await writeFileAtomic(o.plot, await run.plot());
        ctx.log(`embed-images: originals and reconstructions written to ${o.plot}`);
      }
    } finally {
      await run.release();
    }
  },
};
