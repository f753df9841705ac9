// Types for start-profile.mjs, so unit tests (TypeScript, bundled by esbuild) can import it.
export interface DemoSettingsInput { baseUrl: string; model: string; models: string[] }
export interface DemoSettingsResult {
  settings: Record<string, unknown>;
  /** The profile had no settings.json yet. */
  isNew: boolean;
  /** The Local demo is the active provider after this run. */
  selected: boolean;
  /** The profile had workspace trust turned off (an earlier npm start wrote that); this run turned it back on. */
  trustTurnedOn: boolean;
}
export function parseJsonc(text: string): Record<string, unknown>;
export function withLocalDemo(current: Record<string, unknown> | undefined, demo: DemoSettingsInput): DemoSettingsResult;
export function updateStartSettings(userDataDir: string, demo: DemoSettingsInput): ({ file: string } & DemoSettingsResult) | { file: string; error: string };
