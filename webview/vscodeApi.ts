/** The typed face of acquireVsCodeApi(): messages to the host and the state kept across reloads. */
import type { PersistedWebviewState, WebviewToHostMessage } from './protocol.ts';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export interface HostChannel {
  post(message: WebviewToHostMessage): void;
  loadState(): PersistedWebviewState | undefined;
  saveState(state: PersistedWebviewState): void;
}

/** May be called once per page, as VS Code requires. */
export function connectToHost(): HostChannel {
  const api = acquireVsCodeApi();
  return {
    post: (message) => api.postMessage(message),
    loadState: () => {
      const kept = api.getState() as PersistedWebviewState | undefined;
      return kept && typeof kept === 'object' && 'prefs' in kept ? kept : undefined;
    },
    saveState: (state) => api.setState(state),
  };
}
