// The set-up every chat test file shares: the loopback fixture server for the whole file, each test starting from
// the normal scenario, the file's reply and no recorded requests, the chat harnesses disposed after each test
// (also after a failure) and the temp folders removed at the end. Call it once at the top of a node:test file.
import * as fs from 'node:fs';
import { after, afterEach, before, beforeEach } from 'node:test';
import { DEFAULT_REPLY, type FixtureServer, startFixtureServer } from '../fixtures/server';
import { chatHarness, disposeHarnesses, type Harness, type HarnessOptions } from './chatHarness';

export interface FixtureSuite {
  /** The running server (from the file's `before` on). */
  readonly server: FixtureServer;
  readonly key: string;
  /** Temp folders removed after the file. */
  readonly tempDirs: string[];
  /** A chat controller on this server and key; disposed after the test. */
  harness(options?: Omit<HarnessOptions, 'server' | 'key' | 'tempDirs'>): Promise<Harness>;
}

export function fixtureSuite(options: { key: string; reply?: string }): FixtureSuite {
  let server: FixtureServer | undefined;
  const tempDirs: string[] = [];
  const suite: FixtureSuite = {
    get server(): FixtureServer {
      if (!server) throw new Error('The fixture server starts in the test file\'s before hook: use it inside a test or hook.');
      return server;
    },
    key: options.key,
    tempDirs,
    harness: (harnessOptions = {}) => chatHarness({ ...harnessOptions, server: suite.server, key: options.key, tempDirs }),
  };
  before(async () => {
    server = await startFixtureServer({ apiKey: options.key });
  });
  after(async () => {
    await server?.close();
    for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    suite.server.setScenario('normal');
    suite.server.setReply(options.reply ?? DEFAULT_REPLY);
    suite.server.requests.length = 0;
  });
  afterEach(disposeHarnesses);
  return suite;
}
