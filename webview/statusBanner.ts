/** The line that says how a run stands: loading, empty, running, finished, stopped or failed. */
import { createProgressRing } from './components/progressRing.ts';
import { element } from './dom.ts';
import type { RunStatusView } from './protocol.ts';

const PHASE_TITLES: Record<RunStatusView['phase'], string> = {
  loading: 'Loading',
  empty: 'No data yet',
  running: 'Running',
  finished: 'Finished',
  stopped: 'Stopped',
  failed: 'Failed',
};

export function renderStatusBanner(target: HTMLElement, status: RunStatusView): void {
  target.className = `status-banner status-${status.phase}`;
  target.setAttribute('role', status.phase === 'failed' ? 'alert' : 'status');
  target.dataset.phase = status.phase;
  const parts: (Node | string)[] = [];
  if (status.phase === 'running' || status.phase === 'loading') parts.push(createProgressRing(PHASE_TITLES[status.phase]));
  parts.push(element('strong', {}, PHASE_TITLES[status.phase]), element('span', { class: 'status-message' }, status.message));
  if (status.progress) parts.push(element('span', { class: 'status-progress' }, status.progress));
  target.replaceChildren(...parts);
}
