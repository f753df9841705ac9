// The control tokens of the fill-in-the-middle families, and the escape that keeps the user's text from ever being
// read as one. Servers tokenize a raw prompt with special-token parsing on (llama-server, vLLM), so a file that
// contains `<|fim_middle|>` or `<|im_end|>` as text would otherwise steer the model; an HTML `<s>` would be a BOS.
//
// The escape puts a zero-width space (U+200B) after the token's first character: the text still reads the same to
// the model, but no tokenizer can match it as the special token. unescapeControlTokens undoes it on the way back
// (a model that repeats the user's escaped text writes the user's own text).

export const FIM_FAMILIES = ['qwen', 'starcoder', 'deepseek', 'codellama', 'codestral', 'codegemma'] as const;
export type FimFamily = (typeof FIM_FAMILIES)[number];

interface FamilyTokens {
  /** Every control token of the family's vocabulary that a prompt or a reply might carry. */
  control: readonly string[];
  /** What ends a fill: the family's end of text and any token that starts another section. */
  stop: readonly string[];
}

// Sources: Qwen2.5-Coder README (FIM and repository-level completion) and tokenizer_config.json; StarCoder2 paper
// §5.1 and the StarCoder tokenizer (<filename>, <reponame>, <gh_stars>); deepseek-coder README (the full-width bars
// U+FF5C and the ▁ U+2581 are part of the tokens); Code Llama paper §2.3 and the Llama 2 tokenizer; Mistral's
// mistral-common FIM encoding for Codestral; Google's CodeGemma prompt-structure page.
const TOKENS: Record<FimFamily, FamilyTokens> = {
  qwen: {
    control: [
      '<|fim_prefix|>', '<|fim_suffix|>', '<|fim_middle|>', '<|fim_pad|>', '<|repo_name|>', '<|file_sep|>',
      '<|endoftext|>', '<|im_start|>', '<|im_end|>',
    ],
    stop: [
      '<|endoftext|>', '<|fim_prefix|>', '<|fim_suffix|>', '<|fim_middle|>', '<|fim_pad|>', '<|repo_name|>',
      '<|file_sep|>', '<|im_start|>', '<|im_end|>',
    ],
  },
  starcoder: {
    control: [
      '<fim_prefix>', '<fim_suffix>', '<fim_middle>', '<fim_pad>', '<repo_name>', '<file_sep>', '<filename>',
      '<reponame>', '<gh_stars>', '<|endoftext|>',
    ],
    stop: ['<|endoftext|>', '<fim_prefix>', '<fim_suffix>', '<fim_middle>', '<fim_pad>', '<file_sep>', '<repo_name>', '<filename>'],
  },
  deepseek: {
    control: ['<｜fim▁begin｜>', '<｜fim▁hole｜>', '<｜fim▁end｜>', '<｜end▁of▁sentence｜>', '<｜begin▁of▁sentence｜>'],
    stop: ['<｜fim▁begin｜>', '<｜fim▁hole｜>', '<｜fim▁end｜>', '<｜end▁of▁sentence｜>'],
  },
  codellama: {
    control: ['<PRE>', '<SUF>', '<MID>', '<EOT>', '<s>', '</s>'],
    stop: ['<EOT>', '<PRE>', '<SUF>', '<MID>', '</s>'],
  },
  codestral: {
    control: ['[PREFIX]', '[SUFFIX]', '[MIDDLE]', '[INST]', '[/INST]', '<s>', '</s>'],
    stop: ['[PREFIX]', '[SUFFIX]', '[MIDDLE]', '[INST]', '</s>'],
  },
  codegemma: {
    control: [
      '<|fim_prefix|>', '<|fim_suffix|>', '<|fim_middle|>', '<|file_separator|>', '<start_of_turn>', '<end_of_turn>',
      '<bos>', '<eos>',
    ],
    stop: ['<|fim_prefix|>', '<|fim_suffix|>', '<|fim_middle|>', '<|file_separator|>', '<end_of_turn>', '<eos>'],
  },
};

/**
 * Chat templates' markup (ChatML, Llama 3, Gemma, Phi, DeepSeek chat): escaped in prompts like the FIM tokens, and
 * cut from replies (continue#2953: `<|im_end|>` in the editor).
 */
export const CHAT_MARKUP_TOKENS: readonly string[] = [
  '<|im_start|>', '<|im_end|>', '<|endoftext|>', '<|end_of_text|>', '<|begin_of_text|>', '<|eot_id|>', '<|eom_id|>',
  '<|start_header_id|>', '<|end_header_id|>', '<start_of_turn>', '<end_of_turn>', '<|end|>', '<|user|>',
  '<|assistant|>', '<|system|>', '<｜end▁of▁sentence｜>', '<｜User｜>', '<｜Assistant｜>',
];

export function familyControlTokens(family: FimFamily): readonly string[] {
  return TOKENS[family].control;
}

export function familyStopTokens(family: FimFamily): readonly string[] {
  return TOKENS[family].stop;
}

/** Every token of every family and chat template, longest first (so a longer token wins over its own start). */
export const ALL_CONTROL_TOKENS: readonly string[] = [
  ...new Set([...FIM_FAMILIES.flatMap((f) => TOKENS[f].control), ...CHAT_MARKUP_TOKENS]),
].sort((a, b) => b.length - a.length);

/**
 * The tokens a reply is cut at when its family is unknown: the ones that cannot be ordinary text. `<s>`, `</s>`
 * (HTML), `<filename>` (a usage line), `<PRE>` (HTML) are left to the family's own list.
 */
export const UNAMBIGUOUS_TOKENS: readonly string[] = ALL_CONTROL_TOKENS.filter(
  (t) => /^<[|｜]/.test(t) || /^<(fim_|file_sep|repo_name|start_of_turn|end_of_turn)/.test(t) || /^\[(PREFIX|SUFFIX|MIDDLE)\]$/.test(t),
);

const ZWSP = '\u200B';
const regexOf = (tokens: readonly string[]): RegExp =>
  new RegExp(tokens.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
const CONTROL_PATTERN = regexOf(ALL_CONTROL_TOKENS);
const ESCAPED_PATTERN = regexOf(ALL_CONTROL_TOKENS.map((t) => t.slice(0, 1) + ZWSP + t.slice(1)));

/** The text with every control token of every family broken by a zero-width space (never sent as a token). */
export function escapeControlTokens(text: string): string {
  return text.replace(CONTROL_PATTERN, (t) => t.slice(0, 1) + ZWSP + t.slice(1));
}

/** Undoes escapeControlTokens (a reply that repeats the user's escaped text gets the user's text back). */
export function unescapeControlTokens(text: string): string {
  return text.replace(ESCAPED_PATTERN, (t) => t.slice(0, 1) + t.slice(2));
}
