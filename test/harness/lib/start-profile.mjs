// The `npm start` profile: user settings of the VS Code that start.mjs opens (never the user's own profile).
// Each run puts the Local demo provider into them with this run's port. Rules:
//   - the `localDemo` entry of inferenceChat.customProviders is updated (or added); every other provider stays;
//   - the demo is selected (inferenceChat.provider) only when the profile is new or the demo was already selected;
//   - inferenceChat.models.localDemo keeps the user's pick when the demo still serves it, else the demo's model;
//   - `security.workspace.trust.enabled: false`, which npm start itself used to write, is dropped: trust stays on.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { QUIET_SETTINGS } from './code-server.mjs';
import { DEMO_PROVIDER_ID, DEMO_PROVIDER_NAME } from './local-demo.mjs';

const PROVIDERS = 'inferenceChat.customProviders';
const PROVIDER = 'inferenceChat.provider';
const MODELS = 'inferenceChat.models';
const TRUST_ENABLED = 'security.workspace.trust.enabled';

/** Parses settings.json as VS Code does: comments and trailing commas allowed. Throws on anything else. */
export function parseJsonc(text) {
  // Index just past a comment starting at i, or i when there is none.
  const skipComment = (i) => {
    if (text[i] !== '/') return i;
    if (text[i + 1] === '/') { const end = text.indexOf('\n', i); return end < 0 ? text.length : end; }
    if (text[i + 1] === '*') { const end = text.indexOf('*/', i + 2); return end < 0 ? text.length : end + 2; }
    return i;
  };
  const nextSignificant = (i) => {
    for (;;) {
      while (i < text.length && /\s/.test(text[i])) i++;
      const after = skipComment(i);
      if (after === i) return text[i];
      i = after;
    }
  };
  let out = '';
  for (let i = 0; i < text.length;) {
    const c = text[i];
    if (c === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      out += text.slice(start, ++i);
    } else if (skipComment(i) !== i) {
      i = skipComment(i);
      out += ' ';
    } else {
      const next = c === ',' ? nextSignificant(i + 1) : undefined;
      if (!(next === '}' || next === ']')) out += c; // a trailing comma is dropped
      i++;
    }
  }
  const value = JSON.parse(out.trim() || '{}');
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('settings.json is not an object');
  return value;
}

/**
 * The new settings for this run. `current` is undefined for a new profile.
 * @param {Record<string, unknown>|undefined} current
 * @param {{ baseUrl: string, model: string, models: string[] }} demo
 */
export function withLocalDemo(current, demo) {
  const isNew = current === undefined;
  const settings = isNew ? { ...QUIET_SETTINGS } : { ...current };
  const entry = { id: DEMO_PROVIDER_ID, name: DEMO_PROVIDER_NAME, baseUrl: demo.baseUrl };
  const providers = Array.isArray(settings[PROVIDERS]) ? settings[PROVIDERS] : [];
  const at = providers.findIndex((p) => p && typeof p === 'object' && p.id === DEMO_PROVIDER_ID);
  settings[PROVIDERS] = at >= 0 ? providers.map((p, i) => (i === at ? { ...p, ...entry } : p)) : [...providers, entry];

  const models = settings[MODELS] && typeof settings[MODELS] === 'object' && !Array.isArray(settings[MODELS]) ? settings[MODELS] : {};
  const picked = models[DEMO_PROVIDER_ID];
  settings[MODELS] = { ...models, [DEMO_PROVIDER_ID]: demo.models.includes(picked) ? picked : demo.model };

  const selected = isNew || settings[PROVIDER] === DEMO_PROVIDER_ID;
  if (selected) settings[PROVIDER] = DEMO_PROVIDER_ID;
  const trustTurnedOn = settings[TRUST_ENABLED] === false;
  if (trustTurnedOn) delete settings[TRUST_ENABLED];
  return { settings, isNew, selected, trustTurnedOn };
}

/**
 * Reads, updates and writes `<userDataDir>/User/settings.json`. A file that cannot be parsed is left alone
 * (returns `{ error }`), so a hand-edited profile is never clobbered.
 */
export function updateStartSettings(userDataDir, demo) {
  const file = join(userDataDir, 'User', 'settings.json');
  let current;
  if (existsSync(file)) {
    try {
      current = parseJsonc(readFileSync(file, 'utf8'));
    } catch (err) {
      return { file, error: err instanceof Error ? err.message : String(err) };
    }
  }
  const result = withLocalDemo(current, demo);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(result.settings, null, 2)}\n`);
  return { file, ...result };
}
