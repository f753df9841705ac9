// What an agent turn says around its messages: why it stopped early (under its last message) and, on the user
// message that started it, the button that undoes its file changes — with what the undo does not cover.
import type { AgentStopView, CheckpointView } from '../../protocol';
import { h, icon } from '../dom';
import { l10n } from '../pageL10n';

/** Why the turn ended before the model answered (a limit, Stop, an error): the host's sentence, as text. */
export function agentStopNote(stop: AgentStopView): HTMLElement {
  return h(
    'div',
    { class: 'agent-stop', 'data-testid': 'agent-stop', 'data-reason': stop.reason, role: 'note' },
    icon(stop.reason === 'error' ? 'error' : stop.reason === 'stopped' ? 'debug-stop' : 'warning'),
    h('span', {}, stop.message),
  );
}

/** The undo of a turn that changed files (nothing when it changed none); once undone, a line saying so. */
export function checkpointBar(checkpoint: CheckpointView, busy: boolean): HTMLElement[] {
  if (checkpoint.files <= 0) return [];
  if (checkpoint.undone) {
    return [h('div', { class: 'turn-note', 'data-testid': 'turn-undone' }, icon('discard'), h('span', {}, l10n.t("This turn's changes were undone.")))];
  }
  const tip = l10n.t(
    'Restores the {0} file(s) this turn changed as they were before it, and removes the files it created. Files changed by the commands it ran are not restored.',
    checkpoint.files,
  );
  const undo = h(
    'button',
    { type: 'button', class: 'button secondary undo-turn', 'data-testid': 'undo-turn', 'data-action': 'undo-turn', title: tip, disabled: busy },
    icon('discard'),
    h('span', {}, l10n.t("Undo this turn's changes")),
  );
  const parts = [h('div', { class: 'turn-undo' }, undo)];
  if (checkpoint.commandsRan) {
    parts.push(
      h('div', { class: 'turn-note', 'data-testid': 'undo-not-covered' }, icon('info'), h('span', {}, l10n.t('Commands ran in this turn: undo does not revert what they changed.'))),
    );
  }
  return parts;
}
