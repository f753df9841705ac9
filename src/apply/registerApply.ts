// Registers Apply: the virtual documents of proposed changes and the Accept / Reject commands of their diff.
import * as vscode from 'vscode';
import { COMMANDS } from '../common/commands';
import type { Logger } from '../common/logger';
import { ApplyService, modalUi } from './applyService';

export function registerApply(context: vscode.ExtensionContext, deps: { log: Logger }): ApplyService {
  const service = new ApplyService(modalUi, deps.log);
  context.subscriptions.push(
    service,
    vscode.commands.registerCommand(COMMANDS.acceptApply, (uri?: vscode.Uri) => service.accept(uri instanceof vscode.Uri ? uri : undefined)),
    vscode.commands.registerCommand(COMMANDS.rejectApply, (uri?: vscode.Uri) => service.reject(uri instanceof vscode.Uri ? uri : undefined)),
  );
  return service;
}
