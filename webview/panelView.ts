/** What main.ts needs from each panel's view. */
import type { AppliedUpdate } from './state/applyUpdate.ts';
import type { LayerDetail, PanelState, PersistedWebviewState, ViewPrefs, WebviewToHostMessage } from './protocol.ts';

export interface PanelView {
  readonly kind: PanelState['kind'];
  /** Shows a whole state: the first, or one that replaces the last. */
  render(state: PanelState): void;
  /** The state was changed in place by an update. */
  updated(state: PanelState, applied: AppliedUpdate): void;
  showDetail(detail: LayerDetail): void;
  retheme(): void;
  destroy(): void;
}

export interface ViewContext {
  post(message: WebviewToHostMessage): void;
  prefs: ViewPrefs;
  /** Call after changing prefs: they are kept with the state. */
  savePrefs(): void;
}

export function defaultPrefs(): ViewPrefs {
  return { logScale: false, tables: [], sort: null, filter: '', selectedNode: null };
}

export function emptyPersistedState(): PersistedWebviewState {
  return { panel: null, prefs: defaultPrefs() };
}
