/** The `when`-clause context keys of package.json's menus, set only when they change. */
import * as vscode from 'vscode';

export type DistqContextKey = 'distq.running' | 'distq.tuning' | 'distq.hasRuns' | 'distq.hasConfigs';

export class ContextKeys {
  private readonly values = new Map<DistqContextKey, boolean>();

  set(key: DistqContextKey, value: boolean): void {
    if (this.values.get(key) === value) return;
    this.values.set(key, value);
    void vscode.commands.executeCommand('setContext', key, value);
  }

  get(key: DistqContextKey): boolean {
    return this.values.get(key) ?? false;
  }
}
