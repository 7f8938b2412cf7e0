/** Helpers of the core integration suites: the extension's test API, fixture files, polling. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DistqApi } from '../../../extension/api.ts';
import type { RunOutcome } from '../../../extension/liveRun/runController.ts';

export const EXTENSION_ID = 'distq.distq';

export async function activateDistq(): Promise<DistqApi> {
  const extension = vscode.extensions.getExtension<DistqApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is installed`);
  return extension.activate();
}

/** A file of test/fixtures/workspace, found wherever the harness opened it. */
export async function fixture(name: string): Promise<vscode.Uri> {
  const [uri] = await vscode.workspace.findFiles(`**/${name}`, '**/node_modules/**', 1);
  assert.ok(uri, `fixture ${name} is in the workspace`);
  return uri;
}

export async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const start = Date.now();
  while (!(await condition())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The next firing of `event`, or a rejection naming `what` after `timeoutMs`. */
export function nextEvent<T>(event: vscode.Event<T>, what: string, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`no ${what} within ${timeoutMs} ms`));
    }, timeoutMs);
    const subscription = event((value) => {
      clearTimeout(timer);
      subscription.dispose();
      resolve(value);
    });
  });
}

/** The next run end; subscribe before starting the run. */
export function nextRunEnd(api: DistqApi, timeoutMs = 120_000): Promise<RunOutcome> {
  return nextEvent(api.onDidEndRun, 'run ended', timeoutMs);
}
