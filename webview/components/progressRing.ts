/** A toolkit progress ring, shown while a run is going or a panel loads. */
import { registerToolkit } from './toolkit.ts';

export function createProgressRing(ariaLabel: string): HTMLElement {
  registerToolkit();
  const ring = document.createElement('vscode-progress-ring');
  ring.setAttribute('aria-label', ariaLabel);
  return ring;
}
