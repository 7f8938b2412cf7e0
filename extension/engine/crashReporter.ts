/** Tells the user about engine crashes: the last output lines, the log, and when DistQ gives up. */
import * as vscode from 'vscode';
import type { Notifier } from '../notifier.ts';
import { Disposable } from '../disposable.ts';
import { crashedMessage } from '../liveRun/runMessages.ts';
import type { EngineClient, EngineCrash } from './engineClient.ts';
import { EngineGaveUpError } from './engineErrors.ts';

const SHOW_LOG = 'Show Log';
const RESTART = 'Restart Engine';

export class EngineCrashReporter extends Disposable {
  /** `activeRunName` is read when the crash arrives, before the run controller forgets the run. */
  constructor(private readonly client: EngineClient, private readonly notifier: Notifier, private readonly activeRunName: () => string | undefined) {
    super();
    this.register(client.onDidCrash((crash) => this.report(crash)));
  }

  private report(crash: EngineCrash): void {
    const exit = crash.signal ? `signal ${crash.signal}` : `exit code ${crash.exitCode ?? '?'}`;
    if (crash.gaveUp) {
      void this.notifier.error(new EngineGaveUpError(crash.crashesInWindow).message, RESTART, SHOW_LOG).then((choice) => {
        if (choice === RESTART) this.client.resetRestarts();
        if (choice === SHOW_LOG) void vscode.commands.executeCommand('distq.showLog');
      });
      return;
    }
    void this.notifier.error(crashedMessage(this.activeRunName(), exit, crash.lastLines), SHOW_LOG).then((choice) => {
      if (choice === SHOW_LOG) void vscode.commands.executeCommand('distq.showLog');
    });
  }
}
