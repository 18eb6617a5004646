import { UsageError } from '../common/errors.js';
import type { CommandSpec } from '../cli/command.js';
import { DEVICE, THREADS, choice, integer, integers, real } from '../cli/options.js';

// Mirrors of the stage's choices, so that `causal --help` loads no engine code.
const ARCHITECTURES = ['mlp', 'cnn', 'resnet'] as const;
const OBJECTIVES = ['supervised'] as const;
const OPTIMIZERS = ['adamw', 'sgd'] as const;
const SCHEDULES = ['cosine', 'constant'] as const;

export const trainCommand: CommandSpec = {
  name: 'train',
  summary: 'train an image classifier (mlp, cnn, resnet) into a model directory',
  details:
    'Trains a model on an image table (image: FixedSizeList<Float32> with height, width, channels metadata;\n' +
    'label: Int32) and writes the model directory given by --output: model.onnx (inference graph with the\n' +
    'weights), model.json (architecture, input and output schema, training arguments, metrics, versions) and\n' +
    'checkpoint/latest.ckpt. Batches are shuffled by --seed; the same seed, data and thread count give the same\n' +
    'model. A checkpoint is written atomically every epoch (--checkpoint-every), and --resume continues from it\n' +
    'with the saved arguments, to the same result as an uninterrupted run. A NaN or infinite loss stops training\n' +
    'with exit 1, keeping the last good state in the checkpoint. Progress (loss, examples/s, ETA) goes to stderr.\n\n' +
    'Training arguments not given take these defaults: --objective supervised, --optimizer adamw, --lr 0.001,\n' +
    '--weight-decay 0.01, --schedule cosine, --warmup 0, --batch-size 128, --epochs 5, --seed 0, --dropout 0.',
  arguments: [{ name: 'input', description: 'training images as Arrow, or - for stdin', optional: true, default: '-' }],
  options: [
    { flags: '--model <name>', description: `architecture: ${ARCHITECTURES.join(', ')}`, parse: choice('--model', ARCHITECTURES) },
    { flags: '--objective <name>', description: 'what to learn: supervised (cross-entropy on the labels)', parse: choice('--objective', OBJECTIVES) },
    { flags: '-o, --output <dir>', description: 'the model directory to write (required)' },
    { flags: '--eval <file>', description: 'labelled images to evaluate on after every epoch (--eval-every) and at the end' },
    { flags: '--epochs <n>', description: 'passes over the data (default 5)', parse: integer('--epochs', 1) },
    { flags: '--steps <n>', description: 'train for this many steps instead of --epochs', parse: integer('--steps', 1) },
    { flags: '--batch-size <n>', description: 'examples per step (default 128)', parse: integer('--batch-size', 1) },
    { flags: '--lr <rate>', description: 'peak learning rate (default 0.001)', parse: real('--lr', 0) },
    { flags: '--optimizer <name>', description: 'adamw (default) or sgd (momentum 0.9)', parse: choice('--optimizer', OPTIMIZERS) },
    { flags: '--weight-decay <w>', description: 'decoupled weight decay for adamw, L2 for sgd (default 0.01)', parse: real('--weight-decay', 0) },
    { flags: '--schedule <name>', description: 'learning rate: cosine decay to 0 (default) or constant', parse: choice('--schedule', SCHEDULES) },
    { flags: '--warmup <steps>', description: 'linear warm-up steps before the cosine decay (default 0)', parse: integer('--warmup', 0) },
    { flags: '--seed <n>', description: 'seed for initialisation, shuffling and dropout (default 0)', parse: integer('--seed', 0, 2 ** 32 - 1) },
    { flags: '--resume', description: 'continue the run saved in the --output directory\'s checkpoint' },
    DEVICE,
    THREADS,
    { flags: '--hidden <sizes>', description: 'mlp hidden layer sizes (default 512,256)', parse: integers('--hidden'), advanced: true },
    { flags: '--widths <channels>', description: 'cnn block / resnet stage channels (default 32,64 / 16,32,64)', parse: integers('--widths'), advanced: true },
    { flags: '--dropout <p>', description: 'dropout before the classifier head (default 0)', parse: real('--dropout', 0, 0.95), advanced: true },
    { flags: '--label-smoothing <e>', description: 'label smoothing of the cross-entropy (default 0)', parse: real('--label-smoothing', 0, 0.99), advanced: true },
    { flags: '--classes <n>', description: 'number of classes (default: from the label metadata, or the largest label + 1)', parse: integer('--classes', 2), advanced: true },
    { flags: '--eval-every <steps>', description: 'evaluate every this many steps (default: every epoch)', parse: integer('--eval-every', 1), advanced: true },
    { flags: '--checkpoint-every <steps>', description: 'checkpoint every this many steps (default: every epoch)', parse: integer('--checkpoint-every', 1), advanced: true },
  ],
  examples: [
    'causal import fashion-mnist | causal train --model mlp --objective supervised --epochs 10 -o fmnist-mlp',
    'causal train train.arrow --model cnn --eval test.arrow --epochs 10 --seed 1 -o fmnist-cnn',
    'causal train train.arrow -o fmnist-cnn --resume',
  ],
  async run([inputArg], raw, ctx) {
    const o = raw as Record<string, unknown>;
    const dir = o.output as string | undefined;
    if (!dir) throw new UsageError('--output <dir> is required: the model directory to write');
    const [{ openArrowInput }, { train, duration }] = await Promise.all([import('../io/arrow-input.js'), import('../stages/train.js')]);
    const input = await openArrowInput(inputArg as string);
    const evalInput = o.eval ? await openArrowInput(o.eval as string) : undefined;
    const progress = await ctx.progress('train');
    const flags = {
      model: o.model,
      objective: o.objective,
      optimizer: o.optimizer,
      lr: o.lr,
      weightDecay: o.weightDecay,
      schedule: o.schedule,
      warmup: o.warmup,
      batchSize: o.batchSize,
      epochs: o.epochs,
      steps: o.steps,
      seed: o.seed,
      hidden: o.hidden,
      widths: o.widths,
      dropout: o.dropout,
      labelSmoothing: o.labelSmoothing,
      classes: o.classes,
    } as Parameters<typeof train>[0]['flags'];
    try {
      const { card } = await train({
        input,
        evalInput,
        dir,
        resume: Boolean(o.resume),
        flags,
        run: {
          device: o.device as 'cpu',
          threads: o.threads as number | undefined,
          evalEvery: o.evalEvery as number | undefined,
          checkpointEvery: o.checkpointEvery as number | undefined,
        },
        log: (line) => (process.stderr.isTTY ? progress.update(line) : ctx.log(line)),
        progress: (text) => progress.update(text),
      });
      const acc = card.metrics.eval ? `, eval accuracy ${Number(card.metrics.eval.accuracy).toFixed(4)}` : '';
      progress.done();
      ctx.log(`train: ${card.training.stepsTaken} steps in ${duration(card.metrics.seconds)}${acc}; model in ${dir}`);
    } catch (err) {
      progress.fail();
      throw err;
    }
  },
};
