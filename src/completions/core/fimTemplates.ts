// Fill-in-the-middle prompts in each model family's documented token layout, for `POST /completions` with a raw
// prompt (vLLM rejects `suffix`, some llama.cpp builds ignore it: the template works everywhere). Every piece of the
// user's text (prefix, suffix, snippets, paths, the repository name) is escaped first (fimTokens.ts).
import { escapeControlTokens, familyControlTokens, familyStopTokens, type FimFamily } from './fimTokens';

export { FIM_FAMILIES, type FimFamily } from './fimTokens';

/** The families' names as their makers write them (for the words of `why`). */
export const FAMILY_NAMES: Readonly<Record<FimFamily, string>> = {
  qwen: 'Qwen2.5-Coder',
  starcoder: 'StarCoder',
  deepseek: 'DeepSeek-Coder',
  codellama: 'Code Llama',
  codestral: 'Codestral',
  codegemma: 'CodeGemma',
};

export interface Snippet { filePath: string; text: string }

export interface FimInput {
  prefix: string;
  suffix: string;
  /** Workspace-relative, `/`-separated. */
  filePath: string;
  languageId: string;
  /** From other files, most relevant last (closest to the cursor in the prompt). */
  snippets: readonly Snippet[];
  /** The workspace folder's name (Qwen's repo-level `<|repo_name|>`). */
  repoName?: string;
}

export interface RenderedFim { prompt: string; stop: string[] }

/**
 * The family whose FIM template the model was trained on, from its id: an HF id ("Qwen/Qwen2.5-Coder-7B"), an Ollama
 * tag ("qwen2.5-coder:1.5b-base"), a GGUF file name, an API name ("codestral-latest"). undefined for chat models
 * without FIM training (llama3, gpt-4o, deepseek-r1) and for Code Llama 34B (Meta trained it without infilling).
 */
export function fimFamilyOf(modelId: string): FimFamily | undefined {
  const id = modelId.toLowerCase();
  // CodeQwen1.5 uses StarCoder's tokens; Qwen2.5-Coder and Qwen3-Coder their own `<|fim_…|>` ones.
  if (/codeqwen/.test(id)) return 'starcoder';
  if (/qwen[\d.]*[-_ ]?coder/.test(id)) return 'qwen';
  if (/star-?coder|starchat|stable-?code/.test(id)) return 'starcoder';
  if (/deepseek[-_ ]?coder/.test(id)) return 'deepseek';
  if (/code-?llama/.test(id)) return /\b34b\b/.test(id) ? undefined : 'codellama';
  if (/codestral/.test(id) && !/mamba/.test(id)) return 'codestral';
  if (/code-?gemma/.test(id)) return 'codegemma';
  return undefined;
}

/** Every control token of the family (what must never reach the editor, nor be sent as a control token from file text). */
export function fimControlTokens(family: FimFamily): readonly string[] {
  return familyControlTokens(family);
}

/** The prompt in the family's documented token layout, with its stop tokens; control tokens inside the user's text are escaped. */
export function renderFim(family: FimFamily, input: FimInput): RenderedFim {
  const safe = escapeInput(input);
  return { prompt: LAYOUTS[family](safe), stop: [...familyStopTokens(family)] };
}

interface SafeInput {
  prefix: string;
  suffix: string;
  filePath: string;
  languageId: string;
  snippets: Snippet[];
  repoName: string;
}

function escapeInput(input: FimInput): SafeInput {
  return {
    prefix: escapeControlTokens(input.prefix),
    suffix: escapeControlTokens(input.suffix),
    // A path is one line in every layout: a newline in a file name would end the header early.
    filePath: escapeControlTokens(oneLine(input.filePath)),
    languageId: input.languageId,
    snippets: input.snippets.map((s) => ({ filePath: escapeControlTokens(oneLine(s.filePath)), text: escapeControlTokens(s.text) })),
    repoName: escapeControlTokens(oneLine(input.repoName?.trim() || 'workspace')),
  };
}

const oneLine = (text: string): string => text.replace(/[\r\n]+/g, ' ');
const withNewline = (text: string): string => (text.endsWith('\n') ? text : `${text}\n`);

const LAYOUTS: Record<FimFamily, (s: SafeInput) => string> = {
  // Qwen2.5-Coder README, repository-level completion: `<|repo_name|>`, then `<|file_sep|>path\ncontent` per file,
  // the current file last with the FIM tokens inside it.
  qwen: (s) => {
    const fim = `<|fim_prefix|>${s.prefix}<|fim_suffix|>${s.suffix}<|fim_middle|>`;
    if (s.snippets.length === 0) return fim;
    const files = s.snippets.map((f) => `<|file_sep|>${f.filePath}\n${withNewline(f.text)}`).join('');
    return `<|repo_name|>${s.repoName}\n${files}<|file_sep|>${s.filePath}\n${fim}`;
  },
  // StarCoder2 paper §5.1: `<repo_name>name<file_sep>path\ncode…<file_sep><fim_prefix>path\nprefix<fim_suffix>…`.
  starcoder: (s) => {
    if (s.snippets.length === 0) return `<fim_prefix>${s.prefix}<fim_suffix>${s.suffix}<fim_middle>`;
    const files = s.snippets.map((f) => `<file_sep>${f.filePath}\n${withNewline(f.text)}`).join('');
    return `<repo_name>${s.repoName}${files}<file_sep><fim_prefix>${s.filePath}\n${s.prefix}<fim_suffix>${s.suffix}<fim_middle>`;
  },
  // deepseek-coder README: PSM with the full-width tokens; repository context as files headed by a path comment.
  deepseek: (s) => `<｜fim▁begin｜>${commentedFiles(s)}${s.prefix}<｜fim▁hole｜>${s.suffix}<｜fim▁end｜>`,
  // Code Llama paper §2.3 (and Meta's reference code): the spaces around the prefix and before <MID> are part of it.
  codellama: (s) => `<PRE> ${commentedFiles(s)}${s.prefix} <SUF>${s.suffix} <MID>`,
  // mistral-common: suffix first, then prefix; the fill follows. Other files as `+++++ path` sections of the prefix.
  codestral: (s) => {
    const files = s.snippets.map((f) => `+++++ ${f.filePath}\n${withNewline(f.text)}\n`).join('');
    const prefix = s.snippets.length === 0 ? s.prefix : `${files}+++++ ${s.filePath}\n${s.prefix}`;
    return `[SUFFIX]${s.suffix}[PREFIX]${prefix}`;
  },
  // CodeGemma's prompt-structure page: `<|file_separator|>` between files (laid out as llama.cpp's /infill does).
  codegemma: (s) => {
    const fim = `<|fim_prefix|>${s.prefix}<|fim_suffix|>${s.suffix}<|fim_middle|>`;
    if (s.snippets.length === 0) return fim;
    const files = s.snippets.map((f) => `<|file_separator|>${f.filePath}\n${withNewline(f.text)}`).join('');
    return `${files}<|file_separator|>${s.filePath}\n${fim}`;
  },
};

/** Other files as `<comment> path` headers and their text, then the current file's header (DeepSeek's repo layout). */
function commentedFiles(s: SafeInput): string {
  if (s.snippets.length === 0) return '';
  const header = (path: string): string => lineComment(s.languageId, path);
  return `${s.snippets.map((f) => `${header(f.filePath)}\n${withNewline(f.text)}`).join('')}${header(s.filePath)}\n`;
}

const HASH_LANGUAGES = new Set([
  'python', 'shellscript', 'ruby', 'perl', 'r', 'yaml', 'toml', 'dockerfile', 'makefile', 'powershell', 'coffeescript',
  'julia', 'elixir', 'nim', 'cmake', 'properties', 'graphql', 'jsonl',
]);
const DASH_LANGUAGES = new Set(['sql', 'lua', 'haskell', 'ada', 'elm', 'purescript']);
const MARKUP_LANGUAGES = new Set(['html', 'xml', 'markdown', 'vue', 'svelte', 'xsl', 'svg']);

/** A one-line comment in the current file's language (the snippets become part of its prefix). */
function lineComment(languageId: string, text: string): string {
  if (HASH_LANGUAGES.has(languageId)) return `# ${text}`;
  if (DASH_LANGUAGES.has(languageId)) return `-- ${text}`;
  if (MARKUP_LANGUAGES.has(languageId)) return `<!-- ${text.replace(/--/g, '- -')} -->`;
  if (languageId === 'css') return `/* ${text.replace(/\*\//g, '* /')} */`;
  if (['clojure', 'lisp', 'scheme', 'ini'].includes(languageId)) return `; ${text}`;
  if (['latex', 'tex', 'erlang', 'matlab'].includes(languageId)) return `% ${text}`;
  if (languageId === 'vb') return `' ${text}`;
  return `// ${text}`;
}
