// What the buttons on an error do (retry, drop the oldest turns, a new chat with the question, the billing page,
// the VS Code commands behind the rest), moved out of the chat controller. Pure.
import type { ErrorAction } from '../common/appError';
import { l10n } from '../common/l10n';
import type { Logger } from '../common/logger';
import type { TargetResolver } from '../providers/core/providerService';
import type { AnswerAgain } from './answerAgain';
import { type ChatHost, openLink } from './chatHost';
import { lastUserIndex } from '../history/conversation';
import type { ConversationStore } from '../history/conversationStore';

export interface ErrorActionDeps {
  again: Pick<AnswerAgain, 'retry' | 'dropOldest'>;
  store: Pick<ConversationStore, 'active'>;
  targets: Pick<TargetResolver, 'resolve'>;
  host: ChatHost;
  log: Logger;
  newChat: () => Promise<void>;
  /** Puts text in the (new) conversation's input and posts the whole state. */
  showDraft: (text: string) => Promise<void>;
  notice: (level: 'info' | 'warning', message: string) => void;
}

export async function runErrorAction(deps: ErrorActionDeps, action: ErrorAction, messageId?: string): Promise<void> {
  switch (action) {
    case 'retry':
      return deps.again.retry(messageId);
    case 'dropOldest':
      return deps.again.dropOldest(messageId);
    case 'newChat': {
      // From a context-length error: start fresh but keep what the user asked, ready to send.
      const previous = deps.store.active();
      const lastUser = previous.messages[lastUserIndex(previous)];
      await deps.newChat();
      if (lastUser) await deps.showDraft(lastUser.sendContent ?? lastUser.content);
      return;
    }
    case 'openBilling': {
      // Out of credits: the provider's billing page (the button is only offered when there is one).
      const billingUrl = await deps.targets.resolve().then((t) => t.billingUrl, () => undefined);
      if (billingUrl) return openLink(deps.host, billingUrl, (text) => deps.notice('warning', text), deps.log);
      deps.notice('info', l10n.t("This provider's billing page is not known: add credits on its website."));
      return;
    }
    case 'setApiKey':
    case 'pickModel':
    case 'openSettings':
    case 'switchProvider':
    case 'openWalkthrough':
      return deps.host.runCommand(action);
    default: {
      const unreachable: never = action;
      void unreachable;
    }
  }
}
