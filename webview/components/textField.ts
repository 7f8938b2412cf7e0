/** A toolkit text field, e.g. a filter box. */
import { registerToolkit } from './toolkit.ts';

export interface TextFieldOptions {
  placeholder: string;
  value: string;
  ariaLabel: string;
  onInput: (value: string) => void;
  id?: string;
}

export function createTextField(options: TextFieldOptions): HTMLElement {
  registerToolkit();
  const field = document.createElement('vscode-text-field') as HTMLElement & { value: string };
  field.setAttribute('placeholder', options.placeholder);
  field.setAttribute('aria-label', options.ariaLabel);
  if (options.id) field.id = options.id;
  field.setAttribute('value', options.value);
  field.addEventListener('input', () => options.onInput(field.value));
  return field;
}
