/** The user's `distq.accuracyTolerancePp`: how far below its teacher an INT8 model may fall and still meet the goal. */
import * as vscode from 'vscode';
import { DEFAULT_ACCURACY_TOLERANCE_PP } from '../contracts/accuracyVerdict.ts';

export function accuracyTolerancePp(): number {
  const value = vscode.workspace.getConfiguration('distq').get<number>('accuracyTolerancePp', DEFAULT_ACCURACY_TOLERANCE_PP);
  // A hand-edited settings.json can hold anything; a wrong value falls back rather than judging every run.
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : DEFAULT_ACCURACY_TOLERANCE_PP;
}
