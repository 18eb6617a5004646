import { readFileSync } from 'node:fs';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterEach, describe, expect, it } from 'vitest';
import { conceptSchedule } from '../../src/captions/balance.js';
import { HttpCaptionBackend, type HttpBackendOptions, retryAfterMs } from '../../src/captions/http.js';
import { SYSTEM_PROMPT } from '../../src/captions/prompt.js';
import { RateLimiter } from '../../src/captions/rate-limit.js';
import { DataError, UsageError } from '../../src/common/errors.js';
import { type GenerateCaptionsOptions, generateCaptions } from '../../src/stages/generate-captions.js';
import { tempDir } from '../e2e/helpers.js';
import { type ChatServer, type Fault, conceptOf, startChatServer } from './chat-server.js';

const CONCEPTS = ['red circle', 'blue square', 'dog', 'left of', 'bicycle', 'two cats', 'tree', 'green bar', 'boat', 'kite', 'clock', 'cup'];

let server: ChatServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

function backendFor(s: ChatServer, o: Partial<HttpBackendOptions> = {}): HttpCaptionBackend {
  return new HttpCaptionBackend({
    url: s.url,
    model: 'test-model',
    temperature: 0.7,
    maxTokens: 64,
    timeoutMs: 5000,
    retries: 5,
    backoffMs: 5,
    maxBackoffMs: 50,
    seed: 3,
    ...o,
  });
}

function options(o: Partial<GenerateCaptionsOptions> = {}): GenerateCaptionsOptions {
  return {
    count: CONCEPTS.length,
    concepts: CONCEPTS,
    balance: 'uniform',
    zipfS: 1,
    seed: 3,
    dedup: true,
    maxAttempts: 5,
    maxWords: 20,
    concurrency: 4,
    flushEvery: 100,
    resume: false,
    generationParams: { backend: 'http', model: 'test-model' },
    runParams: {},
    ...o,
  };
}

function readRows(file: string): { id: string; caption: string; concept: string; shapes: unknown }[] {
  return tableFromIPC(readFileSync(file))
    .toArray()
    .map((r) => r.toJSON() as { id: string; caption: string; concept: string; shapes: unknown });
}

/** Row i must carry the concept the schedule gave it and the server's caption for that concept. */
function expectRowsInOrder(rows: ReturnType<typeof readRows>, from = 0): void {
  const schedule = conceptSchedule(CONCEPTS, { balance: 'uniform', zipfS: 1, seed: 3 });
  rows.slice(from).forEach((r, k) => {
    const i = from + k;
    expect(r.id).toBe(`cap-${String(i).padStart(6, '0')}`);
    expect(r.concept).toBe(schedule(i));
    expect(r.caption).toBe(`a photo of ${schedule(i)}`);
    expect(r.shapes).toBeNull();
  });
}

describe('HTTP backend against a local chat-completions server', () => {
  it('sends the documented request and keeps rows in order whatever order the replies come in', async () => {
    server = await startChatServer({ delayMs: (n) => [40, 5, 25, 0, 15, 30][n % 6] });
    const file = path.join(tempDir('captions-http'), 'ok.arrow');
    const metrics = await generateCaptions(backendFor(server, { apiKey: 'sk-test' }), options({ output: file }));
    const rows = readRows(file);
    expect(rows).toHaveLength(CONCEPTS.length);
    expectRowsInOrder(rows);
    expect(metrics.requests).toBe(CONCEPTS.length);
    expect(Object.values(metrics.retries).every((v) => v === 0)).toBe(true);
    const first = server.requests[0];
    expect(first.path).toBe('/v1/chat/completions');
    expect(first.headers.authorization).toBe('Bearer sk-test');
    expect(first.body).toMatchObject({ model: 'test-model', temperature: 0.7, max_tokens: 64 });
    expect(Number.isInteger(first.body.seed)).toBe(true);
    expect(first.body.messages[0]).toEqual({ role: 'system', content: SYSTEM_PROMPT });
    expect(first.body.messages[1].content).toContain(`"${conceptOf(first.body)}"`);
    expect(new Set(server.requests.map((r) => conceptOf(r.body)))).toEqual(new Set(CONCEPTS));
  });

  it('retries 429 (after Retry-After), a hung request, malformed replies and 500s without losing a row', async () => {
    const script: Fault[] = ['429', 'hang', 'malformed', 'missing', '500', '500'];
    server = await startChatServer({ script, retryAfter: '1' });
    const file = path.join(tempDir('captions-http'), 'faults.arrow');
    const metrics = await generateCaptions(backendFor(server, { timeoutMs: 300 }), options({ output: file, concurrency: 3 }));
    const rows = readRows(file);
    expect(rows).toHaveLength(CONCEPTS.length);
    expectRowsInOrder(rows);
    expect(metrics.retries).toEqual({ timeout: 1, network: 0, rate_limited: 1, server_error: 2, malformed: 2 });
    expect(metrics.requests).toBe(CONCEPTS.length + script.length);
    // the retry of the rate-limited request (same body, same seed) came at least Retry-After later
    const limited = server.requests.find((r) => r.fault === '429')!;
    const retry = server.requests.find((r) => r !== limited && r.body.seed === limited.body.seed)!;
    expect(retry.at - limited.at).toBeGreaterThanOrEqual(950);
    const hung = server.requests.find((r) => r.fault === 'hang')!;
    const again = server.requests.find((r) => r !== hung && r.body.seed === hung.body.seed)!;
    // The client's 300 ms timer starts when it sends; the server stamps a request when its body has arrived, which
    // on a loaded machine can lag by tens of milliseconds (271 ms seen once). An immediate retry would be ~1 ms.
    expect(again.at - hung.at).toBeGreaterThanOrEqual(150);
  });

  it('sends no Authorization header without a key, and stops at once on a 401', async () => {
    server = await startChatServer({ fallback: '401' });
    const backend = backendFor(server);
    const error = await generateCaptions(backend, options({ output: path.join(tempDir('captions-http'), 'denied.arrow'), concurrency: 1 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect((error as Error).message).toMatch(/chat\/completions: HTTP 401 \(is the API key set\? see --api-key-env\)/);
    expect((error as Error).message).not.toContain('\n');
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0].headers.authorization).toBeUndefined();
  });

  it('when retries run out after K rows, keeps the K rows in the file, and --resume completes it', async () => {
    const K = 4;
    server = await startChatServer({ script: Array(K).fill('ok'), fallback: '500' });
    const file = path.join(tempDir('captions-http'), 'resume.arrow');
    const o = options({ output: file, concurrency: 1 });
    const error = await generateCaptions(backendFor(server, { retries: 2 }), o).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect((error as Error).message).toMatch(
      new RegExp(`gave up on row ${K} after 2 retries \\(last: HTTP 500\\) \\(${K} rows kept in .*resume\\.arrow; rerun the same command with --resume to continue\\)$`),
    );
    const kept = readRows(file);
    expect(kept).toHaveLength(K);
    expectRowsInOrder(kept);

    server.fallback = 'ok';
    const metrics = await generateCaptions(backendFor(server, { retries: 2 }), { ...o, resume: true });
    const rows = readRows(file);
    expect(rows).toHaveLength(CONCEPTS.length);
    expect(rows.slice(0, K)).toEqual(kept);
    expectRowsInOrder(rows);
    expect(metrics.resumed_rows).toBe(K);
    expect(metrics.retries.server_error).toBe(2);
    expect(metrics.requests).toBe(K + 3 + (CONCEPTS.length - K));
    expect(metrics.concept_coverage_prompted).toBe(1);
  });

  it('with concurrency, a failure keeps an unbroken prefix of rows that --resume extends', async () => {
    server = await startChatServer({ script: Array(6).fill('ok'), fallback: '500' });
    const file = path.join(tempDir('captions-http'), 'prefix.arrow');
    const o = options({ output: file, concurrency: 4, flushEvery: 2 });
    await expect(generateCaptions(backendFor(server, { retries: 1 }), o)).rejects.toThrow(/rows kept in/);
    const kept = readRows(file);
    expect(kept.length).toBeGreaterThanOrEqual(2);
    expect(kept.length).toBeLessThanOrEqual(6);
    expectRowsInOrder(kept);
    server.fallback = 'ok';
    await generateCaptions(backendFor(server), { ...o, resume: true });
    expectRowsInOrder(readRows(file));
    expect(readRows(file)).toHaveLength(CONCEPTS.length);
  });

  it('refuses to resume a file generated with other settings', async () => {
    server = await startChatServer();
    const file = path.join(tempDir('captions-http'), 'other.arrow');
    await generateCaptions(backendFor(server), options({ output: file, count: 3 }));
    const other = options({ output: file, resume: true, generationParams: { backend: 'http', model: 'another-model' } });
    await expect(generateCaptions(backendFor(server), other)).rejects.toThrow(UsageError);
    await expect(generateCaptions(backendFor(server), other)).rejects.toThrow(/model = "test-model", this run has "another-model"/);
  });

  it('holds request starts to the rate limit', async () => {
    server = await startChatServer();
    const t0 = performance.now();
    await generateCaptions(backendFor(server, { rateLimit: 20 }), options({ output: path.join(tempDir('captions-http'), 'rate.arrow'), count: 8 }));
    // the 8th start is due 7 intervals of 50 ms after the first (timers may fire a few ms early)
    expect(performance.now() - t0).toBeGreaterThanOrEqual(7 * 50 - 5);
    expect(server.requests).toHaveLength(8);
  });
});

describe('RateLimiter', () => {
  it('lets concurrent callers through one interval apart', async () => {
    const limiter = new RateLimiter(25);
    const signal = new AbortController().signal;
    const t0 = performance.now();
    const times = await Promise.all(Array.from({ length: 6 }, () => limiter.take(signal).then(() => performance.now() - t0)));
    times.sort((a, b) => a - b);
    // caller k may start no earlier than k intervals of 40 ms (less a few ms: Node's timers may fire a little early)
    times.forEach((t, k) => expect(t).toBeGreaterThanOrEqual(40 * k - 5));
  });
});

describe('retryAfterMs', () => {
  it('reads delay-seconds and HTTP dates', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs('0.5')).toBe(500);
    const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:03 GMT', now)).toBe(3000);
    expect(retryAfterMs('Wed, 21 Oct 2015 07:27:00 GMT', now)).toBe(0);
    expect(retryAfterMs(null)).toBeUndefined();
    expect(retryAfterMs('soon')).toBeUndefined();
  });
});
