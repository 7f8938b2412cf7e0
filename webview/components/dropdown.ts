/** A toolkit dropdown with a visible label. */
import { registerToolkit } from './toolkit.ts';

export interface DropdownOptions {
  label: string;
  choices: { value: string; label: string }[];
  selected: string;
  onChange: (value: string) => void;
  id?: string;
}

export function createDropdown(options: DropdownOptions): HTMLElement {
  registerToolkit();
  const wrapper = document.createElement('div');
  wrapper.className = 'labelled-control';
  const label = document.createElement('label');
  label.textContent = options.label;
  const dropdown = document.createElement('vscode-dropdown') as HTMLElement & { value: string };
  const id = options.id ?? `dropdown-${Math.random().toString(36).slice(2)}`;
  dropdown.id = id;
  label.htmlFor = id;
  dropdown.setAttribute('aria-label', options.label);
  for (const choice of options.choices) {
    const option = document.createElement('vscode-option') as HTMLElement & { value: string };
    option.setAttribute('value', choice.value);
    option.textContent = choice.label;
    if (choice.value === options.selected) option.setAttribute('selected', '');
    dropdown.append(option);
  }
  dropdown.addEventListener('change', () => options.onChange(dropdown.value));
  wrapper.append(label, dropdown);
  return wrapper;
}
