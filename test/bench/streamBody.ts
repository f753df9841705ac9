// The long, realistic SSE body both clients consume in the benchmark (deterministic).
const WORDS = ['the', 'function', ' returns', 'a', 'value', ' — ', 'naïve', 'café', '東京', '🚀', 'const x = 1;', '\n', '```ts\n', 'interface', 'Ünïcödé', 'résumé'];

export interface BenchBody {
  text: string;
  chunks: number;
  textChars: number;
}

export function buildBenchBody(chunkCount: number): BenchBody {
  const model = 'bench/model';
  const frame = (delta: Record<string, unknown>, finish: string | null = null): string =>
    `data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1700000000, model, system_fingerprint: 'fp_bench', choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] })}\n\n`;
  const parts: string[] = [frame({ role: 'assistant', content: '' })];
  let textChars = 0;
  let seed = 42;
  const rand = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  for (let i = 1; i < chunkCount - 2; i++) {
    if (i % 200 === 0) parts.push(': keep-alive\n\n');
    const n = 1 + rand(4);
    let piece = '';
    for (let k = 0; k < n; k++) piece += WORDS[rand(WORDS.length)];
    if (i < chunkCount / 20) parts.push(frame({ reasoning_content: piece }));
    else {
      parts.push(frame({ content: piece }));
      textChars += piece.length;
    }
  }
  parts.push(frame({}, 'stop'));
  parts.push(`data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1700000000, model, choices: [], usage: { prompt_tokens: 100, completion_tokens: chunkCount, total_tokens: chunkCount + 100 } })}\n\n`);
  parts.push('data: [DONE]\n\n');
  return { text: parts.join(''), chunks: chunkCount, textChars };
}
