// A Logger for tests that keeps every line (level first), so a test can assert what was logged.
import { errorMessage } from '../../src/common/appError';
import type { Logger } from '../../src/common/logger';

export interface RecordingLogger extends Logger {
  readonly lines: string[];
}

export function recordingLogger(): RecordingLogger {
  const lines: string[] = [];
  const push = (level: string) => (message: string, error?: unknown) => {
    lines.push(`${level} ${message}${error === undefined ? '' : `: ${errorMessage(error)}`}`);
  };
  return { lines, debug: push('debug'), info: push('info'), warn: push('warn'), error: push('error') };
}
