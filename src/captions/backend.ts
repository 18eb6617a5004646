/**
 * What generates one caption for a concept. Two implementations: the offline stand-in for a language model
 * (offline.ts, the scene world's grammar) and an OpenAI-compatible chat-completions client (http.ts).
 */
import type { Scene } from '../scenes/index.js';

export interface CaptionRequest {
  readonly concept: string;
  /** The row being generated (0-based). */
  readonly index: number;
  /** 0 for the first try; a rejected caption (duplicate, empty, too long) is asked for again with attempt + 1. */
  readonly attempt: number;
  /** Aborted when the run stops (another row failed for good); a backend gives up promptly. */
  readonly signal: AbortSignal;
}

export interface CaptionResult {
  /** The raw caption; the generator normalises and checks it. */
  readonly caption: string;
  /** The scene the caption describes, when the backend knows one (offline); it fills the attribute columns. */
  readonly scene?: Scene;
}

/** Requests made and transport retries by reason (timeout, network, rate_limited, server_error, malformed). */
export interface BackendCounters {
  readonly requests: number;
  readonly retries: Readonly<Record<string, number>>;
}

export interface CaptionBackend {
  /** Same (concept, index, attempt) gives the same caption where the backend can promise it (offline: always). */
  caption(request: CaptionRequest): Promise<CaptionResult>;
  counters(): BackendCounters;
}
