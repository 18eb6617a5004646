import type { CommandSpec } from '../cli/command.js';
import { DEVICE, OUTPUT, THREADS, integer } from '../cli/options.js';

export const captionCommand: CommandSpec = {
  name: 'caption',
  summary: 'caption image-token tables with a trained captioner (greedy or beam search), appending a caption column',
  details:
    'Runs the captioner in DIR (`causal train-vlm`) on every row of an image-token table (embedding with the\n' +
    'grid the model was trained on) and writes every input column through plus caption (Utf8; --column renames\n' +
    'it, replacing an input column of that name). --beam 1 decodes greedily; --beam K keeps the K most likely\n' +
    'partial captions by summed log-probability, a finished caption leaving the beam, and returns the one with\n' +
    'the highest mean log-probability per word (<eos> included), so short captions are not favoured. Captions\n' +
    'end at <eos> or after --max-length words. Rows are decoded --batch-size at a time.\n\n' +
    '--report FILE.html writes a page of the first --report-rows rows: the image (when the table has an image\n' +
    'column), the generated caption and the references (captions or caption columns). Score the captions with\n' +
    '`causal eval --metric cider,bleu,rouge`.',
  arguments: [{ name: 'input', description: 'image-token table as Arrow, or - for stdin', optional: true, default: '-' }],
  options: [
    { flags: '--model <dir>', description: 'the captioner model directory (required)' },
    { flags: '--beam <k>', description: 'beam width; 1 is greedy decoding', default: 1, parse: integer('--beam', 1, 64) },
    { flags: '--max-length <n>', description: "words per caption at most (default: the model's, also the most it allows)", parse: integer('--max-length', 1) },
    { flags: '--batch-size <n>', description: 'rows decoded together', default: 64, parse: integer('--batch-size', 1) },
    { flags: '--column <name>', description: 'name of the caption column to write', default: 'caption' },
    { flags: '--report <file>', description: 'write an HTML page of images, generated captions and references' },
    { flags: '--report-rows <n>', description: 'rows in the --report page', default: 24, parse: integer('--report-rows', 1) },
    DEVICE,
    THREADS,
    OUTPUT,
  ],
  examples: [
    'causal caption test-tokens.arrow --model captioner --beam 3 | causal eval --metric cider,bleu,rouge',
    'causal caption test-tokens.arrow --model captioner --report captions.html -o captioned.arrow',
  ],
  async run([inputArg], raw, ctx) {
    const o = raw as { model?: string; beam: number; maxLength?: number; batchSize: number; column: string; report?: string; reportRows: number; device: 'cpu'; threads?: number; output?: string };
    const { UsageError } = await import('../common/errors.js');
    if (!o.model) throw new UsageError('--model <dir> is required: the captioner model directory');
    const [{ openArrowInput }, { writeArrow }, { writeFileAtomic }, { caption }] = await Promise.all([
      import('../io/arrow-input.js'),
      import('../io/arrow-output.js'),
      import('../io/atomic-file.js'),
      import('../stages/caption.js'),
    ]);
    const out = await caption(await openArrowInput(inputArg as string), o.model, { device: o.device, threads: o.threads }, {
      beam: o.beam,
      maxLength: o.maxLength,
      batchSize: o.batchSize,
      column: o.column,
      report: o.report !== undefined,
      reportRows: o.reportRows,
      provenance: { stage: 'caption', params: { model: o.model, beam: o.beam, max_length: o.maxLength ?? null, column: o.column } },
    });
    await writeArrow(o.output, out.batches, out.schema);
    if (o.report) await writeFileAtomic(o.report, out.report!);
    const m = out.metrics;
    ctx.log(`caption: ${m.rows} rows (${m.beam === 1 ? 'greedy' : `beam ${m.beam}`}) in ${m.seconds.toFixed(1)} s, ${m.distinct_captions} distinct captions, ${m.mean_words.toFixed(1)} words on average`);
  },
};
