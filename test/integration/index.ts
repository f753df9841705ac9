// The test entry VS Code's extension host loads (extensionTestsPath): runs every bundled integration
// suite with mocha (tdd ui: suite/test/suiteSetup/suiteTeardown/setup/teardown) and prints one
// machine-readable summary line that test/harness/run-integration.mjs parses.
import * as path from 'node:path';

// mocha 11 and glob 10 are CommonJS; loaded at run time from the project's node_modules (not bundled).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Mocha = require('mocha') as typeof import('mocha');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { globSync } = require('glob') as typeof import('glob');

export const SUMMARY_PREFIX = 'INTEGRATION-SUMMARY ';

export function run(): Promise<void> {
  const grep = process.env.INTEGRATION_GREP;
  const mocha = new Mocha({ ui: 'tdd', timeout: 30_000, color: false, reporter: 'spec', ...(grep ? { grep } : {}) });
  // This file is bundled to out/test/integration/index.js; the suites sit beside it in suite/.
  const suiteDir = path.resolve(__dirname, 'suite');
  const files = globSync('**/*.test.js', { cwd: suiteDir, absolute: true }).sort();
  for (const file of files) mocha.addFile(file);

  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const { passes = 0, pending = 0 } = runner.stats ?? {};
        console.log(`${SUMMARY_PREFIX}${JSON.stringify({ passes, failures, pending, files: files.length })}`);
        if (failures > 0) reject(new Error(`${failures} integration test(s) failed.`));
        else if (files.length === 0) reject(new Error(`No integration suites found in ${suiteDir}.`));
        else resolve();
      });
    } catch (err) {
      console.error(err);
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
