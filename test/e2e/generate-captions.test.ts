import { readFileSync } from 'node:fs';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterEach, describe, expect, it } from 'vitest';
import { type ChatServer, startChatServer } from '../captions/chat-server.js';
import { causal, pipeline, tempDir } from './helpers.js';

const CONCEPTS = 'red,blue square,left of,two objects';

let server: ChatServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

type Row = { id: string; caption: string; concept: string; shapes: unknown };
const rowsOf = (bytes: Uint8Array): Row[] => tableFromIPC(bytes).toArray().map((r) => r.toJSON() as Row);

describe('causal generate-captions', () => {
  it('offline: streams a balanced, reproducible caption table into a pipe, statistics on stderr', async () => {
    const args = ['generate-captions', '--count', '40', '--seed', '2', '--concepts', CONCEPTS, '--flush-every', '16'];
    const a = await causal(args, { encoding: 'buffer' });
    expect(a.exitCode).toBe(0);
    const rows = rowsOf(a.stdout as Uint8Array);
    expect(rows).toHaveLength(40);
    expect(rows.map((r) => r.id)).toEqual(Array.from({ length: 40 }, (_, i) => `cap-${String(i).padStart(6, '0')}`));
    for (const c of CONCEPTS.split(',')) expect(rows.filter((r) => r.concept === c)).toHaveLength(10);
    expect(new Set(rows.map((r) => r.caption)).size).toBe(40);
    expect(rows.every((r) => /^[a-z]+( [a-z]+)*$/.test(r.caption) && r.shapes !== null)).toBe(true);
    const stderr = Buffer.from(a.stderr as Uint8Array).toString();
    expect(stderr).toMatch(/distinct captions\s+40/);
    expect(stderr).toMatch(/coverage: concepts prompted\s+1\b/);
    expect(stderr).toMatch(/concept balance \(entropy \/ log2 \|concepts\|\)\s+1\b/);

    const b = await causal(args, { encoding: 'buffer' });
    expect(Buffer.compare(Buffer.from(b.stdout as Uint8Array), Buffer.from(a.stdout as Uint8Array))).toBe(0);

    const early = await pipeline('causal generate-captions --count 20000 --flush-every 50 | head -c 100 > /dev/null');
    expect(early.exitCode).toBe(0);
  });

  it('http: retries a flaky server and writes every row in order, the key from --api-key-env', async () => {
    server = await startChatServer({ script: ['429', '500', 'malformed', 'hang'], retryAfter: '1' });
    const file = path.join(tempDir('gen-captions'), 'llm.arrow');
    const r = await causal(
      ['generate-captions', '--llm', server.url, '--model', 'tiny', '--concepts', CONCEPTS, '--count', '8', '--timeout', '0.3', '--backoff', '5', '--api-key-env', 'CAUSAL_TEST_KEY', '-o', file],
      { env: { CAUSAL_TEST_KEY: 'sk-e2e' } },
    );
    expect(r.exitCode, String(r.stderr)).toBe(0);
    const rows = rowsOf(readFileSync(file));
    expect(rows).toHaveLength(8);
    rows.forEach((row) => {
      expect(row.caption).toBe(`a photo of ${row.concept}`);
      expect(row.shapes).toBeNull();
    });
    expect(String(r.stderr)).toMatch(/retries\s+timeout 1, rate_limited 1, server_error 1, malformed 1/);
    expect(server.requests.every((q) => q.headers.authorization === 'Bearer sk-e2e')).toBe(true);
  });

  it('http: a run that runs out of retries keeps its rows, says so in one line, and --resume finishes it', async () => {
    server = await startChatServer({ script: ['ok', 'ok', 'ok'], fallback: '500' });
    const file = path.join(tempDir('gen-captions'), 'resume.arrow');
    const args = ['generate-captions', '--llm', server.url, '--model', 'tiny', '--concepts', CONCEPTS, '--count', '10', '--retries', '1', '--backoff', '1', '--concurrency', '1', '-o', file];
    const failed = await causal(args);
    expect(failed.exitCode).toBe(1);
    expect(String(failed.stderr).trim().split('\n')).toEqual([
      expect.stringMatching(/^causal: .*chat\/completions: gave up on row 3 after 1 retries \(last: HTTP 500\) \(3 rows kept in .*resume\.arrow; rerun the same command with --resume to continue\)$/),
    ]);
    const kept = rowsOf(readFileSync(file));
    expect(kept).toHaveLength(3);

    server.fallback = 'ok';
    const resumed = await causal([...args, '--resume']);
    expect(resumed.exitCode, String(resumed.stderr)).toBe(0);
    const rows = rowsOf(readFileSync(file));
    expect(rows).toHaveLength(10);
    expect(rows.slice(0, 3)).toEqual(kept);
    expect(String(resumed.stderr)).toMatch(/rows kept from the earlier run\s+3/);
  });

  it('a bad flag is a one-line usage error', async () => {
    for (const args of [['--balance', 'skewed'], ['--llm', 'http://localhost:1/v1'], ['--concepts', 'red,dog'], ['--resume']]) {
      const r = await causal(['generate-captions', ...args]);
      expect(r.exitCode, args.join(' ')).toBe(2);
      expect(String(r.stderr).trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
    const r = await causal(['generate-captions', '--balance', 'skewed']);
    expect(r.stderr).toMatch(/--balance must be one of uniform, zipf; got 'skewed'/);
  });
});
