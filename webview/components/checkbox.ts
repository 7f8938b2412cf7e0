/** A toolkit checkbox with its label. */
import { registerToolkit } from './toolkit.ts';

export interface CheckboxOptions {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  id?: string;
}

export function createCheckbox(options: CheckboxOptions): HTMLElement {
  registerToolkit();
  const checkbox = document.createElement('vscode-checkbox') as HTMLElement & { checked: boolean };
  checkbox.textContent = options.label;
  if (options.id) checkbox.id = options.id;
  checkbox.checked = options.checked;
  if (options.checked) checkbox.setAttribute('checked', '');
  checkbox.addEventListener('change', () => options.onChange(checkbox.checked));
  return checkbox;
}
