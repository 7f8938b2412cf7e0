/**
 * The panels in a real VS Code (trusted workspace): the dashboard of a finished run and of a live
 * one, the layers panel of a run and of an inspection, "Exclude from quantization" as an undoable
 * edit, and Compare Runs. What the webview holds is rebuilt from what the host posted to it
 * (DistqApi.panels, panelsSupport.ts), so every check also proves the real webview said ready.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DistqApi } from '../../../extension/api.ts';
import type { PanelProbe } from '../../../extension/panels/panelProbes.ts';
import { testWorkspaceFolder } from '../distqExtension.ts';
import { activateDistq, fixture, nextRunEnd, waitFor } from './coreSupport.ts';
import { COMPARE, DASHBOARD, LAYERS, stepRecordCount, waitForPanel, waitForState, webviewState, webviewTab, writeConfig } from './panelsSupport.ts';
import { accuracyVerdict, DEFAULT_ACCURACY_TOLERANCE_PP } from '../../../contracts/accuracyVerdict.ts';

interface LayersFile {
  ptq: { layers: { node: string }[] } | null;
  final: { layers: { node: string }[] } | null;
}

interface SummaryFile {
  accuracy: { qatInt8: number; ptqInt8: number; teacherFp32: number | null; studentFp32: number };
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

/** As the panels write a fraction (extension/panels/numberFormat.ts). */
function percent(fraction: number): string {
  return `${(100 * fraction).toFixed(2)} %`;
}

suite('panels (trusted workspace)', function () {
  this.timeout(240_000);
  let api: DistqApi;
  let workspace: string;
  let finishedRun: string;
  let finishedConfig: vscode.Uri;
  const runFolders: string[] = [];

  suiteSetup(async function () {
    assert.equal(vscode.workspace.isTrusted, true, 'this suite runs in the trusted run of the harness');
    api = await activateDistq();
    workspace = testWorkspaceFolder().fsPath;
    const tiny = await fixture('tiny.distq.json');
    // A config of this suite's own, so its edits never touch what other suites run.
    finishedConfig = writeConfig(path.dirname(tiny.fsPath), 'panels.distq.json', {
      name: 'panels', model: { path: 'tiny.onnx' }, data: { kind: 'mnist', trainCount: 256, testCount: 100 },
      distillation: { kind: 'none' }, quantization: { calibrationBatches: 1 }, training: { epochs: 1, batchSize: 32, logEverySteps: 1 },
    });
    const ended = nextRunEnd(api);
    const started = await vscode.commands.executeCommand<string | undefined>('distq.run', finishedConfig);
    assert.ok(started, `the run started (last message: ${api.lastMessage()?.text})`);
    runFolders.push(started);
    const outcome = await ended;
    assert.equal(outcome.status, 'finished', outcome.message);
    finishedRun = started;
  });

  suiteTeardown(async () => {
    if (api.activeRun()) await vscode.commands.executeCommand('distq.stop');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor').then(undefined, () => undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const folder of runFolders) fs.rmSync(folder, { recursive: true, force: true });
    fs.rmSync(path.join(workspace, 'panels.distq.json'), { force: true });
    fs.rmSync(path.join(workspace, 'panelsLive.distq.json'), { force: true });
  });

  test('the dashboard of a finished run shows its numbers', async () => {
    await vscode.commands.executeCommand('distq.openDashboard', vscode.Uri.file(finishedRun));
    const panel = await waitForPanel(api, DASHBOARD, (title) => title.endsWith(path.basename(finishedRun)));
    const state = await waitForState(panel, 'dashboard', 'the snapshot');
    assert.ok(webviewTab(DASHBOARD, panel.title), 'a webview tab of the dashboard view type');
    assert.equal(state.runFolder, finishedRun);
    assert.equal(state.status.phase, 'finished');
    assert.equal(state.steps.steps.length, stepRecordCount(finishedRun), 'one loss point per step record of metrics.jsonl');
    assert.equal(state.steps.losses[0]?.label, 'total');
    const summary = readJson<SummaryFile>(path.join(finishedRun, 'summary.json'));
    const item = (label: string): string | undefined => state.summary.find((i) => i.label === label)?.value;
    assert.equal(item('Exported INT8'), percent(summary.accuracy.qatInt8));
    assert.equal(item('PTQ INT8'), percent(summary.accuracy.ptqInt8));
    // The headline leads, judged by the rule and the default tolerance (no setting in the test profile).
    const { qatInt8, teacherFp32, studentFp32 } = summary.accuracy;
    const verdict = accuracyVerdict({ int8: qatInt8, teacherFp32, studentFp32 }, DEFAULT_ACCURACY_TOLERANCE_PP);
    assert.equal(state.summary[0]?.label, 'Result: INT8 vs teacher');
    assert.equal(state.summary[0]?.detail, verdict.text);
    assert.equal(state.summary[0]?.tone, verdict.verdict === 'meets' ? 'good' : 'warn');
  });

  test('the dashboard\'s "Per-layer error" opens the layers panel of that run', async () => {
    const dashboard = await waitForPanel(api, DASHBOARD, (title) => title.endsWith(path.basename(finishedRun)));
    await dashboard.receive({ type: 'showLayers' });
    const layers = await waitForPanel(api, LAYERS, (title) => title === `Layers · ${path.basename(finishedRun)}`);
    const state = await waitForState(layers, 'layers', 'the snapshot');
    const file = readJson<LayersFile>(path.join(finishedRun, 'layers.json'));
    assert.equal(state.source, 'run');
    assert.equal(state.canExclude, true);
    assert.deepEqual(state.rows.map((r) => r.node), (file.final ?? file.ptq)!.layers.map((l) => l.node));
  });

  test('"Exclude from quantization" adds the node to quantization.exclude as an undoable edit', async () => {
    const layers = await waitForPanel(api, LAYERS, (title) => title === `Layers · ${path.basename(finishedRun)}`);
    const state = await waitForState(layers, 'layers', 'the snapshot', (s) => s.rows.length > 0);
    const node = state.rows[0]!.node;
    const document = await vscode.workspace.openTextDocument(finishedConfig);
    const before = document.getText();
    assert.doesNotMatch(before, /"exclude"/);

    await layers.receive({ type: 'excludeLayer', node });
    assert.match(document.getText(), new RegExp(`"exclude": \\["${node}"\\]`));
    assert.ok(document.isDirty, 'an edit in the editor, not a write behind the user\'s back');
    await waitForState(layers, 'layers', `${node} excluded`, (s) => s.excluded.includes(node));

    await vscode.window.showTextDocument(document, { preserveFocus: false });
    await vscode.commands.executeCommand('undo');
    await waitFor('the undo', () => document.getText() === before, 10_000);
    assert.equal(document.isDirty, false);
  });

  test('inspectModel opens the layers panel with one row per quantized layer', async () => {
    const model = await fixture('tiny.onnx');
    const shown = await vscode.commands.executeCommand<boolean>('distq.inspectModel', model, { data: 'mnist', bits: 'W8A8' });
    assert.equal(shown, true, api.lastMessage()?.text);
    const panel = await waitForPanel(api, LAYERS, (title) => title === 'Layers · tiny.onnx (PTQ)');
    const state = await waitForState(panel, 'layers', 'the snapshot');
    assert.equal(state.source, 'inspect');
    assert.equal(state.canExclude, false);
    // The same model, calibrated the same way: the layers the run quantized.
    const file = readJson<LayersFile>(path.join(finishedRun, 'layers.json'));
    assert.deepEqual(state.rows.map((r) => r.node), file.ptq!.layers.map((l) => l.node));
    assert.ok(state.rows.every((r) => r.sqnrDb !== null), 'every row has its SQNR');
  });

  test('the dashboard of a live run receives metric updates', async () => {
    const config = writeConfig(workspace, 'panelsLive.distq.json', {
      name: 'panelsLive', model: { path: 'tiny.onnx' }, data: { kind: 'mnist', trainCount: 2000, testCount: 100 },
      distillation: { kind: 'none' }, quantization: { calibrationBatches: 1 }, training: { epochs: 2000, batchSize: 32, logEverySteps: 1 }, // minutes: the test stops it
    });
    const ended = nextRunEnd(api, 180_000);
    const runFolder = await vscode.commands.executeCommand<string | undefined>('distq.run', config);
    assert.ok(runFolder, `the run started (last message: ${api.lastMessage()?.text})`);
    runFolders.push(runFolder);

    // No argument: the dashboard of the run going now.
    await vscode.commands.executeCommand('distq.openDashboard');
    const panel: PanelProbe = await waitForPanel(api, DASHBOARD, (title) => title.endsWith(path.basename(runFolder)));
    const first = await waitForState(panel, 'dashboard', 'the snapshot');
    assert.equal(first.status.phase, 'running');
    const isAppend = (m: (typeof panel.posted)[number]): boolean => m.type === 'update' && m.update.kind === 'dashboard' && (m.update.appendSteps?.steps.length ?? 0) > 0;
    // A snapshot may come first (the first step record brings its loss components); then points are appended.
    await waitFor('appended loss points', () => panel.posted.some(isAppend));
    const before = webviewState(panel);
    assert.ok(before?.kind === 'dashboard');
    const count = before.steps.steps.length;
    const messagesBefore = panel.posted.length;
    const grown = await waitForState(panel, 'dashboard', 'more loss points', (s) => s.steps.steps.length >= Math.max(count, first.steps.steps.length) + 50);
    // Strictly increasing global steps: nothing lost twice or out of order.
    assert.ok(grown.steps.steps.every((step, i, all) => i === 0 || step > all[i - 1]!));
    // Batched: a few messages a second, not one per step.
    const messages = panel.posted.length - messagesBefore;
    assert.ok(messages < grown.steps.steps.length - count, `${messages} messages for ${grown.steps.steps.length - count} new points`);

    await vscode.commands.executeCommand('distq.stop');
    assert.equal((await ended).status, 'stopped');
    const last = await waitForState(panel, 'dashboard', 'the stopped status', (s) => s.status.phase === 'stopped');
    assert.equal(last.steps.steps.length, stepRecordCount(runFolder), 'every step record of metrics.jsonl, once');
  });

  test('Compare Runs with two runs opens the compare panel', async () => {
    assert.equal(runFolders.length, 2, 'the finished and the stopped run of this suite');
    // As the runs view calls it with two runs selected: (clicked node, selected nodes).
    const nodes = (await api.runsView.getChildren()).filter((n) => runFolders.includes(n.state.folder));
    assert.equal(nodes.length, 2);
    await vscode.commands.executeCommand('distq.compareRuns', nodes[0], nodes);
    const panel = await waitForPanel(api, COMPARE);
    const state = await waitForState(panel, 'compare', 'both runs', (s) => s.runFolders.length === 2);
    assert.deepEqual([...state.runFolders].sort(), [...runFolders].sort());
    assert.equal(state.table.rows.length, 2);
    assert.ok(webviewTab(COMPARE, panel.title), 'a webview tab of the compare view type');

    // From a caller with Uris: the same panel, re-used.
    await vscode.commands.executeCommand('distq.compareRuns', runFolders.map((folder) => vscode.Uri.file(folder)));
    assert.equal(api.panels().filter((p) => p.viewType === COMPARE).length, 1);
  });
});
