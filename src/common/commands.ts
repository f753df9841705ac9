// Every command id the extension contributes, in one place (package.json's contributes.commands must list
// exactly these: a unit test keeps the two equal). Pure.

export const COMMANDS = {
  focusChat: 'inferenceChat.focusChat',
  newChat: 'inferenceChat.newChat',
  exportConversation: 'inferenceChat.exportConversation',
  explainSelection: 'inferenceChat.explainSelection',
  askAboutSelection: 'inferenceChat.askAboutSelection',
  fixSelection: 'inferenceChat.fixSelection',
  writeTestsForSelection: 'inferenceChat.writeTestsForSelection',
  documentSelection: 'inferenceChat.documentSelection',
  addToChat: 'inferenceChat.addToChat',
  setApiKey: 'inferenceChat.setApiKey',
  clearApiKey: 'inferenceChat.clearApiKey',
  switchProvider: 'inferenceChat.switchProvider',
  addCustomProvider: 'inferenceChat.addCustomProvider',
  setTeamId: 'inferenceChat.setTeamId',
  pickModel: 'inferenceChat.pickModel',
  setReasoningEffort: 'inferenceChat.setReasoningEffort',
  refreshModels: 'inferenceChat.refreshModels',
  showLog: 'inferenceChat.showLog',
  acceptApply: 'inferenceChat.acceptApply',
  rejectApply: 'inferenceChat.rejectApply',
  completionsMenu: 'inferenceChat.completions.showMenu',
  toggleCompletions: 'inferenceChat.completions.toggle',
  triggerCompletion: 'inferenceChat.completions.trigger',
  pickCompletionModel: 'inferenceChat.completions.pickModel',
  chooseAgentTools: 'inferenceChat.agent.chooseTools',
  editAgentAllowList: 'inferenceChat.agent.editAllowList',
} as const;
export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];

/** The chat view's id (its focus command is `${CHAT_VIEW_ID}.focus`). */
export const CHAT_VIEW_ID = 'inferenceChat.chatView';
