// Host messages that put the webview into a representative state for the screenshots.
import type { HostToWebview } from '../../../src/protocol';

export function screenshotState(): HostToWebview[] {
  const t = Date.parse('2026-01-05T10:00:00Z');
  return [
    {
      type: 'state',
      conversation: {
        id: 'c1',
        title: 'Debounce helper in TypeScript',
        messages: [
          {
            id: 'u1',
            role: 'user',
            content: 'Explain this function and suggest a better name.',
            status: 'done',
            createdAt: t,
            context: { fileName: 'src/util/timing.ts', languageId: 'typescript', startLine: 12, endLine: 28 },
          },
          {
            id: 'a1',
            role: 'assistant',
            content:
              '<think>The user wants an explanation. The function delays calls until input settles: that is a debounce.</think>\n\n' +
              'This is a **debounce**: it waits until calls stop for `wait` ms, then runs `fn` once with the last arguments.\n\n' +
              '- Each call clears the pending timer\n- Only the *last* call within the window runs\n\n' +
              '```ts\nexport function debounce<T extends unknown[]>(fn: (...args: T) => void, wait = 300) {\n  let timer: ReturnType<typeof setTimeout> | undefined;\n  return (...args: T) => {\n    clearTimeout(timer); // restart the window\n    timer = setTimeout(() => fn(...args), wait);\n  };\n}\n```\n\n' +
              'See [MDN on setTimeout](https://developer.mozilla.org/docs/Web/API/setTimeout).',
            status: 'done',
            createdAt: t + 1000,
            meta: { model: 'qwen/qwen3-coder', promptTokens: 412, completionTokens: 187, ttftMs: 420, tokensPerSecond: 61.3 },
          },
          { id: 'u2', role: 'user', content: 'Now write tests for it in Python, as a table of cases.', status: 'done', createdAt: t + 2000 },
          {
            id: 'a2',
            role: 'assistant',
            content: '| Case | Calls | Expected runs |\n|---|---:|---:|\n| burst | 5 | 1 |\n| spaced | 3 | 3 |\n\n```python\ndef test_burst(clock):\n    calls = []\n    f = debounce(calls.append, 100)\n    for i in range(5):\n        f(i)\n    clock.advance(100)\n    assert calls == [4]\n```\n\nThe second test',
            status: 'error',
            error: { kind: 'rate', message: 'The server is rate limiting requests (HTTP 429). Wait a moment, then retry.', actions: ['retry', 'switchProvider'] },
            createdAt: t + 3000,
          },
        ],
      },
      conversations: [
        { id: 'c1', title: 'Debounce helper in TypeScript', updatedAt: t + 3000, messageCount: 4 },
        { id: 'c0', title: 'Regex for ISO dates', updatedAt: t - 86_400_000, messageCount: 6 },
      ],
      target: { providerName: 'Prime Intellect', model: 'qwen/qwen3-coder', hasKey: true },
      draft: 'Can you also handle a leading-edge call?',
      busy: false,
      mode: 'ask',
    },
  ];
}
