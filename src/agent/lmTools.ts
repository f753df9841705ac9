// The tools other extensions and MCP servers register in VS Code (vscode.lm.tools), offered to the model only when
// the user chose them for the conversation ("Choose Agent Tools…"), and invoked through vscode.lm.invokeTool. A
// call always asks first (kind 'tool'): what a foreign tool does is not known here.
import * as vscode from 'vscode';
import { l10n } from '../common/l10n';
import type { ToolDefinition } from '../api/types';
import type { ToolOutcome, ToolRunContext } from '../chat/agentTools';
import { capHeadTail } from './core/outputCap';
import { isBuiltinTool, LIMITS } from './core/toolDefinitions';

/** The function names servers accept (OpenAI's rule). */
const WIRE_NAME = /^[A-Za-z0-9_-]{1,64}$/;

const offerable = (tool: vscode.LanguageModelToolInformation): boolean => WIRE_NAME.test(tool.name) && !isBuiltinTool(tool.name);

/** The chosen tools that are registered now, as the model sees them (at most `max`). */
export function lmToolDefinitions(chosen: readonly string[], max: number): ToolDefinition[] {
  const wanted = new Set(chosen);
  return vscode.lm.tools
    .filter((t) => wanted.has(t.name) && offerable(t))
    .slice(0, Math.max(0, max))
    .map((t) => ({
      type: 'function' as const,
      function: { name: t.name, description: t.description, parameters: (t.inputSchema as Record<string, unknown> | undefined) ?? { type: 'object', properties: {} } },
    }));
}

export function isLmTool(name: string, chosen: readonly string[]): boolean {
  return chosen.includes(name) && vscode.lm.tools.some((t) => t.name === name && offerable(t));
}

export async function invokeLmTool(name: string, input: Record<string, unknown>, context: ToolRunContext): Promise<ToolOutcome> {
  const args = JSON.stringify(input);
  const decision = await context.approve({ kind: 'tool', title: name, detail: args.length > 300 ? `${args.slice(0, 300)}…` : args });
  if (decision === 'deny') return { status: 'denied', result: `The user denied the call of ${name}.`, summary: l10n.t('Denied') };
  const cancel = new vscode.CancellationTokenSource();
  const onAbort = (): void => cancel.cancel();
  context.signal.addEventListener('abort', onAbort);
  try {
    const result = await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined }, cancel.token);
    const text = result.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '[a part that is not text]')).join('');
    const capped = capHeadTail(text, LIMITS.commandOutputChars).text;
    return { status: 'done', result: capped || '(the tool returned nothing)', summary: l10n.t('{0} characters', capped.length), output: capped };
  } catch (err) {
    if (context.signal.aborted) return { status: 'cancelled', result: 'Stopped by the user before it finished.' };
    return { status: 'error', result: `The tool ${name} failed: ${err instanceof Error ? err.message : String(err)}`, summary: l10n.t('Failed') };
  } finally {
    context.signal.removeEventListener('abort', onAbort);
    cancel.dispose();
  }
}

/** The QuickPick of registered tools (the chosen ones checked); the new choice, or undefined when dismissed. */
export async function chooseLmTools(current: readonly string[]): Promise<string[] | undefined> {
  const tools = vscode.lm.tools.filter(offerable);
  if (tools.length === 0) {
    void vscode.window.showInformationMessage(l10n.t('No extension or MCP server has registered a tool in VS Code yet.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    tools.map((t) => ({ label: t.name, description: t.tags.join(', '), detail: t.description, picked: current.includes(t.name) })),
    { canPickMany: true, title: l10n.t('Tools from VS Code the agent may use in this conversation'), placeHolder: l10n.t('Each call of these tools asks first') },
  );
  return picked?.map((p) => p.label);
}
