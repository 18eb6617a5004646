import type { CommandSpec } from '../cli/command.js';
import { DEVICE, OUTPUT, THREADS, integer } from '../cli/options.js';

export const embedCommand: CommandSpec = {
  name: 'embed',
  summary: 'embed images with a trained model (its penultimate features), via ONNX Runtime',
  details:
    'Runs DIR/model.onnx on the image column and writes one row per image: id and label passed through when the\n' +
    'input has them, embedding (FixedSizeList<Float32>, the features before the classifier head) and prediction\n' +
    '(Int32, the predicted class). Labels may be null (unlabelled rows).',
  arguments: [{ name: 'input', description: 'Arrow file of images, or - for stdin', optional: true, default: '-' }],
  options: [
    { flags: '--model <dir>', description: 'the trained model directory (required)' },
    DEVICE,
    THREADS,
    { flags: '--batch-size <n>', description: 'rows per output record batch (default 1024)', default: 1024, parse: integer('--batch-size', 1) },
    OUTPUT,
  ],
  examples: ['causal import fashion-mnist --split test | causal embed --model fmnist-cnn > embeddings.arrow'],
  async run([inputArg], raw, ctx) {
    const o = raw as { model?: string; device: 'cpu'; threads?: number; batchSize: number; output?: string };
    const { UsageError } = await import('../common/errors.js');
    if (!o.model) throw new UsageError('--model <dir> is required: the trained model directory');
    const [{ openArrowInput }, { writeArrow }, { embedImages }] = await Promise.all([
      import('../io/arrow-input.js'),
      import('../io/arrow-output.js'),
      import('../stages/embed.js'),
    ]);
    const out = await embedImages(await openArrowInput(inputArg as string), o.model, { device: o.device, threads: o.threads }, {
      batchSize: o.batchSize,
      provenance: { stage: 'embed', params: { model: o.model } },
    });
    await writeArrow(o.output, out.batches, out.schema);
    ctx.log(`embed: ${out.rows} images to ${out.features}-dimensional embeddings`);
  },
};
