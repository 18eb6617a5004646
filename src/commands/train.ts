import { UsageError } from '../common/errors.js';
import type { CommandContext, CommandSpec } from '../cli/command.js';
import { DEVICE, THREADS, choice, integer, integers, kebab, real } from '../cli/options.js';

// Mirrors of the stage's choices, so that `causal --help` loads no engine code.
const ARCHITECTURES = ['mlp', 'cnn', 'resnet'] as const;
const OBJECTIVES = ['supervised', 'simclr', 'relic', 'relicv2', 'semppl', 'hint-relic'] as const;
const CLRS_OBJECTIVES = ['supervised', 'hint-relic'] as const;
const OPTIMIZERS = ['adamw', 'sgd'] as const;
const SCHEDULES = ['cosine', 'constant'] as const;
const TASKS = ['image', 'clrs', 'vq', 't2i'] as const;
const CLRS_PROCESSORS = ['triplet_gmpnn', 'mpnn'] as const;
/** Flags of image training that mean nothing for --task clrs. */
const IMAGE_ONLY = ['model', 'eval', 'init', 'labelsFraction', 'hidden', 'widths', 'dropout', 'labelSmoothing', 'classes', 'optimizer'] as const;
/** Flags of --task vq only. */
const VQ_ONLY = ['codebookSize', 'codeDim', 'vqWidths', 'commitment', 'restartThreshold'] as const;
/** Flags of --task t2i only. */
const T2I_ONLY = ['dModel', 'heads', 'layers', 'captionLayers', 'maxLength', 'condDrop'] as const;
/** Flags that mean nothing for --task vq: the classifier's and the self-supervised objectives', and CLRS's. */
const NOT_VQ = [
  ...IMAGE_ONLY.filter((f) => f !== 'eval'),
  'objective',
  'labelsSeed',
  'temperature',
  'likelihoodWeight',
  'invarianceWeight',
  'semanticWeight',
  'projection',
  'projectorHidden',
  'largeViews',
  'smallViews',
  'maskProb',
  'queueSize',
  'labelledShare',
  'algorithm',
  'processor',
  'clrsHidden',
  'hintRelicWeight',
  'maxExtra',
  'teacherForcing',
] as const;

export const trainCommand: CommandSpec = {
  name: 'train',
  summary: 'train an image classifier, a self-supervised encoder (simclr, relic, relicv2, semppl), a CLRS reasoner, a VQ image tokenizer or a text-to-image-token generator into a model directory',
  details:
    'Trains a model on an image table (image: FixedSizeList<Float32> with height, width, channels metadata;\n' +
    'label: Int32) and writes the model directory given by --output: model.onnx (inference graph with the\n' +
    'weights), model.json (architecture, input and output schema, training arguments, metrics, versions) and\n' +
    'checkpoint/latest.ckpt. Batches are shuffled by --seed; the same seed, data and thread count give the same\n' +
    'model. A checkpoint is written atomically every epoch (--checkpoint-every), and --resume continues from it\n' +
    'with the saved arguments, to the same result as an uninterrupted run. A NaN or infinite loss stops training\n' +
    'with exit 1, keeping the last good state in the checkpoint. Progress (loss, examples/s, ETA) goes to stderr.\n\n' +
    'Objectives: supervised (cross-entropy on the labels; with --labels-fraction, on a class-stratified subset\n' +
    'only), simclr (NT-Xent), relic (InfoNCE + KL invariance, EMA target network), relicv2 (relic with multi-crop\n' +
    'and saliency masking), semppl (relicv2 + semantic positives from a queue of labelled embeddings and k-NN\n' +
    'pseudo-labels; rows with a null label, or outside --labels-fraction, are unlabelled). Self-supervised\n' +
    'models export an encoder (task image-embedding): probe them with `causal embed` and `causal eval --probe`.\n' +
    'Views are augmented on the fly from --seed (see `causal augment`). docs/ssl.md has the losses.\n\n' +
    'Training arguments not given take these defaults: --objective supervised, --optimizer adamw, --lr 0.001,\n' +
    '--weight-decay 0.01, --schedule cosine, --warmup 0, --batch-size 128, --epochs 5, --seed 0, --dropout 0;\n' +
    'self-supervised: --temperature 0.2, --likelihood-weight 1, --invariance-weight 1, --semantic-weight 1,\n' +
    '--ema-decay 0.99, --projection 64, --projector-hidden 256, --large-views 2, --small-views 2 (relicv2,\n' +
    'semppl) or 0, --mask-prob 0.1 (relicv2, semppl), --queue-size 2560, --labelled-share 0.25 (semppl),\n' +
    '--labels-seed 0.\n\n' +
    '--task clrs: an encode-process-decode network (Triplet-GMPNN, or --processor mpnn) on one CLRS-30 algorithm,\n' +
    'supervised on hints and outputs (docs/clrs-model.md). The input is a `causal clrs sample` table (- for stdin);\n' +
    'without one, batches are sampled on the fly at n cycling through 4, 7, 11, 13, 16. model.onnx is the one-step\n' +
    'graph. Defaults follow the benchmark: --clrs-hidden 128, --batch-size 32, --steps 10000 (batches), --lr 0.001\n' +
    'constant, --weight-decay 0, gradient norm clipped to 1; a checkpoint every 500 batches. Not the benchmark\'s:\n' +
    '--teacher-forcing 0.5, half of the steps read the model\'s own decoded hints. --objective hint-relic adds\n' +
    'Hint-ReLIC: next-step contrast and KL invariance against augmentations drawn on the fly\n' +
    '(--hint-relic-weight 0.1, --invariance-weight 1, --temperature 0.2, --max-extra 4; algorithms with an\n' +
    'augment-clrs rule).\n\n' +
    '--task t2i: a MUSE/MaskGIT-style text-to-image-token generator (docs/t2i.md) on an image-token table from\n' +
    '`causal embed-images` (tokens with grid metadata; captions in `captions` or `caption`): a bidirectional\n' +
    'transformer over the token grid cross-attending to a small caption encoder, trained to predict masked tokens\n' +
    '(cosine mask ratio) with the caption dropped --cond-drop of the time for classifier-free guidance. model.onnx\n' +
    'maps tokens (masked = codebook size) and caption word ids to logits over the codes. Defaults: --d-model 64,\n' +
    '--heads 4, --layers 4, --caption-layers 1, --dropout 0.1, --max-length 16, --cond-drop 0.1, --batch-size 64,\n' +
    '--steps 3000, --lr 0.001 with --warmup 100 then cosine, --weight-decay 0.01, gradient norm clipped to 1. --eval\n' +
    'scores the masked-token loss and accuracy on another image-token table (fixed masks), to show overfitting.\n\n' +
    '--task vq: a VQ-VAE image tokenizer (docs/vq.md) on an image table (height and width divisible by 4): two\n' +
    'stride-2 convolutions give each image an H/4 x W/4 grid of tokens from a codebook updated by moving averages,\n' +
    'with dead codes restarted from the batch. model.onnx maps images to tokens and code vectors, decoder.onnx\n' +
    'tokens to images, codebook.f32 holds the codebook; `causal embed-images` writes the tokens. Defaults:\n' +
    '--codebook-size 128, --code-dim 32, --vq-widths 32,64, --commitment 0.25, --ema-decay 0.99 (the codebook\'s,\n' +
    'constant), --restart-threshold 1, --batch-size 64, --steps 3000, --lr 0.001 cosine, --weight-decay 0. --eval\n' +
    'measures reconstruction MSE, codes used and perplexity on another image table.',
  arguments: [{ name: 'input', description: 'training images (or CLRS samples) as Arrow, or - for stdin (the default for images)', optional: true }],
  options: [
    { flags: '--task <task>', description: 'image (default), clrs (an algorithmic reasoner on CLRS-30 samples), vq (an image tokenizer) or t2i (a text-to-image-token generator)', parse: choice('--task', TASKS) },
    { flags: '--algorithm <name>', description: '--task clrs: the CLRS-30 algorithm (default: the table\'s)' },
    { flags: '--processor <name>', description: `--task clrs: ${CLRS_PROCESSORS.join(' (default) or ')}`, parse: choice('--processor', CLRS_PROCESSORS) },
    { flags: '--clrs-hidden <n>', description: '--task clrs: hidden size (default 128)', parse: integer('--clrs-hidden', 1) },
    { flags: '--teacher-forcing <p>', description: "--task clrs: probability that a processor step reads the ground-truth hints instead of the model's own decoded predictions of the previous step (default 0.5; 1 = teacher forcing throughout)", parse: real('--teacher-forcing', 0, 1), advanced: true },
    { flags: '--codebook-size <k>', description: '--task vq: codes in the codebook (default 128)', parse: integer('--codebook-size', 2) },
    { flags: '--code-dim <d>', description: '--task vq: values per code vector (default 32)', parse: integer('--code-dim', 1) },
    { flags: '--d-model <d>', description: '--task t2i: transformer width (default 64)', parse: integer('--d-model', 1) },
    { flags: '--layers <n>', description: '--task t2i: generator layers (default 4)', parse: integer('--layers', 1) },
    { flags: '--heads <n>', description: '--task t2i: attention heads (default 4)', parse: integer('--heads', 1) },
    { flags: '--cond-drop <p>', description: '--task t2i: probability of dropping the caption, for classifier-free guidance (default 0.1)', parse: real('--cond-drop', 0, 1) },
    { flags: '--model <name>', description: `architecture: ${ARCHITECTURES.join(', ')}`, parse: choice('--model', ARCHITECTURES) },
    { flags: '--objective <name>', description: `what to learn: ${OBJECTIVES.join(', ')} (default supervised; hint-relic with --task clrs)`, parse: choice('--objective', OBJECTIVES) },
    { flags: '--hint-relic-weight <w>', description: '--task clrs --objective hint-relic: weight of the contrastive + KL term (default 0.1)', parse: real('--hint-relic-weight', 0), advanced: true },
    { flags: '--max-extra <n>', description: '--task clrs --objective hint-relic: at most this many nodes added per augmentation (default 4)', parse: integer('--max-extra', 1), advanced: true },
    { flags: '--init <dir>', description: 'start from the weights of a trained image model directory (fine-tune a pretrained encoder): every parameter of the same name; the rest, e.g. a new head, initialised as usual' },
    { flags: '--labels-fraction <f>', description: 'use the labels of a class-stratified fraction of the rows only (supervised, semppl)', parse: real('--labels-fraction', 0, 1) },
    { flags: '--labels-seed <n>', description: 'seed choosing the --labels-fraction subset (default 0)', parse: integer('--labels-seed', 0, 2 ** 32 - 1) },
    { flags: '-o, --output <dir>', description: 'the model directory to write (required)' },
    { flags: '--eval <file>', description: 'labelled images to evaluate on after every epoch (--eval-every) and at the end (--task vq: any images; --task t2i: an image-token table with captions)' },
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
    { flags: '--dropout <p>', description: 'dropout before the classifier head (default 0); --task t2i: in every layer (default 0.1)', parse: real('--dropout', 0, 0.95), advanced: true },
    { flags: '--label-smoothing <e>', description: 'label smoothing of the cross-entropy (default 0)', parse: real('--label-smoothing', 0, 0.99), advanced: true },
    { flags: '--temperature <t>', description: 'similarity temperature of the contrastive losses (default 0.2)', parse: real('--temperature', 0), advanced: true },
    { flags: '--likelihood-weight <w>', description: 'weight of the instance-discrimination term: relic beta, semppl c (default 1)', parse: real('--likelihood-weight', 0), advanced: true },
    { flags: '--invariance-weight <w>', description: 'weight of the KL invariance term: relic alpha, semppl lambda; 0 turns it off (default 1)', parse: real('--invariance-weight', 0), advanced: true },
    { flags: '--semantic-weight <w>', description: 'semppl: weight of the semantic-positive term; 0 turns it off (default 1)', parse: real('--semantic-weight', 0), advanced: true },
    { flags: '--ema-decay <d>', description: 'target network EMA decay at the start, rising to 1 on a cosine; --task vq: the codebook\'s (default 0.99)', parse: real('--ema-decay', 0, 1), advanced: true },
    { flags: '--projection <n>', description: 'projection head output size (default 64)', parse: integer('--projection', 1), advanced: true },
    { flags: '--projector-hidden <n>', description: 'projection head hidden size (default 256)', parse: integer('--projector-hidden', 1), advanced: true },
    { flags: '--large-views <n>', description: 'large crops per image (default 2)', parse: integer('--large-views', 2), advanced: true },
    { flags: '--small-views <n>', description: 'small crops per image, relicv2/semppl multi-crop (default 2 there, else 0)', parse: integer('--small-views', 0), advanced: true },
    { flags: '--mask-prob <p>', description: 'relicv2/semppl: probability of saliency masking per large view (default 0.1)', parse: real('--mask-prob', 0, 1), advanced: true },
    { flags: '--no-flip', description: 'no horizontal flips in the views (digits, text)', advanced: true },
    { flags: '--queue-size <n>', description: 'semppl: labelled embeddings kept in the queue (default 2560)', parse: integer('--queue-size', 1), advanced: true },
    { flags: '--labelled-share <f>', description: 'semppl: share of every batch drawn from the labelled rows (default 0.25; 0 = batches drawn uniformly)', parse: real('--labelled-share', 0, 1), advanced: true },
    { flags: '--classes <n>', description: 'number of classes (default: from the label metadata, or the largest label + 1)', parse: integer('--classes', 2), advanced: true },
    { flags: '--eval-every <steps>', description: 'evaluate every this many steps (default: every epoch)', parse: integer('--eval-every', 1), advanced: true },
    { flags: '--vq-widths <w1,w2>', description: '--task vq: channels of the encoder\'s two stride-2 convolutions, mirrored by the decoder (default 32,64)', parse: integers('--vq-widths'), advanced: true },
    { flags: '--commitment <beta>', description: '--task vq: weight of the commitment loss (default 0.25)', parse: real('--commitment', 0), advanced: true },
    { flags: '--restart-threshold <n>', description: '--task vq: restart codes used by fewer encoder vectors per step than this, on average (default 1)', parse: real('--restart-threshold', 0), advanced: true },
    { flags: '--caption-layers <n>', description: '--task t2i: self-attention blocks of the caption encoder (default 1)', parse: integer('--caption-layers', 0), advanced: true },
    { flags: '--max-length <n>', description: '--task t2i: caption words read at most; longer captions are cut (default 16)', parse: integer('--max-length', 1), advanced: true },
    { flags: '--checkpoint-every <steps>', description: 'checkpoint every this many steps (default: every epoch)', parse: integer('--checkpoint-every', 1), advanced: true },
  ],
  examples: [
    'causal import fashion-mnist | causal train --model mlp --objective supervised --epochs 10 -o fmnist-mlp',
    'causal train train.arrow --model cnn --eval test.arrow --epochs 10 --seed 1 -o fmnist-cnn',
    'causal train train.arrow -o fmnist-cnn --resume',
    'causal import fashion-mnist | causal train --model cnn --objective relic --epochs 4 -o fmnist-relic',
    'causal import fashion-mnist | causal train --model cnn --objective semppl --labels-fraction 0.01 --labels-seed 1 -o fmnist-semppl',
    'causal train train.arrow --model cnn --init fmnist-semppl --labels-fraction 0.01 --labels-seed 1 -o fmnist-semppl-tuned',
    'causal train --task clrs --algorithm bfs --steps 2000 -o bfs-model',
    'causal clrs sample --algorithm insertion_sort --split train | causal train --task clrs - -o sort-model',
    'causal make-scenes --split train | causal train --task vq --steps 3000 -o vq-model',
    'causal make-scenes --split train | causal embed-images --model vq-model | causal train --task t2i --steps 3000 -o t2i-model',
  ],
  async run([inputArg], raw, ctx) {
    const o = raw as Record<string, unknown>;
    const dir = o.output as string | undefined;
    if (!dir) throw new UsageError('--output <dir> is required: the model directory to write');
    for (const flag of VQ_ONLY) {
      if (o.task !== 'vq' && o[flag] !== undefined) throw new UsageError(`--${kebab(flag)} applies to --task vq`);
    }
    for (const flag of T2I_ONLY) {
      if (o.task !== 't2i' && o[flag] !== undefined) throw new UsageError(`--${kebab(flag)} applies to --task t2i`);
    }
    if (o.task === 't2i') return trainT2iCommand(inputArg as string | undefined, o, dir, ctx);
    if (o.task === 'clrs') return trainClrsCommand(inputArg as string | undefined, o, dir, ctx);
    if (o.task === 'vq') return trainVqCommand(inputArg as string | undefined, o, dir, ctx);
    for (const flag of ['algorithm', 'processor', 'clrsHidden', 'hintRelicWeight', 'maxExtra', 'teacherForcing']) {
      if (o[flag] !== undefined) throw new UsageError(`--${kebab(flag)} applies to --task clrs`);
    }
    if (o.objective === 'hint-relic') throw new UsageError('--objective hint-relic applies to --task clrs');
    const [{ openArrowInput }, { train, duration }] = await Promise.all([import('../io/arrow-input.js'), import('../stages/train.js')]);
    const input = await openArrowInput((inputArg as string | undefined) ?? '-');
    const evalInput = o.eval ? await openArrowInput(o.eval as string) : undefined;
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
      init: o.init,
      labelsFraction: o.labelsFraction,
      labelsSeed: o.labelsSeed,
      temperature: o.temperature,
      likelihoodWeight: o.likelihoodWeight,
      invarianceWeight: o.invarianceWeight,
      semanticWeight: o.semanticWeight,
      emaDecay: o.emaDecay,
      projection: o.projection,
      projectorHidden: o.projectorHidden,
      largeViews: o.largeViews,
      smallViews: o.smallViews,
      maskProb: o.maskProb,
      flip: o.flip === false ? false : undefined,
      queueSize: o.queueSize,
      labelledShare: o.labelledShare,
    } as Parameters<typeof train>[0]['flags'];
    const { card } = await ctx.withProgress('train', (p) => train({ input, evalInput, dir, resume: Boolean(o.resume), flags, run: runFlags(o), ...p }));
    const acc = card.metrics.eval ? `, eval accuracy ${Number(card.metrics.eval.accuracy).toFixed(4)}` : '';
    ctx.log(`train: ${card.training.stepsTaken} steps in ${duration(card.metrics.seconds)}${acc}; model in ${dir}`);
  },
};

async function trainClrsCommand(inputArg: string | undefined, o: Record<string, unknown>, dir: string, ctx: CommandContext): Promise<void> {
  for (const flag of IMAGE_ONLY) {
    if (o[flag] !== undefined) throw new UsageError(`--${kebab(flag)} does not apply to --task clrs${flag === 'hidden' ? ' (its hidden size is --clrs-hidden)' : ''}`);
  }
  if (o.objective !== undefined && !(CLRS_OBJECTIVES as readonly unknown[]).includes(o.objective)) {
    throw new UsageError(`--objective ${String(o.objective)} does not apply to --task clrs (${CLRS_OBJECTIVES.join(' or ')})`);
  }
  const relic = o.objective === 'hint-relic';
  for (const flag of ['hintRelicWeight', 'maxExtra', 'invarianceWeight', 'temperature']) {
    if (!relic && o[flag] !== undefined) throw new UsageError(`--${kebab(flag)} applies to --task clrs with --objective hint-relic`);
  }
  const [{ openArrowInput }, { trainClrs }, { duration }] = await Promise.all([
    import('../io/arrow-input.js'),
    import('../stages/train-clrs.js'),
    import('../stages/train.js'),
  ]);
  const input = inputArg === undefined ? null : await openArrowInput(inputArg);
  const card = await ctx.withProgress('train', (p) =>
    trainClrs({
      input,
      dir,
      resume: Boolean(o.resume),
      flags: {
        algorithm: o.algorithm as string | undefined,
        processor: o.processor as 'triplet_gmpnn' | 'mpnn' | undefined,
        hidden: o.clrsHidden as number | undefined,
        teacherForcing: o.teacherForcing as number | undefined,
        ...scheduleFlags(o),
        objective: o.objective as 'supervised' | 'hint-relic' | undefined,
        hintRelic: relic
          ? {
              weight: o.hintRelicWeight as number | undefined,
              invarianceWeight: o.invarianceWeight as number | undefined,
              temperature: o.temperature as number | undefined,
              maxExtra: o.maxExtra as number | undefined,
            }
          : undefined,
      },
      run: { device: o.device as 'cpu', threads: o.threads as number | undefined, checkpointEvery: o.checkpointEvery as number | undefined },
      ...p,
    }),
  );
  ctx.log(`train: ${card.training.batches} batches (${card.training.updates} updates) of ${card.algorithm} in ${duration(card.metrics.seconds)}; model in ${dir}`);
}

async function trainVqCommand(inputArg: string | undefined, o: Record<string, unknown>, dir: string, ctx: CommandContext): Promise<void> {
  for (const flag of NOT_VQ) {
    if (o[flag] !== undefined) throw new UsageError(`--${kebab(flag)} does not apply to --task vq${flag === 'widths' ? ' (its channels are --vq-widths)' : ''}`);
  }
  if (o.flip === false) throw new UsageError('--no-flip does not apply to --task vq');
  const [{ openArrowInput }, { trainVq }, { duration }] = await Promise.all([
    import('../io/arrow-input.js'),
    import('../stages/train-vq.js'),
    import('../stages/train.js'),
  ]);
  const input = await openArrowInput(inputArg ?? '-');
  const evalInput = o.eval ? await openArrowInput(o.eval as string) : undefined;
  const card = await ctx.withProgress('train', (p) =>
    trainVq({
      input,
      evalInput,
      dir,
      resume: Boolean(o.resume),
      flags: {
        widths: o.vqWidths as [number, number] | undefined,
        codeDim: o.codeDim as number | undefined,
        codebookSize: o.codebookSize as number | undefined,
        commitment: o.commitment as number | undefined,
        emaDecay: o.emaDecay as number | undefined,
        restartThreshold: o.restartThreshold as number | undefined,
        ...scheduleFlags(o),
      },
      run: runFlags(o),
      ...p,
    }),
  );
  const m = card.metrics;
  const held = m.eval ? `, eval mse ${m.eval.mse.toFixed(4)}` : '';
  ctx.log(
    `train: ${card.training.stepsTaken} steps in ${duration(m.seconds)}; reconstruction mse ${m.train_set.mse.toFixed(4)}${held}; ` +
      `${m.train_set.codes_used}/${card.architecture.codebookSize} codes used, perplexity ${m.train_set.perplexity.toFixed(1)}; model in ${dir}`,
  );
}

async function trainT2iCommand(inputArg: string | undefined, o: Record<string, unknown>, dir: string, ctx: CommandContext): Promise<void> {
  for (const flag of [...NOT_VQ.filter((f) => f !== 'dropout'), 'emaDecay'] as const) {
    if (o[flag] !== undefined) throw new UsageError(`--${kebab(flag)} does not apply to --task t2i`);
  }
  if (o.flip === false) throw new UsageError('--no-flip does not apply to --task t2i');
  const [{ openArrowInput }, { trainT2i }, { duration }] = await Promise.all([
    import('../io/arrow-input.js'),
    import('../stages/train-t2i.js'),
    import('../stages/train.js'),
  ]);
  const input = await openArrowInput(inputArg ?? '-');
  const evalInput = o.eval ? await openArrowInput(o.eval as string) : undefined;
  const card = await ctx.withProgress('train', (p) =>
    trainT2i({
      input,
      evalInput,
      dir,
      resume: Boolean(o.resume),
      flags: {
        dModel: o.dModel as number | undefined,
        heads: o.heads as number | undefined,
        layers: o.layers as number | undefined,
        captionLayers: o.captionLayers as number | undefined,
        dropout: o.dropout as number | undefined,
        maxLength: o.maxLength as number | undefined,
        condDrop: o.condDrop as number | undefined,
        ...scheduleFlags(o),
      },
      run: runFlags(o),
      ...p,
    }),
  );
  const m = card.metrics;
  const held = m.eval ? `; held out ${m.eval.loss.toFixed(4)}, ${m.eval.accuracy.toFixed(3)}` : '';
  ctx.log(
    `train: ${card.training.stepsTaken} steps in ${duration(m.seconds)}; masked-token loss ${m.train.loss.toFixed(4)}, accuracy ${m.train.accuracy.toFixed(3)}${held}; ` +
      `${card.architecture.parameters} parameters; model in ${dir}`,
  );
}

/** Where and how often the image, VQ and t2i trainers run, evaluate and checkpoint. */
function runFlags(o: Record<string, unknown>) {
  return {
    device: o.device as 'cpu',
    threads: o.threads as number | undefined,
    evalEvery: o.evalEvery as number | undefined,
    checkpointEvery: o.checkpointEvery as number | undefined,
  };
}

/** The optimisation and batching flags that the CLRS, VQ and t2i trainers take alike. */
function scheduleFlags(o: Record<string, unknown>) {
  return {
    lr: o.lr as number | undefined,
    weightDecay: o.weightDecay as number | undefined,
    schedule: o.schedule as 'cosine' | 'constant' | undefined,
    warmup: o.warmup as number | undefined,
    batchSize: o.batchSize as number | undefined,
    epochs: o.epochs as number | undefined,
    steps: o.steps as number | undefined,
    seed: o.seed as number | undefined,
  };
}
