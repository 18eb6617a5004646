import { UsageError } from '../common/errors.js';
import type { CommandSpec } from '../cli/command.js';
import { DEVICE, THREADS, integer, real } from '../cli/options.js';

export const trainVlmCommand: CommandSpec = {
  name: 'train-vlm',
  summary: 'train a captioner (a small transformer decoder cross-attending to image tokens) into a model directory',
  details:
    'Reads an image-token table (`causal embed-images`, or synthetic pairs in the same format): embedding\n' +
    'FixedSizeList<Float32>[T*D] with grid_height, grid_width, code_dim metadata, and captions as captions\n' +
    '(List<Utf8>, several references per image) or caption (Utf8). The word vocabulary is built from the training\n' +
    'captions (lower-cased, punctuation dropped). The model projects each token vector to --d-model, adds a learned\n' +
    '2-D position, resamples the grid to --latents learned latents (Perceiver resampler; 0: no resampler), and a\n' +
    'pre-norm transformer decoder with causal self-attention and cross-attention to them predicts the next word.\n' +
    'Training is teacher-forced cross-entropy over the words and <eos> (padding masked out); in every pass over\n' +
    'the data each image trains on one of its references, drawn by --seed. AdamW, linear warm-up then cosine decay\n' +
    'to 0, gradient norm clipped to 1. Writes model.onnx (embedding + word ids -> next-word logits), model.json\n' +
    '(task image-captioning, vocabulary, architecture, training arguments, final loss and token accuracy) and\n' +
    'checkpoint/latest.ckpt (every epoch; --resume continues with the saved arguments to the same result).\n\n' +
    'Mixing: with --real PATH, INPUT holds the synthetic pairs (often stdin) and PATH the real ones, and --mix F is\n' +
    'the share of synthetic pairs in every batch (default: proportional to the two row counts). An epoch is\n' +
    '(rows of both) / --batch-size steps; each source is cycled through on its own. docs/vlm.md has the details.\n\n' +
    'Defaults: --d-model 128, --layers 2, --heads 4, --latents 8, --resampler-layers 1, --dropout 0.1,\n' +
    '--max-length 16, --min-count 1, --batch-size 64, --lr 0.001, --weight-decay 0.01, --warmup 100, --epochs 30,\n' +
    '--seed 0. Progress (loss, token accuracy, pairs/s, ETA) goes to stderr.',
  arguments: [{ name: 'input', description: 'image-token table as Arrow, or - for stdin (the default)', optional: true }],
  options: [
    { flags: '-o, --output <dir>', description: 'the model directory to write (required)' },
    { flags: '--real <path>', description: 'real pairs to mix with INPUT (then the synthetic pairs)' },
    { flags: '--mix <f>', description: 'with --real: share of INPUT pairs in each batch (default: proportional to the row counts)', parse: real('--mix', 0, 1) },
    { flags: '--epochs <n>', description: 'passes over the data (default 30)', parse: integer('--epochs', 1) },
    { flags: '--steps <n>', description: 'train for this many steps instead of --epochs', parse: integer('--steps', 1) },
    { flags: '--batch-size <n>', description: 'image-caption pairs per step (default 64)', parse: integer('--batch-size', 1) },
    { flags: '--lr <rate>', description: 'peak learning rate (default 0.001)', parse: real('--lr', 0) },
    { flags: '--warmup <steps>', description: 'linear warm-up steps before the cosine decay (default 100)', parse: integer('--warmup', 0) },
    { flags: '--weight-decay <w>', description: 'AdamW decoupled weight decay (default 0.01)', parse: real('--weight-decay', 0) },
    { flags: '--max-length <n>', description: 'words per caption at most; longer references are cut (default 16)', parse: integer('--max-length', 1, 256) },
    { flags: '--seed <n>', description: 'seed for initialisation, batches, references and dropout (default 0)', parse: integer('--seed', 0, 2 ** 32 - 1) },
    { flags: '--resume', description: "continue the run saved in the --output directory's checkpoint" },
    DEVICE,
    THREADS,
    { flags: '--d-model <n>', description: 'model width (default 128)', parse: integer('--d-model', 1), advanced: true },
    { flags: '--layers <n>', description: 'decoder layers (default 2)', parse: integer('--layers', 1), advanced: true },
    { flags: '--heads <n>', description: 'attention heads; must divide --d-model (default 4)', parse: integer('--heads', 1), advanced: true },
    { flags: '--latents <n>', description: 'Perceiver resampler latents; 0 attends to every image token (default 8)', parse: integer('--latents', 0), advanced: true },
    { flags: '--resampler-layers <n>', description: 'resampler layers (default 1)', parse: integer('--resampler-layers', 1), advanced: true },
    { flags: '--dropout <p>', description: 'dropout on attention weights, residual branches and word embeddings (default 0.1)', parse: real('--dropout', 0, 0.95), advanced: true },
    { flags: '--min-count <n>', description: 'words seen fewer times in the training captions become <unk> (default 1)', parse: integer('--min-count', 1), advanced: true },
    { flags: '--checkpoint-every <steps>', description: 'checkpoint every this many steps (default: every epoch)', parse: integer('--checkpoint-every', 1), advanced: true },
  ],
  examples: [
    'causal embed-images scenes.arrow --model vq | causal train-vlm --epochs 40 -o captioner',
    'causal synth | causal train-vlm --real real-tokens.arrow --mix 0.5 --steps 3000 -o mixed',
    'causal train-vlm tokens.arrow -o captioner --resume',
  ],
  async run([inputArg], raw, ctx) {
    const o = raw as Record<string, unknown>;
    const dir = o.output as string | undefined;
    if (!dir) throw new UsageError('--output <dir> is required: the model directory to write');
    const [{ openArrowInput }, { trainVlm }, { duration }] = await Promise.all([
      import('../io/arrow-input.js'),
      import('../stages/train-vlm.js'),
      import('../stages/train.js'),
    ]);
    const input = await openArrowInput((inputArg as string | undefined) ?? '-');
    const realInput = o.real ? await openArrowInput(o.real as string) : undefined;
    const card = await ctx.withProgress('train-vlm', (p) =>
      trainVlm({
        input,
        real: realInput,
        dir,
        resume: Boolean(o.resume),
        flags: {
          dModel: o.dModel as number | undefined,
          layers: o.layers as number | undefined,
          heads: o.heads as number | undefined,
          latents: o.latents as number | undefined,
          resamplerLayers: o.resamplerLayers as number | undefined,
          dropout: o.dropout as number | undefined,
          maxLength: o.maxLength as number | undefined,
          minCount: o.minCount as number | undefined,
          lr: o.lr as number | undefined,
          weightDecay: o.weightDecay as number | undefined,
          warmup: o.warmup as number | undefined,
          batchSize: o.batchSize as number | undefined,
          epochs: o.epochs as number | undefined,
          steps: o.steps as number | undefined,
          seed: o.seed as number | undefined,
          mix: o.mix as number | undefined,
        },
        run: { device: o.device as 'cpu', threads: o.threads as number | undefined, checkpointEvery: o.checkpointEvery as number | undefined },
        ...p,
      }),
    );
    const m = card.metrics.train;
    ctx.log(
      `train-vlm: ${card.training.stepsTaken} steps in ${duration(card.metrics.seconds)}, loss ${m.loss?.toFixed(4)}, token accuracy ${m.token_accuracy?.toFixed(3)}, vocabulary ${card.vocabulary.length}; model in ${dir}`,
    );
  },
};
