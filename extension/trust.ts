/** Workspace Trust for commands that need the engine: untrusted → say why, start nothing. */
import * as vscode from 'vscode';
import type { Notifier } from './notifier.ts';

const MANAGE_TRUST = 'Manage Workspace Trust';

export function untrustedMessage(action: string): string {
  return `${action} needs a trusted workspace: it starts the DistQ engine, which loads the models and data this workspace names. Nothing was started. Trust this workspace to continue.`;
}

/** True when the workspace is trusted; otherwise shows the reason and returns false. */
export function requireTrust(notifier: Notifier, action: string): boolean {
  if (vscode.workspace.isTrusted) return true;
  void notifier.error(untrustedMessage(action), MANAGE_TRUST).then((choice) => {
    if (choice === MANAGE_TRUST) void vscode.commands.executeCommand('workbench.trust.manage');
  });
  return false;
}
