/**
 * Merges a host update into the state the webview holds. Step series are appended
 * in place (the charts hold the same arrays, so nothing is copied); the rest is
 * replaced. Bookkeeping only: every number comes from the host as it is.
 */
import type { DashboardState, LayersState, PanelState, PanelUpdate, StepSeries } from '../protocol.ts';
import { assertNever } from '../protocol.ts';

/** True when the rows could be appended; false when the series do not line up (the caller asks for nothing and waits for a snapshot). */
function appendSteps(target: StepSeries, rows: StepSeries): boolean {
  if (rows.losses.length !== target.losses.length || rows.losses.some((s, i) => s.label !== target.losses[i]!.label)) return false;
  for (const x of rows.steps) target.steps.push(x);
  rows.losses.forEach((series, i) => {
    const into = target.losses[i]!;
    for (const v of series.raw) into.raw.push(v);
    for (const v of series.smoothed) into.smoothed.push(v);
  });
  for (const v of rows.learningRate) target.learningRate.push(v);
  return true;
}

export interface AppliedUpdate {
  stepsAppended: boolean;
  accuracyChanged: boolean;
  statusChanged: boolean;
  summaryChanged: boolean;
  excludedChanged: boolean;
}

export function applyUpdate(state: PanelState, update: PanelUpdate): AppliedUpdate | undefined {
  const applied: AppliedUpdate = { stepsAppended: false, accuracyChanged: false, statusChanged: false, summaryChanged: false, excludedChanged: false };
  switch (update.kind) {
    case 'dashboard': {
      if (state.kind !== 'dashboard') return undefined;
      const dashboard: DashboardState = state;
      if (update.appendSteps) {
        if (!appendSteps(dashboard.steps, update.appendSteps)) return undefined;
        applied.stepsAppended = update.appendSteps.steps.length > 0;
      }
      if (update.accuracy) {
        dashboard.accuracy = update.accuracy;
        applied.accuracyChanged = true;
      }
      if (update.auxiliaryHeads) {
        dashboard.auxiliaryHeads = update.auxiliaryHeads;
        applied.accuracyChanged = true;
      }
      if (update.status) {
        dashboard.status = update.status;
        applied.statusChanged = true;
      }
      if (update.summary) {
        dashboard.summary = update.summary;
        applied.summaryChanged = true;
      }
      return applied;
    }
    case 'layers': {
      if (state.kind !== 'layers') return undefined;
      const layers: LayersState = state;
      layers.excluded = update.excluded;
      applied.excludedChanged = true;
      return applied;
    }
    default:
      return assertNever(update);
  }
}
