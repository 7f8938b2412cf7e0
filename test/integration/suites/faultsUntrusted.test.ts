/// <reference types="mocha" />
/**
 * Hostile run folders in an untrusted workspace: a recorded config path outside the workspace, a
 * huge metrics.jsonl, Markdown and HTML in a summary's message. Nothing outside the workspace is
 * opened or edited, the reads are bounded and leave the extension host responsive, and the
 * tooltip shows the message as text.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DistqApi } from '../../../extension/api.ts';
import { MAX_METRICS_STEP_RECORDS } from '../../../extension/runHistory/runFolderReader.ts';
import { layerReport } from '../../../scripts/harness/samplePanelStates.ts';
import { writeLargeMetrics } from '../../../scripts/harness/largeMetrics.ts';
import { activateDistq, waitFor } from './coreSupport.ts';
import { DASHBOARD, LAYERS, waitForPanel, waitForState } from './panelsSupport.ts';

const HOSTILE_MESSAGE = 'stopped [run me](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> **loud**';
const VICTIM_TEXT = '{ "name": "victim" }\n';

suite('faults (untrusted workspace): hostile run folders', function () {
  this.timeout(180_000);
  let api: DistqApi;
  let runFolder: string;
  let victim: string;

  suiteSetup(async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'this suite runs in the untrusted run of the harness');
    api = await activateDistq();
    const workspace = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(workspace, 'a workspace folder');
    victim = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'distq-victim-')), 'victim.distq.json');
    fs.writeFileSync(victim, VICTIM_TEXT);
    runFolder = path.join(workspace, 'runs', 'hostile-20261201-000000Z');
    fs.mkdirSync(runFolder, { recursive: true });
    const file = (name: string, value: unknown): void => fs.writeFileSync(path.join(runFolder, name), typeof value === 'string' ? value : JSON.stringify(value));
    file('run.json', { kind: 'run', name: 'hostile', configPath: victim, startedAt: '2026-12-01T00:00:00.000Z' });
    file('config.distq.json', '{ "name": "hostile" }\n');
    file('layers.json', { ptq: layerReport(3, 4, 1), final: null });
    file('checkpoint.bin', 'x');
    file('summary.json', { kind: 'run', name: 'hostile', configPath: victim, status: 'stopped', message: HOSTILE_MESSAGE, checkpointEpoch: 1, seconds: 1, runFolder });
    writeLargeMetrics(path.join(runFolder, 'metrics.jsonl'), 40 * 1024 * 1024);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(runFolder, { recursive: true, force: true });
    fs.rmSync(path.dirname(victim), { recursive: true, force: true });
  });

  test('the runs view lists the run with its message escaped in the tooltip', async () => {
    const node = (await api.runsView.getChildren()).find((n) => n.state.folder === runFolder);
    assert.ok(node, 'the hostile run is listed');
    assert.equal(node.status, 'stopped');
    const tooltip = api.runsView.getTreeItem(node).tooltip;
    assert.ok(tooltip instanceof vscode.MarkdownString);
    assert.equal(tooltip.isTrusted ?? false, false);
    // No bracket or angle bracket without its escaping backslash: nothing can open a link or a tag.
    assert.doesNotMatch(tooltip.value, /(^|[^\\])[[<]/, tooltip.value);
    assert.ok(tooltip.value.includes('\\[run me\\]\\(command\\:workbench\\.action\\.terminal\\.new\\) \\<img src\\=x'), tooltip.value);
  });

  test('the dashboard reads the huge metrics.jsonl bounded, with a note, and the host stays responsive', async () => {
    let ticks = 0;
    let last = Date.now();
    let longestSliceMs = 0;
    const timer = setInterval(() => {
      longestSliceMs = Math.max(longestSliceMs, Date.now() - last);
      last = Date.now();
      ticks += 1;
    }, 10);
    try {
      await vscode.commands.executeCommand('distq.openDashboard', vscode.Uri.file(runFolder));
      const panel = await waitForPanel(api, DASHBOARD, (title) => title.endsWith(path.basename(runFolder)));
      const state = await waitForState(panel, 'dashboard', 'the run read from disk', (s) => s.status.phase !== 'loading');
      const note = state.summary.find((item) => item.label === 'Loss chart');
      assert.ok(note, 'the summary cards say the chart is thinned');
      assert.match(note.detail ?? '', /metrics\.jsonl holds [\d,]+ step records/);
      assert.ok(state.steps.steps.length <= MAX_METRICS_STEP_RECORDS, `${state.steps.steps.length} steps sent`);
    } finally {
      clearInterval(timer);
    }
    console.log(`    host timer fired ${ticks} times while the dashboard read the run; longest slice ${longestSliceMs} ms`);
    assert.ok(ticks >= 5, `the extension host ran timers ${ticks} times during the read`);
  });

  test('"Exclude from quantization" does not edit the config the run records outside the workspace', async () => {
    const dashboard = await waitForPanel(api, DASHBOARD, (title) => title.endsWith(path.basename(runFolder)));
    await dashboard.receive({ type: 'showLayers' });
    const layers = await waitForPanel(api, LAYERS, (title) => title.endsWith(path.basename(runFolder)));
    await waitForState(layers, 'layers', 'the layer rows', (s) => s.rows.length > 0);
    await layers.receive({ type: 'excludeLayer', node: 'conv0' });
    assert.equal(fs.readFileSync(victim, 'utf8'), VICTIM_TEXT, 'the file outside the workspace is unchanged');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.fsPath === victim), 'it was not even opened');
  });

  test('"open config" shows the run folder\'s own copy instead of the file outside the workspace', async () => {
    const layers = await waitForPanel(api, LAYERS, (title) => title.endsWith(path.basename(runFolder)));
    await layers.receive({ type: 'openFile', file: 'source config' });
    await waitFor('an editor', () => vscode.window.activeTextEditor !== undefined);
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, path.join(runFolder, 'config.distq.json'));
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.fsPath === victim));
  });
});
