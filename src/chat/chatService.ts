// The sidebar chat as other features see it (the selection commands, the walkthrough), and the dialogs it asks
// VS Code to show (implemented in src/views, answered by the tests).
import type { PromptKind } from '../config/core/parseSettings';
import type { SelectionContext } from '../protocol';
import type { ConfirmCredentials } from './credentialCheck';
import type { HeldNotice } from './noticeQueue';

/** A prompt sent into the sidebar chat from outside it (Explain selection and its siblings). */
export interface ExternalPrompt {
  /** What is sent to the model as the user message. */
  content: string;
  /** What the chat shows for the user message (e.g. "Explain selection" plus the code). */
  display: string;
  /** Replaces the chat's system prompt for this request when set. */
  systemPrompt?: string;
  context?: SelectionContext;
  /** The selection command's template it was built from (a workspace's template is shown on the message). */
  template?: PromptKind;
}

/** What the chat asks or tells the user outside its view: VS Code dialogs and notifications (the tests answer them). */
export interface ChatDialogs {
  confirmCredentials: ConfirmCredentials;
  notify: (notice: HeldNotice) => void;
  /** How long a notice waits for a chat view before it becomes a notification (ms). */
  noticeGraceMs: number;
}

/** The sidebar chat, as other features see it. */
export interface ChatService {
  /** Opens the chat view and sends the prompt in the current conversation; resolves when the reply has finished. */
  ask(prompt: ExternalPrompt): Promise<void>;
  /** Reveals and focuses the chat view. */
  reveal(): Promise<void>;
  newChat(): Promise<void>;
}
