// Finds user-visible text in src/ that does not go through l10n.t: a TypeScript-AST scan of the places where
// text reaches the user. A "text" is a string or template literal (or a concatenation, a `?:` branch, a `??`/`||`
// fallback made of them) whose literal parts hold a letter once codicons `$(name)` are taken out; an `l10n.t(...)`
// call is never one. The sinks:
//   - calls: show{Information,Warning,Error}Message (message and buttons), setStatusBarMessage, `new AppError(kind,
//     reason, message)`, `new Error(message)` in host and pure code (errorMessage() shows them), the webview's
//     `h(tag, props, ...children)` children, `append(...)`/`createTextNode(...)`, `setAttribute(title|aria-label|
//     placeholder|alt, …)`;
//   - object literal properties and assignments named in TEXT_PROPERTIES (QuickPick/InputBox/StatusBarItem/
//     LanguageModelChatInformation fields, the webview's DOM text, the protocol's labels).
// What is deliberately not text is in ALLOWED below, each entry with its reason.
import * as ts from 'typescript';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export interface Finding {
  file: string;
  line: number;
  sink: string;
  text: string;
  /** The literal's offsets in the file (for tools that rewrite it). */
  start: number;
  end: number;
}

/** Properties whose string value a user reads (host UI objects, DOM, the protocol's view models). */
export const TEXT_PROPERTIES = new Set([
  'title', 'placeHolder', 'placeholder', 'prompt', 'label', 'detail', 'description', 'tooltip', 'validationMessage',
  'text', 'textContent', 'innerText', 'ariaLabel', 'aria-label', 'alt', 'message', 'notice', 'hint', 'lead', 'problem',
  'expectation',
]);
/** Calls whose argument at that index is a message for the user (the chat's notices, its "cannot answer again"). */
const MESSAGE_ARGUMENT: Record<string, number> = { notice: 1, replyAgain: 0, storeFailure: 0, say: 0 };
const TEXT_ATTRIBUTES = new Set(['title', 'aria-label', 'placeholder', 'alt', 'aria-description']);
const MESSAGE_CALLS = new Set(['showInformationMessage', 'showWarningMessage', 'showErrorMessage', 'setStatusBarMessage']);

/**
 * Reviewed exceptions: [file (relative to src/, `/`-separated), exact literal text, why it is not localised].
 * Keep this short; a new entry needs a reason a reviewer accepts.
 */
export const ALLOWED: ReadonlyArray<readonly [string, string, string]> = [
  ['providers/core/customProviderInput.ts', 'OpenRouter', 'a product name (the template list of the Add Provider flow)'],
  ['providers/core/customProviderInput.ts', 'OpenAI', 'a product name (the template list of the Add Provider flow)'],
  ['providers/providerCommands.ts', 'https://api.example.com/v1', 'an example value in an input box, not words'],
  ['providers/providerCommands.ts', '{"HTTP-Referer": "https://example.com"}', 'an example value (JSON) in an input box'],
  ['views/editorChatHost.ts', 'plaintext', 'a VS Code language id in the alias map (its key happens to be `text`)'],
  ['webview/ui/codeBlock.ts', 'text', 'the language id shown for a code block without one'],
  ['webview/ui/welcome.ts', 'Inference Chat', 'the product name as the welcome heading'],
  ['prompt/attachments.ts', '`File \\`${fileName}\\`:\\n\\n${fencedBlock(text, input.languageId)}`', 'what the model reads (like the prompt templates, it stays English)'],
  ['prompt/attachments.ts', '`Selection from \\`${input.fileName}\\` (${range}):\\n\\n${fencedBlock(input.code, input.languageId)}`', 'what the model reads (like the prompt templates, it stays English)'],
];

/** Folders whose strings never reach the user: the storage format's diagnostics only go to the log (English). */
export const ALLOWED_FOLDERS: ReadonlyArray<readonly [string, string]> = [
  ['history/storage/', 'file-format and lock diagnostics: they are logged (the log stays English), never shown'],
  ['agent/core/toolDefinitions.ts', 'the built-in tools\' descriptions: what the model reads (English, like the prompt templates)'],
  ['agent/core/toolArgs.ts', 'the argument errors the model reads as the tool\'s result (English, like the edit blocks\' errors)'],
  ['agent/documentWrite.ts', 'its errors become the tool\'s result for the model and a log line (English)'],
];

/** Files whose module-level l10n.t only marks a string for the extractor; it is translated where it is used. */
export const MARKED_AT_MODULE_LEVEL: ReadonlyArray<readonly [string, string]> = [
  ['config/core/settingsTable.ts', 'each `expectation` is passed through l10n.t again in parseSettings.ts when a problem is reported'],
  ['config/core/completionSettings.ts', 'its rows join the settings table: each `expectation` is translated again in parseSettings.ts when a problem is reported'],
  ['config/core/agentSettings.ts', 'its rows join the settings table: each `expectation` is translated again in parseSettings.ts when a problem is reported'],
];

const hasLetter = (s: string) => /\p{L}/u.test(s.replace(/\$\([\w~-]+\)/g, ''));

function isL10nCall(node: ts.Node): boolean {
  if (!ts.isCallExpression(node)) return false;
  const callee = node.expression;
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 't'
    && ((ts.isIdentifier(callee.expression) && callee.expression.text === 'l10n')
      || (ts.isPropertyAccessExpression(callee.expression) && callee.expression.name.text === 'l10n'));
}

/** The literals in `node` whose words are shown as they are (empty: not a text, or localised). */
export function unlocalisedLiterals(node: ts.Expression): Array<ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression> {
  if (isL10nCall(node)) return [];
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node)) return unlocalisedLiterals(node.expression);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return hasLetter(node.text) ? [node] : [];
  if (ts.isTemplateExpression(node)) {
    const parts = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)];
    const own = hasLetter(parts.join(' ')) ? [node] : [];
    return [...own, ...node.templateSpans.flatMap((s) => unlocalisedLiterals(s.expression))];
  }
  if (ts.isConditionalExpression(node)) return [...unlocalisedLiterals(node.whenTrue), ...unlocalisedLiterals(node.whenFalse)];
  if (ts.isBinaryExpression(node)) {
    const op = node.operatorToken.kind;
    if (op === ts.SyntaxKind.PlusToken) return [...unlocalisedLiterals(node.left), ...unlocalisedLiterals(node.right)];
    if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) return unlocalisedLiterals(node.right);
  }
  return [];
}

const literalText = (n: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression): string =>
  ts.isTemplateExpression(n) ? n.getText() : n.text;

const nameOf = (name: ts.PropertyName | ts.MemberName): string | undefined =>
  ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isPrivateIdentifier(name) ? name.text : undefined;

/** The findings of one file (`file` is its path relative to src/, with `/`). */
export function scanSource(file: string, source: string): Finding[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const findings: Finding[] = [];
  const report = (sink: string, expr: ts.Expression | undefined) => {
    if (!expr) return;
    for (const literal of unlocalisedLiterals(expr)) {
      const text = literalText(literal);
      if (ALLOWED.some(([f, t]) => f === file && t === text)) continue;
      const start = literal.getStart();
      findings.push({ file, line: sf.getLineAndCharacterOfPosition(start).line + 1, sink, text, start, end: literal.getEnd() });
    }
  };
  const visit = (node: ts.Node): void => {
    if (isL10nCall(node)) return; // its arguments are the English originals
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const callee = node.expression;
      const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
      const args = node.arguments ?? ts.factory.createNodeArray<ts.Expression>();
      if (ts.isNewExpression(node) && (name === 'AppError' || name === 'ApiError')) report(`new ${name}(…, message)`, args[2]);
      else if (ts.isNewExpression(node) && name === 'Error') report('new Error(message)', args[0]);
      else if (MESSAGE_CALLS.has(name)) args.forEach((a) => report(`${name}(…)`, a));
      else if (name in MESSAGE_ARGUMENT) report(`${name}(…)`, args[MESSAGE_ARGUMENT[name]!]);
      else if (name === 'h' && file.startsWith('webview/')) args.slice(2).forEach((a) => report('h(tag, props, child)', a));
      else if (name === 'append' || name === 'createTextNode' || name === 'replaceChildren') args.forEach((a) => report(`${name}(text)`, a));
      else if (name === 'push' && file.startsWith('webview/ui/')) args.forEach((a) => report('push(text) (webview UI lines)', a));
      else if (name === 'setAttribute' && args[0] && ts.isStringLiteral(args[0]) && TEXT_ATTRIBUTES.has(args[0].text)) report(`setAttribute('${args[0].text}', …)`, args[1]);
    }
    if (ts.isPropertyAssignment(node)) {
      const name = nameOf(node.name);
      if (name && TEXT_PROPERTIES.has(name)) report(`{ ${name}: … }`, node.initializer);
      // An InputBox's validateInput returns the message to show: `(text) => (ok ? undefined : 'Enter a name')`.
      if (name === 'validateInput' && ts.isArrowFunction(node.initializer) && !ts.isBlock(node.initializer.body)) {
        report('validateInput: () => message', node.initializer.body);
      }
    }
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left)) {
      const name = node.left.name.text;
      if (TEXT_PROPERTIES.has(name)) report(`.${name} = …`, node.right);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return findings;
}

/** The findings of every .ts file under `srcDir`, except the two l10n modules themselves. */
export function scanTree(srcDir: string): Finding[] {
  const files = (readdirSync(srcDir, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => relative(srcDir, join(srcDir, f)).split(sep).join('/'))
    .filter((f) => f !== 'common/l10n.ts' && f !== 'webview/l10n.ts' && !ALLOWED_FOLDERS.some(([folder]) => f.startsWith(folder)))
    .sort();
  return files.flatMap((f) => scanSource(f, readFileSync(join(srcDir, f), 'utf8')));
}

/**
 * `l10n.t` calls that run when the module is loaded (outside any function): they run before extension.ts installs
 * VS Code's translator and before the webview reads its bundle, so they would stay English. Translate when used.
 */
export function moduleLevelCalls(file: string, source: string): Finding[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const findings: Finding[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) || ts.isPropertyDeclaration(node) || ts.isClassStaticBlockDeclaration(node)) return;
    if (isL10nCall(node)) {
      const start = node.getStart();
      findings.push({ file, line: sf.getLineAndCharacterOfPosition(start).line + 1, sink: 'module level', text: node.getText(), start, end: node.getEnd() });
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return findings;
}
