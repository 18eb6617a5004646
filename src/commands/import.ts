import { promises as fs } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../common/errors.js';
import type { Provenance } from '../io/batch.js';
import { DATASETS } from '../io/datasets.js';
import { IMPORT_FORMATS, type ImportFormat, detectFormat } from '../io/formats/detect.js';
import type { CommandContext, CommandSpec } from '../cli/command.js';
import { OUTPUT, SEED, choice, integer } from '../cli/options.js';

interface ImportOptions {
  format?: ImportFormat;
  dir?: string;
  split: 'train' | 'test';
  meta?: string;
  shuffleOrientation?: boolean;
  seed: number;
  batchSize?: number;
  output?: string;
}

export const importCommand: CommandSpec = {
  name: 'import',
  summary: 'convert CSV/TSV tables and cause-effect pair files to Arrow',
  details:
    'Converts a text table or a cause-effect pair collection to an Arrow stream.\n\n' +
    'SOURCE is a file, a folder of pairNNNN.txt files, or the name of a bundled data set:\n' +
    Object.entries(DATASETS)
      .map(([name, d]) => `  ${name.padEnd(12)} ${d.description}`)
      .join('\n') +
    '\n  fashion-mnist the IDX files of Debian\'s dataset-fashion-mnist (--dir, --split): id, image, label\n' +
    '\nPairs become a table with pair_id, x, y (List<Float64>), weight and truth (x->y / y->x). Weights and truth\n' +
    'come from the benchmark\'s pairmeta.txt (--meta, or one found beside the source).',
  arguments: [{ name: 'source', description: 'file, folder, or bundled data set name' }],
  options: [
    { flags: '--format <format>', description: `input format (${IMPORT_FORMATS.join(', ')}); detected from content by default`, parse: choice('--format', IMPORT_FORMATS) },
    { flags: '--dir <folder>', description: 'fashion-mnist: folder of the IDX files (default /usr/share/datasets/fashion-mnist)' },
    { flags: '--split <split>', description: 'fashion-mnist: train (60000 images) or test (10000)', default: 'train', parse: choice('--split', ['train', 'test'] as const) },
    { flags: '--meta <file>', description: 'pairmeta.txt with truth and weights for pair formats' },
    { flags: '--shuffle-orientation', description: 'swap x and y of each pair at random (seeded by --seed and the pair id); truth follows' },
    SEED,
    { flags: '--batch-size <n>', description: 'rows per record batch (pairs: default 8; images: 1024; tables: 65536)', parse: integer('--batch-size', 1) },
    OUTPUT,
  ],
  examples: [
    'causal import tuebingen --shuffle-orientation --seed 1 | causal kcdc | causal eval',
    'causal import measurements.csv -o measurements.arrow',
    'causal import pairs/ --meta pairs/pairmeta.txt -o pairs.arrow',
    'causal import fashion-mnist --split test | causal eval --model fmnist-mlp',
  ],
  async run([sourceArg], raw, ctx) {
    const opts = raw as unknown as ImportOptions;
    if (sourceArg === 'fashion-mnist') return importImages(opts, ctx);
    if (opts.dir) throw new UsageError('--dir applies to fashion-mnist only');
    const named = DATASETS[sourceArg as string];
    const source = named ? named.source : (sourceArg as string);
    const format = opts.format ?? (await detectFormat(source));
    const [{ writeArrow }, { outputSchema, provenanceMetadata }, { PAIR_FIELDS }, { pairsToBatches }] = await Promise.all([
      import('../io/arrow-output.js'),
      import('../io/batch.js'),
      import('../io/pairs-table.js'),
      import('../stages/pairs-to-batches.js'),
    ]);
    const provenance: Provenance = {
      stage: 'import',
      seed: opts.seed,
      params: { source: named ? sourceArg : path.basename(source), format, shuffleOrientation: Boolean(opts.shuffleOrientation) },
    };
    if (format === 'csv' || format === 'tsv') {
      if (opts.shuffleOrientation) throw new UsageError('--shuffle-orientation applies to pair formats, not to tables');
      const { readCsvTable } = await import('../io/formats/csv-table.js');
      const batches = readCsvTable(source, { delimiter: format === 'tsv' ? '\t' : ',', batchRows: opts.batchSize ?? 65536 }, provenanceMetadata(provenance));
      // a table always yields at least one batch (the header alone gives an empty one), which carries the schema
      await writeArrow(opts.output, batches);
      return;
    }
    const metaFile = opts.meta ?? named?.meta ?? (await besideSource(source, format));
    const { readPairMeta } = await import('../io/formats/pairmeta.js');
    const meta = metaFile ? await readPairMeta(metaFile) : null;
    const pairs =
      format === 'tuebingen'
        ? (await import('../io/formats/tuebingen-csv.js')).readTuebingenCsv(source, meta)
        : (await import('../io/formats/pair-files.js')).readPairFolder(source, meta, (s) =>
            ctx.log(`import: skipped ${s.id}: ${s.reason}`),
          );
    let count = 0;
    const counted = (async function* () {
      for await (const p of pairs) {
        count++;
        yield p;
      }
    })();
    const batches = pairsToBatches(counted, {
      provenance,
      batchSize: opts.batchSize ?? 8,
      shuffleOrientation: Boolean(opts.shuffleOrientation),
      seed: opts.seed,
      source,
    });
    await writeArrow(opts.output, batches, outputSchema(PAIR_FIELDS, provenance));
    ctx.log(`import: ${count} pairs from ${named ? sourceArg : source}${meta ? ` (weights and truth from ${metaFile})` : ''}`);
  },
};

async function besideSource(source: string, format: ImportFormat): Promise<string | undefined> {
  const dir = format === 'pair-files' ? source : path.dirname(source);
  const candidate = path.join(dir, 'pairmeta.txt');
  return (await fs.stat(candidate).catch(() => null)) ? candidate : undefined;
}

async function importImages(opts: ImportOptions, ctx: CommandContext): Promise<void> {
  const [{ writeArrow }, { importFashionMnist, FASHION_MNIST_DIR }] = await Promise.all([
    import('../io/arrow-output.js'),
    import('../stages/import-fashion-mnist.js'),
  ]);
  const dir = opts.dir ?? FASHION_MNIST_DIR;
  const table = await importFashionMnist({
    dir,
    split: opts.split,
    batchSize: opts.batchSize ?? 1024,
    provenance: { stage: 'import', seed: opts.seed, params: { source: 'fashion-mnist', split: opts.split } },
  });
  await writeArrow(opts.output, table.batches, table.schema);
  ctx.log(`import: ${table.rows} fashion-mnist ${opts.split} images from ${dir}`);
}
