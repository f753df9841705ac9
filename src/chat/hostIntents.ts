// The view's intents that only hand something to VS Code (copy, insert, open, apply a code block, open a link,
// the pickers): checked here, done by the ChatHost; a problem becomes a warning in the chat.
import { findApplyRequest } from '../apply/core/applyRequest';
import { l10n } from '../common/l10n';
import type { Logger } from '../common/logger';
import type { ConversationStore } from '../history/conversationStore';
import type { WebviewToHost } from '../protocol';
import { type ChatHost, openLink } from './chatHost';

const HOST_INTENTS = ['copyText', 'insertCode', 'openInEditor', 'applyCode', 'openLink', 'pickModel', 'pickReasoningEffort'] as const;
type HostIntent = Extract<WebviewToHost, { type: (typeof HOST_INTENTS)[number] }>;

export function isHostIntent(message: WebviewToHost): message is HostIntent {
  return (HOST_INTENTS as readonly string[]).includes(message.type);
}

export interface HostIntentContext {
  host: ChatHost;
  store: ConversationStore;
  log: Logger;
  warn: (text: string) => void;
}

export async function runHostIntent(message: HostIntent, ctx: HostIntentContext): Promise<void> {
  const { host, warn } = ctx;
  switch (message.type) {
    case 'copyText':
      return host.copyText(message.text);
    case 'insertCode': {
      const problem = await host.insertCode(message.code, message.language);
      if (problem) warn(problem);
      return;
    }
    case 'openInEditor':
      return host.openInEditor(message.code, message.language);
    case 'applyCode': {
      const request = findApplyRequest(ctx.store.active(), message.messageId, message.blockIndex);
      const problem = request ? await host.applyCode(request) : l10n.t('That code block is no longer in this conversation.');
      if (problem) warn(problem);
      return;
    }
    case 'openLink':
      return openLink(host, message.href, warn, ctx.log);
    case 'pickModel':
    case 'pickReasoningEffort':
      return host.runCommand(message.type);
  }
}
