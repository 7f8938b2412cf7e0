/** Panel states from the fixture tuning and sensitivity analysis (test/fixtures/tuning/), as the host builds them: for the webview and theme tests. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SensitivityReport } from '../../contracts/sensitivityReport.ts';
import { parseSensitivityReport, parseTuningFile } from '../../extension/runHistory/analysisFiles.ts';
import { runLayersState } from '../../extension/panels/layers/layersState.ts';
import { paretoState } from '../../extension/panels/pareto/paretoState.ts';
import type { LayersState, ParetoState } from '../../webview/protocol.ts';
import { runContents } from './samplePanelStates.ts';

export const TUNING_FIXTURES = path.join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'tuning');

export function fixtureParetoState(live = false): ParetoState {
  const tuning = parseTuningFile(JSON.parse(fs.readFileSync(path.join(TUNING_FIXTURES, 'tuning.json'), 'utf8')));
  if (!tuning) throw new Error('test/fixtures/tuning/tuning.json does not read as a tuning file');
  const configText = fs.readFileSync(path.join(TUNING_FIXTURES, 'config.distq.json'), 'utf8');
  return paretoState('/runs/mnist-w4a4-20261205-070000Z', tuning, configText, live);
}

/** The sensitivity analysis of test/fixtures/tuning/sensitivity.json, as the run-folder reader checks it. */
export function fixtureSensitivity(): SensitivityReport {
  const report = parseSensitivityReport(JSON.parse(fs.readFileSync(path.join(TUNING_FIXTURES, 'sensitivity.json'), 'utf8')));
  if (!report) throw new Error('test/fixtures/tuning/sensitivity.json does not read as a sensitivity report');
  return report;
}

/** The layers panel of a six-layer run that has the fixture's sensitivity analysis (four layers measured, one left unmeasured, one not analysed). */
export function layersStateWithSensitivity(): LayersState {
  const contents = { ...runContents('/w/runs/mnist-kd-20260101-000000Z', 50, 6), sensitivity: fixtureSensitivity() };
  return runLayersState(contents, [], { phase: 'finished', message: 'Finished in 1:01.' });
}
