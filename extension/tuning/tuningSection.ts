/** Whether a config states a tuning target: a `tuning` object at its top level. No `vscode` here. */
import { findNodeAtLocation, parseTree } from 'jsonc-parser';

export function hasTuningSection(configText: string): boolean {
  const root = parseTree(configText, [], { allowTrailingComma: true });
  return root !== undefined && findNodeAtLocation(root, ['tuning'])?.type === 'object';
}
