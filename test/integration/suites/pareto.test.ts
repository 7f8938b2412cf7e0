/**
 * Tuning's VS Code side in a real VS Code, from a fixture run folder (test/fixtures/tuning): the
 * Pareto panel reads tuning.json, follows it as it is rewritten, and opens the run's layers view;
 * the Tune lens shows on configs with a `tuning` section. A real tuning through the engine's
 * `tune/start` is in tuning.test.ts.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DistqApi } from '../../../extension/api.ts';
import { testWorkspaceFolder } from '../distqExtension.ts';
import { activateDistq, EXTENSION_ID, waitFor } from './coreSupport.ts';
import { LAYERS, PARETO, waitForPanel, waitForState, writeConfig } from './panelsSupport.ts';

interface TuningFixture {
  trials: unknown[];
  finished: boolean;
  summary: { met: boolean; trials: number; chosen: number | null };
}

suite('tuning: the Pareto panel and the Tune lens', function () {
  this.timeout(120_000);
  let api: DistqApi;
  let runFolder: string;
  let fixture: TuningFixture;
  let configPath: string;

  suiteSetup(async () => {
    api = await activateDistq();
    const fixtures = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'test', 'fixtures', 'tuning');
    fixture = JSON.parse(fs.readFileSync(path.join(fixtures, 'tuning.json'), 'utf8')) as TuningFixture;
    runFolder = path.join(testWorkspaceFolder().fsPath, 'runs', 'pareto-fixture-20261205-070000Z');
    fs.mkdirSync(runFolder, { recursive: true });
    fs.copyFileSync(path.join(fixtures, 'config.distq.json'), path.join(runFolder, 'config.distq.json'));
    // The tuning as it stands after two trials: still going.
    fs.writeFileSync(path.join(runFolder, 'tuning.json'), JSON.stringify({ ...fixture, trials: fixture.trials.slice(0, 2), finished: false, summary: { met: false, trials: 2, chosen: 1 }, tunedConfigPath: null }));
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor').then(undefined, () => undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(runFolder, { recursive: true, force: true });
    if (configPath) fs.rmSync(configPath, { force: true });
  });

  test('the Pareto panel shows the trials of tuning.json and follows it as the engine rewrites it', async () => {
    await vscode.commands.executeCommand('distq.openPareto', vscode.Uri.file(runFolder));
    const panel = await waitForPanel(api, PARETO);
    const first = await waitForState(panel, 'pareto', 'two trials', (s) => s.trials.length === 2);
    assert.equal(first.status.phase, 'stopped', 'an unfinished tuning that this window does not drive');
    assert.equal(first.targetLabel, 'target ≥ 98.05 %');
    assert.deepEqual(first.size.trials, [0, 1]);

    fs.writeFileSync(path.join(runFolder, 'tuning.json.tmp'), JSON.stringify(fixture));
    fs.renameSync(path.join(runFolder, 'tuning.json.tmp'), path.join(runFolder, 'tuning.json'));
    const last = await waitForState(panel, 'pareto', 'all four trials', (s) => s.trials.length === 4);
    assert.equal(last.status.phase, 'finished');
    assert.equal(last.chosen, 3);
    assert.deepEqual(last.trials[3]?.difference, ['conv2: W4A4 → W8A8']);
    assert.equal(last.latency.note, '1 of 4 trials had no latency measured and is not shown here.');

    await vscode.commands.executeCommand('distq.openPareto', vscode.Uri.file(runFolder));
    assert.equal(api.panels().filter((p) => p.viewType === PARETO).length, 1, 'one Pareto panel per run folder');
  });

  test('"Open Layers" opens the layers view of the run', async () => {
    const panel = await waitForPanel(api, PARETO);
    await panel.receive({ type: 'showLayers' });
    const layers = await waitForPanel(api, LAYERS, (title) => title.includes(path.basename(runFolder)));
    await waitForState(layers, 'layers', 'the run\'s layers', (s) => s.runFolder === runFolder);
  });

  test('the Tune lens shows beside Run on a config with a tuning section only', async () => {
    const workspace = testWorkspaceFolder().fsPath;
    const withTuning = writeConfig(workspace, 'tuned-lens.distq.json', { name: 'tuned-lens', model: { path: 'tiny.onnx' }, data: { kind: 'mnist' }, tuning: { maxTrials: 4 } });
    configPath = withTuning.fsPath;
    // The workbench asks providers only about documents it has loaded.
    const document = await vscode.workspace.openTextDocument(withTuning);
    let commands: string[] = [];
    await waitFor('the Tune lens', async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', withTuning);
      commands = lenses.flatMap((lens) => (lens.command ? [lens.command.command] : []));
      return commands.includes('distq.tune');
    }, 20_000);
    assert.deepEqual(commands.filter((c) => c.startsWith('distq.')), ['distq.run', 'distq.tune']);

    const edit = new vscode.WorkspaceEdit();
    edit.replace(withTuning, new vscode.Range(0, 0, document.lineCount, 0), JSON.stringify({ name: 'tuned-lens', model: { path: 'tiny.onnx' }, data: { kind: 'mnist' } }));
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor('only the Run lens', async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', withTuning);
      return !lenses.some((lens) => lens.command?.command === 'distq.tune');
    }, 20_000);
  });
});
