// The completion benchmark's model server: `POST /v1/completions` streamed as OpenAI's text_completion SSE after a
// fixed service time, one token every `tokenMs`, and per request a report of what it did: which TCP connection it
// came on, when its last request byte arrived and its last reply byte left (process.hrtime: CLOCK_MONOTONIC, the same
// clock in every process of this machine), and how many tokens it wrote before the reply ended or the client left.
// The fill is a fixed text, or the "oracle": the text the typing script will type next after the prompt's prefix.
import type * as http from 'node:http';
import type * as net from 'node:net';

export interface ServeConfig {
  /** Before the first token (prompt processing, queueing). */
  serviceMs: number;
  /** Between two tokens; 0 = every token in one write. */
  tokenMs: number;
  /** 'oracle': what `finalText` has after the prefix (the rest of this line and the next). Else this text. */
  fill: string;
  finalText?: string;
  /** Cut the fill at the request's `stop` sequences, as a real server does (false: the client must stop reading). */
  honourStop: boolean;
}

export interface RequestReport {
  /** The x-bench-seq header (the client's fetch wrapper sets it), else -1. */
  seq: number;
  strategy: string;
  /** Which TCP connection (1, 2, …, in the order the server accepted them). */
  socket: number;
  /** The first request on its connection. */
  firstOnSocket: boolean;
  /** µs on the monotonic clock: the request body was all in. */
  arrivedUs: number;
  /** µs: the last byte of the reply was handed to the socket (complete replies only). */
  lastByteUs?: number;
  /** Tokens written before the reply ended or the client left. */
  tokens: number;
  /** Tokens the reply would have had. */
  planned: number;
  outcome: 'complete' | 'aborted';
}

export const nowUs = (): number => Number(process.hrtime.bigint() / 1000n);

/** One token ≈ up to 4 characters of a word, or a run of white space. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const word of text.match(/\s+|\w+|[^\w\s]+/g) ?? []) {
    for (let i = 0; i < word.length; i += 4) out.push(word.slice(i, i + 4));
  }
  return out;
}

/** The text after `prefix` in `finalText`: the rest of the cursor's line and the next line (a typical multi-line fill). */
export function oracleFill(prefix: string, finalText: string): string {
  const tail = prefix.slice(-200);
  const at = finalText.lastIndexOf(tail);
  if (!tail || at < 0) return '';
  return finalText.slice(at + tail.length).split('\n').slice(0, 2).join('\n');
}

/** The FIM prefix of a Qwen-style prompt (what renderFim writes between <|fim_prefix|> and <|fim_suffix|>). */
function promptPrefix(prompt: string): string {
  const start = prompt.lastIndexOf('<|fim_prefix|>');
  const end = prompt.lastIndexOf('<|fim_suffix|>');
  return start >= 0 && end > start ? prompt.slice(start + '<|fim_prefix|>'.length, end) : prompt;
}

const frame = (text: string, finish: string | null): string =>
  `data: ${JSON.stringify({ id: 'cmpl-bench', object: 'text_completion', created: 1700000000, model: 'bench', choices: [{ text, index: 0, logprobs: null, finish_reason: finish }] })}\n\n`;

/** Numbers each accepted connection ('connection' for TCP; a TLS server's requests come on the 'secureConnection' socket). */
export function trackConnections(server: net.Server, tls: boolean): { ids: WeakMap<object, number>; count: () => number } {
  const ids = new WeakMap<object, number>();
  let opened = 0;
  server.on(tls ? 'secureConnection' : 'connection', (socket: net.Socket) => ids.set(socket, ++opened));
  return { ids, count: () => opened };
}

/** The request handler: `config()` is read per request, `report` is told when each reply ends or is abandoned. */
export function completionHandler(
  config: () => ServeConfig,
  connections: { ids: WeakMap<object, number> },
  report: (r: RequestReport) => void,
): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  const served = new WeakSet<object>();
  return (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const arrivedUs = nowUs();
      if (req.method !== 'POST' || !req.url?.endsWith('/v1/completions')) {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not found"}}');
        return;
      }
      const socket = connections.ids.get(req.socket) ?? 0;
      const firstOnSocket = !served.has(req.socket);
      served.add(req.socket);
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { prompt?: string; stop?: string[]; max_tokens?: number };
      const cfg = config();
      let text = cfg.fill === 'oracle' ? oracleFill(promptPrefix(body.prompt ?? ''), cfg.finalText ?? '') : cfg.fill;
      if (cfg.honourStop) {
        for (const stop of body.stop ?? []) if (text.includes(stop)) text = text.slice(0, text.indexOf(stop));
      }
      const tokens = tokenize(text).slice(0, body.max_tokens ?? 128);
      const r: RequestReport = {
        seq: Number(req.headers['x-bench-seq'] ?? -1),
        strategy: String(req.headers['x-bench-strategy'] ?? ''),
        socket,
        firstOnSocket,
        arrivedUs,
        tokens: 0,
        planned: tokens.length,
        outcome: 'aborted',
      };
      let timer: NodeJS.Timeout | undefined;
      let ended = false;
      res.on('close', () => {
        clearTimeout(timer);
        if (!ended) report(r); // the client left before the end
      });
      const finish = (frames: string): void => {
        ended = true;
        res.end(`${frames}${frame('', 'stop')}data: [DONE]\n\n`);
        r.lastByteUs = nowUs();
        r.outcome = 'complete';
        report(r);
      };
      const next = (): void => {
        if (res.destroyed) return;
        if (r.tokens === tokens.length) return finish('');
        res.write(frame(tokens[r.tokens]!, null));
        r.tokens++;
        timer = setTimeout(next, cfg.tokenMs);
      };
      timer = setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        if (cfg.tokenMs > 0) return next();
        // All at once: the reply's bytes in one write, so its last byte leaves at one known moment.
        r.tokens = tokens.length;
        finish(tokens.map((t) => frame(t, null)).join(''));
      }, cfg.serviceMs);
    });
  };
}
