// What completes each step of the "Get started with Inference Chat" walkthrough (package.json
// contributes.walkthroughs): one context key per step, set by walkthroughContext.ts from real events. A unit test
// keeps these keys and the walkthrough's completionEvents equal. Pure, no `vscode`.
import { promptTitle } from '../../prompt/selectionPrompt';
import type { HostToWebview, MessageView } from '../../protocol';

/** The walkthrough's id; open it with `workbench.action.openWalkthrough` and `infchat.inference-chat#<id>`. */
export const WALKTHROUGH_ID = 'gettingStarted';

export const WALKTHROUGH_CONTEXT = {
  /** The provider setting is set in user settings, or the active provider has a key. */
  providerChosen: 'inferenceChat.walkthrough.providerChosen',
  /** The active provider has a key stored, or is a server on this machine that needs none. */
  keySet: 'inferenceChat.walkthrough.keySet',
  /** A model is chosen for the active provider (inferenceChat.models, which the model picker writes). */
  modelChosen: 'inferenceChat.walkthrough.modelChosen',
  /** A reply to a question typed into the sidebar chat has finished. */
  replyReceived: 'inferenceChat.walkthrough.replyReceived',
  /** A reply to Explain Selection has finished. */
  explainRun: 'inferenceChat.walkthrough.explainRun',
  /** VS Code's own chat (or any vscode.lm caller) got a whole reply from one of our models. */
  nativeChatServed: 'inferenceChat.walkthrough.nativeChatServed',
} as const;

export type WalkthroughStep = keyof typeof WALKTHROUGH_CONTEXT;

/** The first three steps, from what the provider service knows. */
export function providerSteps(state: {
  providerSetByUser: boolean;
  hasKey: boolean;
  modelChosen: boolean;
}): Record<'providerChosen' | 'keySet' | 'modelChosen', boolean> {
  return {
    providerChosen: state.providerSetByUser || state.hasKey,
    keySet: state.hasKey,
    modelChosen: state.modelChosen,
  };
}

type Asked = 'typed' | 'explain' | 'otherSelection';

function askedBy(message: MessageView): Asked {
  if (!message.context) return 'typed';
  return message.content.startsWith(`**${promptTitle('explain')}**`) ? 'explain' : 'otherSelection';
}

/**
 * Follows what the chat posts to its webview: the step a finished reply completes, by what asked for it (a typed
 * question, Explain Selection, another selection command). Regenerate counts as the question it answers again.
 */
export class ChatProgress {
  private asked: Asked = 'typed';

  observe(message: HostToWebview): WalkthroughStep | undefined {
    if (message.type === 'messageAdded' && message.message.role === 'user') {
      this.asked = askedBy(message.message);
      return undefined;
    }
    if (message.type === 'messageUpdated' && message.message.role === 'assistant' && message.message.status === 'done') {
      if (this.asked === 'typed') return 'replyReceived';
      if (this.asked === 'explain') return 'explainRun';
    }
    return undefined;
  }
}
