// Types for hang-reporter.mjs, so tests (TypeScript, bundled by esbuild) can import it.
/** A node:test event as the reporter reads it. */
export interface TestEvent {
  type: string;
  data?: { name?: string; file?: string; nesting?: number; details?: { error?: { message?: string; failureType?: string } } };
}
export default function hangReporter(source: AsyncIterable<TestEvent> | Iterable<TestEvent>): AsyncGenerator<string>;
