/** A card of labelled figures the host formatted (accuracies, size, latency, agreement). */
import { element } from './dom.ts';
import type { SummaryItem } from './protocol.ts';

export function renderSummaryCard(target: HTMLElement, items: readonly SummaryItem[]): void {
  target.hidden = items.length === 0;
  const list = element('dl', { class: 'summary-grid' });
  for (const item of items) {
    const value = element('dd', { class: `summary-value tone-${item.tone ?? 'neutral'}` }, item.value);
    if (item.detail) value.append(element('span', { class: 'summary-detail' }, item.detail));
    list.append(element('div', { class: 'summary-item' }, element('dt', {}, item.label), value));
  }
  target.replaceChildren(element('h2', {}, 'Summary'), list);
}
