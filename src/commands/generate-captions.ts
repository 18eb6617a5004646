import type { CommandSpec, OptionSpec } from '../cli/command.js';
import { OUTPUT, SEED, choice, integer, real } from '../cli/options.js';
import { formatTable } from '../cli/table.js';
import { UsageError } from '../common/errors.js';
import type { CaptionBackend } from '../captions/backend.js';
import { BALANCES, type Balance } from '../captions/balance.js';
import type { GenerateCaptionsMetrics } from '../stages/generate-captions.js';

const BACKENDS = ['offline', 'http'] as const;

/** The caption flags as parsed (captionOptions); the LLM's model and temperature under their generate-captions names. */
export interface CaptionFlags {
  concepts?: string;
  balance: Balance;
  zipfS: number;
  dedup: boolean;
  maxAttempts: number;
  unique?: number;
  maxWords: number;
  backend?: (typeof BACKENDS)[number];
  heldout: boolean;
  llm?: string;
  model?: string;
  apiKeyEnv: string;
  temperature: number;
  maxTokens: number;
  prompt?: string;
  timeout: number;
  retries: number;
  backoff: number;
  rateLimit?: number;
  concurrency: number;
  seed: number;
}

interface GenerateCaptionsFlags extends CaptionFlags {
  count: number;
  flushEvery: number;
  resume?: boolean;
  json?: boolean;
  output?: string;
}

/**
 * The flags that decide how captions are made (concepts, balance, diversity, backend and its HTTP settings).
 * `causal synth` shares them with `llm` = 'llm-': there --model and --temperature belong to the image generator, so
 * the language model's are --llm-model and --llm-temperature.
 */
export function captionOptions(llm: '' | 'llm-'): OptionSpec[] {
  return [
    { flags: '--concepts <list|@file>', description: "concepts, comma-separated, or @FILE with one a line (default: the scene world's)" },
    { flags: '--balance <b>', description: 'uniform (every concept equally often) or zipf (concept r has weight 1/(r+1)^s, in list order)', default: 'uniform', parse: choice('--balance', BALANCES) },
    { flags: '--zipf-s <s>', description: 'the Zipf exponent for --balance zipf', default: 1, parse: real('--zipf-s', 0, 10) },
    { flags: '--no-dedup', description: 'keep duplicate captions instead of asking again' },
    { flags: '--max-attempts <n>', description: 'tries per row before giving up on a rejected caption (a duplicate is then kept)', default: 10, parse: integer('--max-attempts', 1) },
    { flags: '--unique <k>', description: 'low-diversity mode: generate only k distinct captions and repeat them in turn', parse: integer('--unique', 1) },
    { flags: '--max-words <n>', description: 'reject longer captions', default: 20, parse: integer('--max-words', 1) },
    { flags: '--backend <name>', description: 'offline (default) or http (needs --llm)', parse: choice('--backend', BACKENDS) },
    { flags: '--no-heldout', description: 'offline: never describe held-out (colour, shape) pairs; drops them from the default concepts' },
    { flags: '--llm <url>', description: 'OpenAI-compatible API base, e.g. http://localhost:8080/v1 (selects the http backend)' },
    { flags: `--${llm}model <name>`, description: 'http: the model name sent with each request' },
    { flags: '--api-key-env <var>', description: 'http: environment variable holding the API key (unset: no Authorization header)', default: 'OPENAI_API_KEY' },
    { flags: `--${llm}temperature <t>`, description: 'http: sampling temperature', default: 1, parse: real(`--${llm}temperature`, 0, 5) },
    { flags: '--timeout <s>', description: 'http: seconds to wait for one reply', default: 60, parse: real('--timeout', 0.001) },
    { flags: '--retries <n>', description: 'http: retries per request on timeouts, network errors, 429, 5xx, malformed replies', default: 5, parse: integer('--retries', 0) },
    { flags: '--rate-limit <r>', description: 'http: at most r requests per second (default unlimited)', parse: real('--rate-limit', 0.001) },
    { flags: '--concurrency <n>', description: 'requests in flight at once (output order stays by row)', default: 4, parse: integer('--concurrency', 1, 256) },
    { flags: '--max-tokens <n>', description: 'http: max_tokens per reply (raise for models that think aloud)', default: 64, parse: integer('--max-tokens', 1), advanced: true },
    { flags: '--prompt <template>', description: 'http: the user prompt, {concept} marking the concept', advanced: true },
    { flags: '--backoff <ms>', description: 'http: delay before the first retry; doubles each retry, up to 30 s', default: 500, parse: real('--backoff', 0), advanced: true },
  ];
}

export const generateCaptionsCommand: CommandSpec = {
  name: 'generate-captions',
  summary: 'synthesise captions from a concept list, offline or with a language model over HTTP',
  details:
    'Writes the caption table (id, caption, concept, and the scene attribute columns) for Synth²-style training:\n' +
    'each row prompts one concept from the list, chosen for balance (uniform: every concept count/|concepts| +- 1\n' +
    'times; zipf: skewed), and asks the backend for a caption containing it. Captions are lowercased, stripped of\n' +
    'punctuation, checked for length and (unless --no-dedup) for duplicates; rejected ones are asked for again.\n\n' +
    'Backends: offline (default) is a stand-in for a language model on the scene world: it draws a scene containing\n' +
    'the concept and phrases it with the scene grammar, filling the attribute columns. --llm URL --model NAME asks\n' +
    'an OpenAI-compatible chat-completions server (llama.cpp, Ollama, vLLM, hosted APIs) with retries, backoff and\n' +
    'a rate limit. With -o the file is rewritten every --flush-every rows; after a failure rerun with --resume.\n' +
    'Statistics (distinct n-grams, concept coverage and balance) go to stderr. See docs/generate-captions.md.',
  options: [
    { flags: '--count <n>', description: 'rows to generate (with --resume: in all, counting the kept rows)', default: 1000, parse: integer('--count', 1) },
    ...captionOptions(''),
    { flags: '--flush-every <n>', description: 'with -o: rewrite the file every n rows', default: 100, parse: integer('--flush-every', 1) },
    { flags: '--resume', description: 'keep the rows already in the -o file and continue to --count' },
    { flags: '--json', description: 'print the statistics as JSON on stdout (write the table with -o)' },
    SEED,
    OUTPUT,
  ],
  examples: [
    'causal generate-captions --count 5000 --seed 1 -o synthetic.arrow',
    'causal generate-captions --count 5000 --balance zipf --zipf-s 1.2 -o skewed.arrow',
    'causal generate-captions --count 5000 --unique 50 -o low-diversity.arrow',
    'causal generate-captions --count 20 --concepts "red circle,blue square,left of" --seed 3 > sample.arrow',
    'causal generate-captions --llm http://localhost:8080/v1 --model qwen2.5-1.5b-instruct --concepts @concepts.txt --count 2000 -o llm.arrow',
    'causal generate-captions --llm http://localhost:8080/v1 --model qwen2.5-1.5b-instruct --concepts @concepts.txt --count 2000 -o llm.arrow --resume',
  ],
  async run(_args, raw, ctx) {
    const o = raw as unknown as GenerateCaptionsFlags;
    if (o.json && !o.output) throw new UsageError('--json prints the statistics on stdout, so write the table with -o PATH');
    const { generateCaptions } = await import('../stages/generate-captions.js');
    const { backend, concepts, generationParams, runParams } = await captionSource(o, '');
    const metrics: GenerateCaptionsMetrics = await ctx.withProgress('generate-captions', (p) =>
      generateCaptions(backend, {
        count: o.count,
        concepts,
        balance: o.balance,
        zipfS: o.zipfS,
        seed: o.seed,
        dedup: o.dedup,
        maxAttempts: o.maxAttempts,
        unique: o.unique,
        maxWords: o.maxWords,
        concurrency: o.concurrency,
        output: o.output,
        flushEvery: o.flushEvery,
        resume: Boolean(o.resume),
        generationParams,
        runParams: { ...runParams, flush_every: o.flushEvery },
        onRow: (rows) => p.progress(`${rows}/${o.count} rows`),
      }),
    );
    if (o.json) process.stdout.write(`${JSON.stringify(metrics)}\n`);
    else ctx.log(describe(metrics));
  },
};

/** What a caption source needs, from its flags: the backend, the concept list, and the settings to record. */
export interface CaptionSource {
  readonly backend: CaptionBackend;
  readonly concepts: string[];
  /** What decides the captions (a resumed file must match them). */
  readonly generationParams: Record<string, unknown>;
  /** What only affects how the run goes. */
  readonly runParams: Record<string, unknown>;
}

/** The backend and concept list the caption flags ask for; one-line usage errors name the flags as `llm` prefixes them. */
export async function captionSource(o: CaptionFlags, llm: '' | 'llm-'): Promise<CaptionSource> {
  const backendName = o.backend ?? (o.llm ? 'http' : 'offline');
  if (backendName === 'http' && !o.llm) throw new UsageError('--backend http needs --llm URL (e.g. http://localhost:8080/v1)');
  if (backendName === 'offline' && o.llm) throw new UsageError('--llm selects the http backend; drop --backend offline');
  if (backendName === 'http' && !o.model) throw new UsageError(`--llm needs --${llm}model NAME (the model the server should use)`);

  const [{ readConceptList }, offline] = await Promise.all([import('../stages/generate-captions.js'), import('../captions/offline.js')]);
  const concepts = o.concepts === undefined ? offline.offlineConcepts(o.heldout) : await readConceptList(o.concepts);
  let backend: CaptionBackend;
  if (backendName === 'offline') {
    offline.checkOfflineConcepts(concepts, o.heldout, '--concepts');
    backend = new offline.OfflineCaptionBackend({ seed: o.seed, allowHeldout: o.heldout });
  } else {
    const { HttpCaptionBackend } = await import('../captions/http.js');
    backend = new HttpCaptionBackend({
      url: o.llm!,
      model: o.model!,
      apiKey: process.env[o.apiKeyEnv] || undefined,
      temperature: o.temperature,
      maxTokens: o.maxTokens,
      timeoutMs: o.timeout * 1000,
      retries: o.retries,
      backoffMs: o.backoff,
      maxBackoffMs: 30_000,
      rateLimit: o.rateLimit,
      seed: o.seed,
      prompt: o.prompt,
    });
  }
  const http = backendName === 'http';
  return {
    backend,
    concepts,
    generationParams: {
      backend: backendName,
      concepts,
      balance: o.balance,
      zipf_s: o.balance === 'zipf' ? o.zipfS : null,
      dedup: o.dedup,
      unique: o.unique ?? null,
      heldout: o.heldout,
      model: http ? o.model : null,
      temperature: http ? o.temperature : null,
      max_tokens: http ? o.maxTokens : null,
      prompt: http ? (o.prompt ?? null) : null,
    },
    runParams: {
      url: o.llm ?? null,
      max_attempts: o.maxAttempts,
      max_words: o.maxWords,
      concurrency: o.concurrency,
      timeout: http ? o.timeout : null,
      retries: http ? o.retries : null,
      rate_limit: o.rateLimit ?? null,
    },
  };
}

function describe(m: GenerateCaptionsMetrics): string {
  const counts = (r: Readonly<Record<string, number>>): string =>
    Object.entries(r)
      .filter(([, v]) => v > 0)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ') || 'none';
  const rows: (string | number)[][] = [['rows', m.rows]];
  if (m.resumed_rows) rows.push(['rows kept from the earlier run', m.resumed_rows]);
  rows.push(
    ['distinct captions', m.distinct_captions],
    ...m.distinct_ngrams.map((d, k): (string | number)[] => [`distinct ${k + 1}-grams (distinct-${k + 1})`, `${d} (${m.distinct_n[k].toFixed(4)})`]),
    ['vocabulary (words)', m.vocabulary],
    ['mean words per caption', m.mean_words],
    ['concepts in the list', m.concepts],
    ['coverage: concepts prompted', m.concept_coverage_prompted],
    ['coverage: concepts named in some caption', m.concept_coverage_mentioned],
    ['rows naming their concept', m.concept_mention_rate],
    ['concept entropy (bits)', m.concept_entropy_bits],
    ['concept balance (entropy / log2 |concepts|)', m.concept_balance],
    ['rejections', counts(m.rejections)],
    ['duplicates kept (attempts ran out)', m.duplicates_kept],
    ['requests', m.requests],
    ['retries', counts(m.retries)],
  );
  return formatTable(['generate-captions', 'value'], rows);
}
