import type { CommandSpec } from '../cli/command.js';
import { DEVICE, OUTPUT, THREADS, choice, integer } from '../cli/options.js';

export const embedCommand: CommandSpec = {
  name: 'embed',
  summary: 'embed images with a trained model (classifier features or a self-supervised encoder), via ONNX Runtime',
  details:
    'Runs DIR/model.onnx on the image column and writes one row per image: id and label passed through when the\n' +
    'input has them, and embedding (FixedSizeList<Float32>). For a classifier the embedding is the features\n' +
    'before its head, and prediction (Int32) the predicted class; for a self-supervised model (simclr, relic,\n' +
    'relicv2, semppl) it is the encoder output, or with --layer projection the projection head\'s output.\n' +
    'Labels may be null (unlabelled rows).',
  arguments: [{ name: 'input', description: 'Arrow file of images, or - for stdin', optional: true, default: '-' }],
  options: [
    { flags: '--model <dir>', description: 'the trained model directory (required)' },
    { flags: '--layer <name>', description: 'embedding (default: encoder features) or projection (self-supervised models)', default: 'embedding', parse: choice('--layer', ['embedding', 'projection']) },
    DEVICE,
    THREADS,
    { flags: '--batch-size <n>', description: 'rows per output record batch (default 1024)', default: 1024, parse: integer('--batch-size', 1) },
    OUTPUT,
  ],
  examples: [
    'causal import fashion-mnist --split test | causal embed --model fmnist-cnn > embeddings.arrow',
    'causal import fashion-mnist | causal embed --model fmnist-relic --layer projection -o train-emb.arrow',
  ],
  async run([inputArg], raw, ctx) {
    const o = raw as { model?: string; layer: 'embedding' | 'projection'; device: 'cpu'; threads?: number; batchSize: number; output?: string };
    const { UsageError } = await import('../common/errors.js');
    if (!o.model) throw new UsageError('--model <dir> is required: the trained model directory');
    const [{ openArrowInput }, { writeArrow }, { embedImages }] = await Promise.all([
      import('../io/arrow-input.js'),
      import('../io/arrow-output.js'),
      import('../stages/embed.js'),
    ]);
    const out = await embedImages(await openArrowInput(inputArg as string), o.model, { device: o.device, threads: o.threads }, {
      batchSize: o.batchSize,
      layer: o.layer,
      provenance: { stage: 'embed', params: { model: o.model, layer: o.layer } },
    });
    await writeArrow(o.output, out.batches, out.schema);
    ctx.log(`embed: ${out.rows} images to ${out.features}-dimensional embeddings`);
  },
};
