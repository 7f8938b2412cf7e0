/**
 * The one place that knows the webview UI toolkit (@vscode/webview-ui-toolkit). The
 * toolkit is no longer developed; the rest of the webview uses the small factories in
 * this folder, so moving to its successor touches only these files.
 */
import {
  provideVSCodeDesignSystem,
  vsCodeButton,
  vsCodeCheckbox,
  vsCodeDropdown,
  vsCodeOption,
  vsCodeProgressRing,
  vsCodeTextField,
} from '@vscode/webview-ui-toolkit';

let registered = false;

/** Defines the toolkit's custom elements once, before any factory creates one. */
export function registerToolkit(): void {
  if (registered) return;
  registered = true;
  provideVSCodeDesignSystem().register(vsCodeButton(), vsCodeCheckbox(), vsCodeDropdown(), vsCodeOption(), vsCodeProgressRing(), vsCodeTextField());
}
