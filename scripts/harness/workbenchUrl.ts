/**
 * The workbench URL of a code-server run. code-server rejects --extensionDevelopmentPath on its
 * command line; the web workbench takes it (and the tests) from the `payload` query parameter instead,
 * as remote URIs, when the server runs with the smoke-test driver.
 */
import type { CodeServer } from './codeServer.ts';

export interface ExtensionTestPayload {
  readonly extensionDevelopmentPath: string;
  readonly extensionTestsPath?: string;
  /** Environment variables of the extension host. */
  readonly extensionEnvironment?: Readonly<Record<string, string>>;
}

export function workbenchUrl(server: CodeServer, folder: string, payload?: ExtensionTestPayload): string {
  const query = new URLSearchParams({ folder });
  if (payload) {
    const remote = (file: string): string => `vscode-remote://127.0.0.1:${server.port}${file}`;
    const entries: [string, string][] = [['extensionDevelopmentPath', remote(payload.extensionDevelopmentPath)]];
    if (payload.extensionTestsPath) entries.push(['extensionTestsPath', remote(payload.extensionTestsPath)]);
    if (payload.extensionEnvironment) entries.push(['extensionEnvironment', JSON.stringify(payload.extensionEnvironment)]);
    query.set('payload', JSON.stringify(entries));
  }
  return `${server.origin}/?${query.toString()}`;
}
