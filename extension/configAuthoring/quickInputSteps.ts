/**
 * One step of a multi-step quick input: a quick pick or an input box that shows
 * "step/total" and a back button, and resolves to the answer, BACK or CANCEL.
 */
import * as vscode from 'vscode';

export const BACK = Symbol('back');
export const CANCEL = Symbol('cancel');
export type StepOutcome<T> = T | typeof BACK | typeof CANCEL;

export interface StepPosition {
  title: string;
  step: number;
  totalSteps: number;
  /** False on the first step. */
  canGoBack: boolean;
}

export interface PickItem<T> extends vscode.QuickPickItem {
  value: T;
}

export function pickStep<T>(position: StepPosition, placeholder: string, items: readonly PickItem<T>[], active?: PickItem<T>): Promise<StepOutcome<T>> {
  const pick = vscode.window.createQuickPick<PickItem<T>>();
  pick.title = position.title;
  pick.step = position.step;
  pick.totalSteps = position.totalSteps;
  pick.placeholder = placeholder;
  pick.items = items;
  if (active) pick.activeItems = [active];
  pick.buttons = position.canGoBack ? [vscode.QuickInputButtons.Back] : [];
  pick.ignoreFocusOut = true;
  const subscriptions: vscode.Disposable[] = [];
  return new Promise<StepOutcome<T>>((resolve) => {
    subscriptions.push(
      pick.onDidTriggerButton((button) => {
        if (button === vscode.QuickInputButtons.Back) resolve(BACK);
      }),
      pick.onDidAccept(() => {
        const chosen = pick.selectedItems[0];
        if (chosen) resolve(chosen.value);
      }),
      pick.onDidHide(() => resolve(CANCEL)),
    );
    pick.show();
  }).finally(() => {
    subscriptions.forEach((s) => s.dispose());
    pick.dispose();
  });
}

export interface TextStepOptions {
  prompt: string;
  value: string;
  /** An error stops acceptance; a warning only informs. */
  validate(value: string): vscode.InputBoxValidationMessage | undefined;
}

export function textStep(position: StepPosition, options: TextStepOptions): Promise<StepOutcome<string>> {
  const box = vscode.window.createInputBox();
  box.title = position.title;
  box.step = position.step;
  box.totalSteps = position.totalSteps;
  box.prompt = options.prompt;
  box.value = options.value;
  box.buttons = position.canGoBack ? [vscode.QuickInputButtons.Back] : [];
  box.ignoreFocusOut = true;
  box.validationMessage = options.validate(box.value);
  const subscriptions: vscode.Disposable[] = [];
  return new Promise<StepOutcome<string>>((resolve) => {
    subscriptions.push(
      box.onDidChangeValue((value) => {
        box.validationMessage = options.validate(value);
      }),
      box.onDidTriggerButton((button) => {
        if (button === vscode.QuickInputButtons.Back) resolve(BACK);
      }),
      box.onDidAccept(() => {
        const message = options.validate(box.value);
        if (message?.severity === vscode.InputBoxValidationSeverity.Error) return;
        resolve(box.value);
      }),
      box.onDidHide(() => resolve(CANCEL)),
    );
    box.show();
  }).finally(() => {
    subscriptions.forEach((s) => s.dispose());
    box.dispose();
  });
}
