// Registers Apply: the Accept / Reject commands of a proposed change's diff. The service itself (its virtual
// documents, the diff, the edit; dist/chunks/apply.js) is loaded on the first Apply, so activation carries only
// these commands.
import * as vscode from 'vscode';
import { COMMANDS } from '../common/commands';
import type { Logger } from '../common/logger';
import type * as ApplyModule from './applyService';
import type { ApplyService } from './applyService';

/** What the rest of the extension (the chat, the tests' API) uses of Apply. */
export type ApplyFacade = Pick<ApplyService, 'apply' | 'accept' | 'reject' | 'useUi'> & { readonly proposals: ApplyService['proposals'] };

export function registerApply(context: vscode.ExtensionContext, deps: { log: Logger; loadService: () => typeof ApplyModule }): ApplyFacade {
  let service: ApplyService | undefined;
  const get = (): ApplyService => {
    if (!service) {
      const { ApplyService: Service, modalUi } = deps.loadService();
      service = new Service(modalUi, deps.log);
    }
    return service;
  };
  const facade: ApplyFacade = {
    apply: (request) => get().apply(request),
    accept: (uri) => get().accept(uri),
    reject: (uri) => get().reject(uri),
    useUi: (ui) => get().useUi(ui),
    get proposals() {
      return get().proposals;
    },
  };
  context.subscriptions.push(
    { dispose: () => service?.dispose() },
    vscode.commands.registerCommand(COMMANDS.acceptApply, (uri?: vscode.Uri) => facade.accept(uri instanceof vscode.Uri ? uri : undefined)),
    vscode.commands.registerCommand(COMMANDS.rejectApply, (uri?: vscode.Uri) => facade.reject(uri instanceof vscode.Uri ? uri : undefined)),
  );
  return facade;
}
