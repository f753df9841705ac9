// The status bar's quick picks (models, reasoning effort): a chunk of their own (dist/chunks/pickers.js), loaded
// when one is first opened, so activation carries only the status-bar item.
export { pickModel } from './modelPicker';
export { pickReasoningEffort } from './reasoningEffort';
