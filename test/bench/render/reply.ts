// A deterministic long markdown reply (≈20k tokens) with the mix a coding model produces, and its split into
// token-sized deltas the way a server streams it.

const TS_CODE = `export async function fetchWithRetry(url: string, attempts = 3): Promise<Response> {
  let lastError: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      const response = await fetch(url, { headers: { accept: 'application/json' } });
      if (response.status < 500) return response;
      lastError = new Error(\`HTTP \${response.status}\`);
    } catch (error) {
      lastError = error; // network error: retry after a short pause
    }
    await new Promise((resolve) => setTimeout(resolve, 2 ** i * 100));
  }
  throw lastError;
}`;

const PY_CODE = `from dataclasses import dataclass

@dataclass
class Point:
    x: float
    y: float

    def distance(self, other: "Point") -> float:
        return ((self.x - other.x) ** 2 + (self.y - other.y) ** 2) ** 0.5

print(Point(0, 0).distance(Point(3, 4)))  # 5.0`;

export function section(i: number): string {
  return `## ${i + 1}. Step ${i + 1}: refining the approach

To handle case ${i + 1} we look at **the input size**, the \`retry\` policy and the *expected latency*. The important part is that
each request is independent, so failures in one do not poison the others; see https://example.com/docs/${i} for details.

- Validate the input early and return a clear error
- Keep the hot path allocation-free
  - reuse buffers where possible
  - avoid \`JSON.parse\` on every chunk
- Measure before optimising: ${i % 3 === 0 ? 'profile the **whole** request' : 'look at the p99, not the mean'}

\`\`\`${i % 2 === 0 ? 'ts' : 'python'}
${i % 2 === 0 ? TS_CODE : PY_CODE}
\`\`\`

| Variant | Latency (ms) | Notes |
|---------|-------------:|-------|
| baseline | ${100 + i} | no retries |
| retry x3 | ${140 + i} | exponential backoff |

1. Run the tests
2. Compare the numbers
3. Ship it when they hold

> Note: the numbers above are illustrative for section ${i + 1}.

`;
}

/** Roughly `tokens` tokens of markdown (≈4 characters per token). */
export function longReply(tokens = 20_000): string {
  let text = '# Making the client robust\n\nHere is a step-by-step plan with code for each part.\n\n';
  for (let i = 0; text.length < tokens * 4; i++) text += section(i);
  return text + 'That covers everything. Let me know if you want the tests too.\n';
}

/** Splits text into pieces of 1–6 characters, like the token deltas of a streamed reply. */
export function toDeltas(text: string): string[] {
  const deltas: string[] = [];
  let seed = 42;
  for (let i = 0; i < text.length; ) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    const size = 1 + (seed % 6);
    deltas.push(text.slice(i, i + size));
    i += size;
  }
  return deltas;
}
