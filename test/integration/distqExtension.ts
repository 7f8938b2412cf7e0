/** The DistQ extension and the test workspace as an integration suite finds them. */
import * as vscode from 'vscode';

export const distqExtensionId = 'distq.distq';

export function distqExtension(): vscode.Extension<unknown> {
  const extension = vscode.extensions.getExtension(distqExtensionId);
  if (!extension) throw new Error(`${distqExtensionId} is not among the extensions of this VS Code (extensionDevelopmentPath not loaded)`);
  return extension;
}

/** The run's copy of test/fixtures/workspace. */
export function testWorkspaceFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the tests run without a workspace folder');
  return folder.uri;
}
