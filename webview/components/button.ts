/** A toolkit button: keyboard-reachable, themed, with an accessible name. */
import { registerToolkit } from './toolkit.ts';

export interface ButtonOptions {
  label: string;
  onClick: () => void;
  appearance?: 'primary' | 'secondary' | 'icon';
  /** A longer name for screen readers when the label is short. */
  ariaLabel?: string;
  id?: string;
  pressed?: boolean;
}

export function createButton(options: ButtonOptions): HTMLElement {
  registerToolkit();
  const button = document.createElement('vscode-button');
  button.textContent = options.label;
  button.setAttribute('appearance', options.appearance ?? 'secondary');
  if (options.ariaLabel) button.setAttribute('aria-label', options.ariaLabel);
  if (options.id) button.id = options.id;
  if (options.pressed !== undefined) button.setAttribute('aria-pressed', String(options.pressed));
  button.addEventListener('click', () => options.onClick());
  return button;
}

export function setPressed(button: HTMLElement, pressed: boolean): void {
  button.setAttribute('aria-pressed', String(pressed));
}
