/**
 * MaskGIT decoding (Chang et al. 2022) over any scorer of token grids: start with every position masked; at each
 * step sample a code for every masked position from the guided, tempered logits, then keep the most confident of
 * the new codes, as many as the cosine schedule reveals (src/t2i/masking.ts), and mask the rest again. Confidence
 * is the sampled code's log-probability plus Gumbel noise whose scale anneals from the choice temperature to 0.
 *
 * Each row draws from its own generator, in a fixed order (position by position, two uniforms each, at every step
 * that reveals tokens), so a row's result depends on its caption, its generator and the scorer only: not on which
 * other rows share the batch.
 */
import { UsageError } from '../common/errors.js';
import type { Rng } from '../common/random.js';
import { unmaskSchedule } from './masking.js';

export interface Decoding {
  /** Decoding steps (model runs). */
  steps: number;
  /** Sampling temperature; 0 takes the most likely code. */
  temperature: number;
  /**
   * Initial scale of the confidence noise, annealed to 0 over the steps (MaskGIT's "choice temperature"): larger
   * values reveal positions in a more random order. Absent: the sampling temperature, one knob for both.
   */
  choiceTemperature?: number;
  /** Classifier-free guidance scale g: logits = uncond + g (cond - uncond); 1 is the conditional model alone. */
  guidance: number;
}

/** The confidence noise's initial scale: the choice temperature when given, else the sampling temperature. */
export const choiceTemperatureOf = (o: Decoding): number => o.choiceTemperature ?? o.temperature;

/** 8 steps (the method note's), temperature 1 with the confidence noise annealed to 0, guidance 2; docs/t2i.md. */
export const DECODING_DEFAULTS: Decoding = { steps: 8, temperature: 1, guidance: 2 };

/**
 * Logits [rows, n, K] for `rows` token grids [rows, n] (masked positions hold K), with the caption (`cond`) and,
 * when asked for, with the dropped caption (`uncond`).
 */
export type TokenScorer = (tokens: Int32Array, rows: number, unconditional: boolean) => Promise<{ cond: Float32Array; uncond: Float32Array | null }>;

function checkDecoding(o: Decoding): void {
  if (!(Number.isInteger(o.steps) && o.steps >= 1)) throw new UsageError(`generator: steps must be a positive integer, got ${o.steps}`);
  if (!(o.temperature >= 0 && Number.isFinite(o.temperature))) throw new UsageError(`generator: temperature must be >= 0, got ${o.temperature}`);
  const choice = o.choiceTemperature;
  if (choice !== undefined && !(choice >= 0 && Number.isFinite(choice))) throw new UsageError(`generator: choice temperature must be >= 0, got ${choice}`);
  if (!(o.guidance >= 0 && Number.isFinite(o.guidance))) throw new UsageError(`generator: guidance must be >= 0, got ${o.guidance}`);
}

/** Classifier-free guidance of K logits: uncond + g (cond - uncond); exactly the conditional logits at g = 1. */
export function guide(cond: Float32Array, uncond: Float32Array | null, g: number, at: number, K: number, out: Float64Array): void {
  for (let k = 0; k < K; k++) {
    const c = cond[at + k];
    out[k] = g === 1 || !uncond ? c : uncond[at + k] + g * (c - uncond[at + k]);
  }
}

/** Decodes rngs.length grids of n positions over K codes. Returns the codes [rows, n], row-major. */
export async function decodeMaskGit(rngs: readonly Rng[], n: number, K: number, score: TokenScorer, o: Decoding): Promise<Int32Array> {
  checkDecoding(o);
  const rows = rngs.length;
  const tokens = new Int32Array(rows * n).fill(K);
  const schedule = unmaskSchedule(o.steps, n);
  const logits = new Float64Array(K);
  const exps = new Float64Array(K);
  const sampled = new Int32Array(n);
  const confidence = new Float64Array(n);
  let masked = n;
  for (let s = 0; s < o.steps && rows > 0; s++) {
    const target = schedule[s];
    if (target === masked) continue;
    const { cond, uncond } = await score(tokens, rows, o.guidance !== 1);
    const noise = choiceTemperatureOf(o) * (1 - (s + 1) / o.steps);
    for (let i = 0; i < rows; i++) {
      const rng = rngs[i];
      const open: number[] = [];
      for (let p = 0; p < n; p++) {
        if (tokens[i * n + p] !== K) continue;
        guide(cond, uncond, o.guidance, (i * n + p) * K, K, logits);
        const { code, logp } = draw(logits, o.temperature, rng.uniform(), exps);
        sampled[p] = code;
        confidence[p] = logp + noise * gumbel(rng.uniform());
        open.push(p);
      }
      // the most confident first; ties to the lower position
      open.sort((a, b) => confidence[b] - confidence[a] || a - b);
      for (let k = 0; k < masked - target; k++) tokens[i * n + open[k]] = sampled[open[k]];
    }
    masked = target;
  }
  return tokens;
}

/**
 * A code from softmax(logits / t) by inverse CDF at u (the arg-max when t = 0, the lower code at ties) and its log
 * probability under that softmax (at t = 0, under the untempered one). `exps` is scratch space of K values.
 */
function draw(logits: Float64Array, t: number, u: number, exps: Float64Array): { code: number; logp: number } {
  const inv = t === 0 ? 1 : 1 / t;
  let best = 0;
  for (let k = 1; k < logits.length; k++) if (logits[k] > logits[best]) best = k;
  const max = logits[best] * inv;
  let z = 0;
  for (let k = 0; k < logits.length; k++) z += exps[k] = Math.exp(logits[k] * inv - max);
  let code = best;
  if (t > 0) {
    let acc = 0;
    const target = u * z;
    for (let k = 0; k < logits.length; k++) {
      acc += exps[k];
      if (target < acc) {
        code = k;
        break;
      }
    }
  }
  return { code, logp: logits[code] * inv - max - Math.log(z) };
}

/** A standard Gumbel draw from a uniform in [0, 1). */
const gumbel = (u: number): number => -Math.log(-Math.log(Math.max(u, Number.MIN_VALUE)));
