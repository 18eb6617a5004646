import { setTimeout as sleep } from 'node:timers/promises';
import { DataError } from '../common/errors.js';
import { Rng, rngFor } from '../common/random.js';
import type { BackendCounters, CaptionBackend, CaptionRequest, CaptionResult } from './backend.js';
import { captionFromReply } from './postprocess.js';
import { chatMessages } from './prompt.js';
import { RateLimiter } from './rate-limit.js';

export interface HttpBackendOptions {
  /** The API base, e.g. http://localhost:8080/v1; requests go to `${url}/chat/completions`. */
  readonly url: string;
  readonly model: string;
  /** Sent as `Authorization: Bearer <key>`; no header without one (local servers). */
  readonly apiKey?: string;
  readonly temperature: number;
  readonly maxTokens: number;
  readonly timeoutMs: number;
  /** Retries per request after the first try, on transient failures only. */
  readonly retries: number;
  /** The first retry waits about this long; each further one twice as long, up to `maxBackoffMs`. */
  readonly backoffMs: number;
  readonly maxBackoffMs: number;
  /** Request starts per second, all workers together; unlimited when absent. */
  readonly rateLimit?: number;
  readonly seed: number;
  /** Replaces the user turn of the prompt; `{concept}` marks the concept. */
  readonly prompt?: string;
}

const RETRY_REASONS = ['timeout', 'network', 'rate_limited', 'server_error', 'malformed'] as const;
type RetryReason = (typeof RETRY_REASONS)[number];

/** A failure worth another try: the server or the network may do better in a moment. */
class Transient extends Error {
  constructor(
    readonly reason: RetryReason,
    message: string,
    readonly waitMs?: number,
  ) {
    super(message);
  }
}

/**
 * A client of the OpenAI chat-completions protocol, which llama.cpp's server, Ollama, vLLM and hosted APIs speak.
 * Timeouts, network errors, 429 (after its Retry-After), 5xx and replies without a usable message are retried with
 * exponential backoff and jitter; any other HTTP error (401, 404, ...) is a setup mistake and ends the run at once.
 */
export class HttpCaptionBackend implements CaptionBackend {
  readonly endpoint: string;
  private requests = 0;
  private readonly retried = Object.fromEntries(RETRY_REASONS.map((r) => [r, 0])) as Record<RetryReason, number>;
  /** Jitter only spreads retries in time; it never changes a caption, but it is still seeded (no Math.random). */
  private readonly jitter: Rng;
  private readonly limiter: RateLimiter | null;

  constructor(private readonly o: HttpBackendOptions) {
    this.endpoint = `${o.url.replace(/\/+$/, '')}/chat/completions`;
    this.jitter = rngFor(o.seed, 'http jitter');
    this.limiter = o.rateLimit ? new RateLimiter(o.rateLimit) : null;
  }

  counters(): BackendCounters {
    return { requests: this.requests, retries: { ...this.retried } };
  }

  async caption(req: CaptionRequest): Promise<CaptionResult> {
    const body = JSON.stringify({
      model: this.o.model,
      messages: chatMessages(req.concept, this.o.prompt),
      temperature: this.o.temperature,
      max_tokens: this.o.maxTokens,
      // servers that honour a seed (llama.cpp, vLLM, Ollama, OpenAI) then answer a rerun the same way
      seed: rngFor(this.o.seed, `request ${req.index} ${req.attempt}`).nextUint32() >>> 1,
      n: 1,
    });
    for (let retry = 0; ; retry++) {
      if (this.limiter) await this.limiter.take(req.signal);
      try {
        return { caption: captionFromReply(await this.post(body, req.signal)) };
      } catch (err) {
        if (!(err instanceof Transient) || req.signal.aborted) throw err;
        if (retry >= this.o.retries) {
          throw new DataError(`${this.endpoint}: gave up on row ${req.index} after ${retry} retries (last: ${err.message})`);
        }
        this.retried[err.reason]++;
        await sleep(err.waitMs ?? this.backoff(retry), undefined, { signal: req.signal });
      }
    }
  }

  /** Equal jitter: half the exponential delay fixed, half random, so that workers hit by one outage spread out. */
  private backoff(retry: number): number {
    const full = Math.min(this.o.maxBackoffMs, this.o.backoffMs * 2 ** retry);
    return full / 2 + (full / 2) * this.jitter.uniform();
  }

  /** One request: the reply's message text, or a Transient / DataError. */
  private async post(body: string, stop: AbortSignal): Promise<string> {
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), this.o.timeoutMs);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.o.apiKey) headers.authorization = `Bearer ${this.o.apiKey}`;
    this.requests++;
    try {
      let status: number;
      let retryAfter: string | null;
      let text: string;
      try {
        const res = await fetch(this.endpoint, { method: 'POST', headers, body, signal: AbortSignal.any([stop, timeout.signal]) });
        status = res.status;
        retryAfter = res.headers.get('retry-after');
        text = await res.text();
      } catch (err) {
        if (stop.aborted) throw err;
        if (timeout.signal.aborted) throw new Transient('timeout', `no reply within ${this.o.timeoutMs / 1000} s`);
        throw new Transient('network', `network error (${networkCause(err)})`);
      }
      if (status === 429) throw new Transient('rate_limited', 'HTTP 429', retryAfterMs(retryAfter));
      if (status >= 500) throw new Transient('server_error', `HTTP ${status}`);
      if (status < 200 || status > 299) {
        const hint = status === 401 || status === 403 ? ' (is the API key set? see --api-key-env)' : '';
        throw new DataError(`${this.endpoint}: HTTP ${status}${hint}: ${text.replace(/\s+/g, ' ').slice(0, 200)}`);
      }
      return messageText(text);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** `choices[0].message.content` of a chat-completions reply. */
function messageText(text: string): string {
  let reply: unknown;
  try {
    reply = JSON.parse(text);
  } catch {
    throw new Transient('malformed', 'reply is not JSON');
  }
  const content = (reply as { choices?: { message?: { content?: unknown } }[] })?.choices?.[0]?.message?.content;
  if (typeof content !== 'string') throw new Transient('malformed', 'reply has no choices[0].message.content');
  return content;
}

/** Retry-After as delay-seconds or an HTTP date; undefined (use the backoff) when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function networkCause(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
}
