/** The Pareto panel's state from the fixture tuning (test/fixtures/tuning/), as the host builds it: for the webview and theme tests. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseTuningFile } from '../../extension/runHistory/analysisFiles.ts';
import { paretoState } from '../../extension/panels/pareto/paretoState.ts';
import type { ParetoState } from '../../webview/protocol.ts';

export const TUNING_FIXTURES = path.join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'tuning');

export function fixtureParetoState(live = false): ParetoState {
  const tuning = parseTuningFile(JSON.parse(fs.readFileSync(path.join(TUNING_FIXTURES, 'tuning.json'), 'utf8')));
  if (!tuning) throw new Error('test/fixtures/tuning/tuning.json does not read as a tuning file');
  const configText = fs.readFileSync(path.join(TUNING_FIXTURES, 'config.distq.json'), 'utf8');
  return paretoState('/runs/mnist-w4a4-20261205-070000Z', tuning, configText, live);
}
