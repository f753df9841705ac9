// Percentiles and number formatting for the completion benchmark.

/** Nearest-rank percentile (q in [0, 1]) of the values; Infinity counts as a value (a missing result). NaN when empty. */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export const median = (values: readonly number[]): number => percentile(values, 0.5);

/** Milliseconds with 2 decimals below 10, else whole; "never" for Infinity. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'n/a' : 'never';
  return `${value < 10 ? value.toFixed(2) : Math.round(value).toString()} ms`;
}

/** `label  p50 …  p99 …` for a list of milliseconds. */
export function p50p99(label: string, values: readonly number[], width = 50): string {
  return `${label.padEnd(width)} p50 ${ms(percentile(values, 0.5)).padStart(9)}   p99 ${ms(percentile(values, 0.99)).padStart(9)}`;
}

export const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/** Waits for `promise`, failing with `what` after `timeoutMs` (every wait of the benchmark has a deadline). */
export async function within<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`completion bench: ${what} took longer than ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
