import { type IncomingHttpHeaders, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the fake server answers one request. */
export type Fault = 'ok' | '429' | 'hang' | 'malformed' | 'missing' | '500' | '401';

export interface RecordedRequest {
  readonly at: number;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: { model: string; messages: { role: string; content: string }[]; temperature: number; max_tokens: number; seed: number };
  readonly fault: Fault;
}

export interface ChatServer {
  /** The API base to pass as --llm (ends in /v1). */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Faults for the next requests, in order; then `fallback`. */
  script: Fault[];
  fallback: Fault;
  close(): Promise<void>;
}

/** The concept a request asks about: the whole user turn under `--prompt '{concept}'`, else the default prompt's "shows: X." */
export function conceptOf(body: RecordedRequest['body']): string {
  const user = body.messages.find((m) => m.role === 'user')?.content ?? '';
  return /shows: (.+?)\. /.exec(user)?.[1] ?? user;
}

/**
 * A local server speaking the OpenAI chat-completions protocol, with scripted faults: 429 with Retry-After, a
 * request that never gets an answer, replies that are not JSON or lack choices, 500s and 401s. A good reply is
 * "A photo of <concept>." (with punctuation and capitals, as a model writes), after `delayMs(n)` for request n.
 */
export async function startChatServer(o: { script?: Fault[]; fallback?: Fault; retryAfter?: string; delayMs?: (n: number) => number } = {}): Promise<ChatServer> {
  const requests: RecordedRequest[] = [];
  const hanging: ServerResponse[] = [];
  const state = { script: [...(o.script ?? [])], fallback: o.fallback ?? ('ok' as Fault) };
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      const n = requests.length;
      const fault = state.script.shift() ?? state.fallback;
      const body = JSON.parse(text) as RecordedRequest['body'];
      requests.push({ at: Date.now(), path: req.url ?? '', headers: req.headers, body, fault });
      const send = (status: number, payload: string, headers: Record<string, string> = {}): void => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(payload);
      };
      const answer = (): void => {
        switch (fault) {
          case 'hang':
            hanging.push(res);
            return;
          case '429':
            return send(429, '{"error":{"message":"rate limited"}}', { 'retry-after': o.retryAfter ?? '1' });
          case 'malformed':
            return send(200, '{"choices": [ {"message": ');
          case 'missing':
            return send(200, '{"choices": []}');
          case '500':
            return send(500, '{"error":"overloaded"}');
          case '401':
            return send(401, '{"error":{"message":"Incorrect API key provided"}}');
          case 'ok':
            return send(200, JSON.stringify({ id: `c${n}`, object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: `A photo of ${conceptOf(body)}.` }, finish_reason: 'stop' }] }));
        }
      };
      const delay = o.delayMs?.(n) ?? 0;
      if (delay > 0) setTimeout(answer, delay);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    get script() {
      return state.script;
    },
    set script(s: Fault[]) {
      state.script = s;
    },
    get fallback() {
      return state.fallback;
    },
    set fallback(f: Fault) {
      state.fallback = f;
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
