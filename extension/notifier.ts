/**
 * Every message DistQ shows the user goes through here, so the log keeps a copy and
 * integration tests can read what the user was told (the API's lastMessage()).
 */
import * as vscode from 'vscode';

export type MessageSeverity = 'info' | 'warning' | 'error';

export interface UserMessage {
  severity: MessageSeverity;
  text: string;
  actions: string[];
  /** Date.now() when shown. */
  at: number;
}

const HISTORY_LIMIT = 50;

export class Notifier {
  private readonly history: UserMessage[] = [];

  constructor(private readonly log: vscode.LogOutputChannel) {}

  info(text: string, ...actions: string[]): Thenable<string | undefined> {
    this.remember('info', text, actions);
    return vscode.window.showInformationMessage(text, ...actions);
  }

  warn(text: string, ...actions: string[]): Thenable<string | undefined> {
    this.remember('warning', text, actions);
    return vscode.window.showWarningMessage(text, ...actions);
  }

  error(text: string, ...actions: string[]): Thenable<string | undefined> {
    this.remember('error', text, actions);
    return vscode.window.showErrorMessage(text, ...actions);
  }

  get last(): UserMessage | undefined {
    return this.history[this.history.length - 1];
  }

  get all(): readonly UserMessage[] {
    return this.history;
  }

  private remember(severity: MessageSeverity, text: string, actions: string[]): void {
    this.history.push({ severity, text, actions, at: Date.now() });
    if (this.history.length > HISTORY_LIMIT) this.history.shift();
    // The log channel writes the level itself ("[error] …"): log at the message's own level, once.
    if (severity === 'error') this.log.error(text);
    else if (severity === 'warning') this.log.warn(text);
    else this.log.info(text);
  }
}
