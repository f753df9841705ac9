// The confirmation a secret-shaped or excluded file needs: a modal dialog of VS Code, shown by the host (a page
// could click a button inside the webview; it cannot click this). Only an explicit click on the action is a yes:
// Escape, Cancel or closing the dialog is a no. Pure: VS Code's showWarningMessage is passed in.

/**
 * Asks whether a file may be sent anyway; true only for an explicit yes. `decline` is the dialog's first, default
 * button (what Enter takes), so a hurried Enter never sends the file; VS Code adds its own Cancel besides.
 */
export type Confirm = (question: { message: string; detail: string; action: string; decline: string }) => Promise<boolean>;

export type ShowWarning = (message: string, options: { modal: true; detail: string }, ...items: string[]) => PromiseLike<string | undefined>;

export function modalConfirm(show: ShowWarning): Confirm {
  return async ({ message, detail, action, decline }) => (await show(message, { modal: true, detail }, decline, action)) === action;
}
