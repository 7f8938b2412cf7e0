/** The panels' host-side models and the webview's update merge: pure logic, no vscode, no browser. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DashboardModel } from '../../../extension/panels/dashboard/dashboardModel.ts';
import { smoothValues } from '../../../extension/panels/dashboard/lossSmoothing.ts';
import { excludedNodes, excludeNodeEdit } from '../../../extension/panels/layers/excludeEdit.ts';
import { layerRows } from '../../../extension/panels/layers/layerRows.ts';
import { contentSecurityPolicy, panelHtml } from '../../../extension/panels/panelHtml.ts';
import { parseMetricsLines } from '../../../extension/runHistory/runFolderReader.ts';
import { statusFromFolder } from '../../../extension/panels/runStatus.ts';
import { UpdateBatcher } from '../../../extension/panels/updateBatcher.ts';
import { parseWebviewMessage } from '../../../extension/panels/webviewMessages.ts';
import { applyUpdate } from '../../../webview/state/applyUpdate.ts';
import { BASELINE, layerReport, stepRecords } from '../../../scripts/harness/samplePanelStates.ts';

const running = { phase: 'running', message: 'Training…' } as const;

describe('DashboardModel', () => {
  test('a snapshot holds every step; later records arrive as appended rows that continue the smoothing', () => {
    const model = new DashboardModel('t', '/r', running, 0.6);
    const first = stepRecords(1, 10, ['labels', 'kd']);
    model.addRecords(first);
    const snapshot = model.snapshot();
    assert.equal(snapshot.steps.steps.length, 10);
    assert.deepEqual(snapshot.steps.losses.map((l) => l.label), ['total', 'labels', 'kd']);
    const more = stepRecords(11, 5, ['labels', 'kd']);
    model.addRecords(more);
    const change = model.takeChange();
    assert.equal(change?.kind, 'update');
    if (change?.kind !== 'update') return;
    assert.deepEqual(change.update.appendSteps?.steps, more.map((r) => r.globalStep));
    const all = [...first, ...more].map((r) => r.loss);
    assert.deepEqual([...snapshot.steps.losses[0]!.smoothed, ...change.update.appendSteps!.losses[0]!.smoothed], smoothValues(all, 0.6));
    assert.equal(model.takeChange(), undefined, 'nothing new, nothing sent');
  });

  test('a new loss component or a new smoothing needs a snapshot', () => {
    const model = new DashboardModel('t', '/r', running);
    model.addRecords(stepRecords(1, 3, ['labels']));
    model.snapshot();
    model.addRecords(stepRecords(4, 1, ['labels', 'kd']));
    assert.equal(model.takeChange()?.kind, 'snapshot');
    model.setSmoothing(0.9);
    const change = model.takeChange();
    assert.equal(change?.kind === 'snapshot' && change.state.smoothing, 0.9);
  });

  test('a record read from disk and then notified counts once; a resumed run rewrites the steps it repeats', () => {
    const model = new DashboardModel('t', '/r', running);
    const records = stepRecords(1, 10, ['labels']);
    model.addRecords(records);
    model.snapshot();
    model.addRecords(records.slice(8));
    assert.equal(model.stepCount, 10);
    assert.equal(model.takeChange(), undefined);
    const rewritten = stepRecords(6, 2, ['labels'], 1, 99);
    model.addRecords(rewritten);
    assert.equal(model.stepCount, 7);
    assert.equal(model.takeChange()?.kind, 'snapshot');
  });

  test('accuracy starts at the PTQ fake-quant accuracy and shows the teacher and PTQ as references', () => {
    const model = new DashboardModel('t', '/r', running);
    model.setBaseline(BASELINE);
    model.addRecords([{ type: 'epoch', epoch: 0, trainLoss: 1, accuracy: { qatFakeQuant: 0.97 }, seconds: 1 }]);
    const { accuracy } = model.snapshot();
    assert.deepEqual(accuracy.epochs, [0, 1]);
    assert.deepEqual(accuracy.series.map((s) => [s.label, s.style ?? 'line']), [['Student fake-quant', 'line'], ['Teacher FP32', 'reference'], ['PTQ INT8 baseline', 'reference']]);
    assert.deepEqual(accuracy.series[0]!.values.map((v) => Math.round(v! * 100) / 100), [96.1, 97]);
  });

  test('each auxiliary head\'s accuracy and loss per epoch, the warm-up\'s last reading as epoch 0, outside the loss curves', () => {
    const model = new DashboardModel('t', '/r', running);
    const heads = (a: number, b: number): Record<string, { accuracy: number; loss: number }> => ({ 'self block1': { accuracy: a, loss: 10 * (1 - a) }, 'self block2': { accuracy: b, loss: 10 * (1 - b) } });
    model.addRecords([
      { type: 'step', phase: 'headWarmup', epoch: 0, step: 25, globalStep: 25, loss: 9, losses: { labels: 0.1 }, learningRate: 0.05, gradientNorm: 1, stepMs: 5, auxiliaryHeads: heads(0.25, 0.5) },
      ...stepRecords(1, 4, ['labels']),
      { type: 'epoch', epoch: 0, trainLoss: 1, accuracy: { qatFakeQuant: 0.97 }, seconds: 1, auxiliaryHeads: heads(0.5, 0.75) },
    ]);
    const state = model.snapshot();
    assert.deepEqual(state.steps.steps, [1, 2, 3, 4], 'warm-up steps stay off the training loss chart');
    assert.deepEqual(state.auxiliaryHeads?.epochs, [0, 1]);
    assert.deepEqual(state.auxiliaryHeads?.accuracy.map((s) => [s.label, s.values]), [['self block1', [25, 50]], ['self block2', [50, 75]]]);
    assert.deepEqual(state.auxiliaryHeads?.loss.map((s) => [s.label, s.values]), [['self block1', [7.5, 5]], ['self block2', [5, 2.5]]]);
    model.addRecords([{ type: 'epoch', epoch: 1, trainLoss: 1, accuracy: { qatFakeQuant: 0.98 }, seconds: 1, auxiliaryHeads: heads(0.75, 1) }]);
    const change = model.takeChange();
    assert.ok(change?.kind === 'update');
    assert.deepEqual(change.update.auxiliaryHeads?.accuracy[0]!.values, [25, 50, 75]);
  });

  test('a run without auxiliary heads has no head series', () => {
    const model = new DashboardModel('t', '/r', running);
    model.addRecords([{ type: 'epoch', epoch: 0, trainLoss: 1, accuracy: { qatFakeQuant: 0.97 }, seconds: 1 }]);
    assert.deepEqual(model.snapshot().auxiliaryHeads, { epochs: [], accuracy: [], loss: [] });
  });
});

test('smoothing is a debiased EMA and passes gaps through', () => {
  assert.deepEqual(smoothValues([2, null, 2], 0.9), [2, null, 2]);
  assert.deepEqual(smoothValues([1, 3], 0), [1, 3]);
  const [a, b] = smoothValues([1, 3], 0.5);
  assert.equal(a, 1);
  assert.ok(Math.abs(b! - (0.5 * 0.5 * 1 + 0.5 * 3) / 0.75) < 1e-12);
});

test('excluding a node edits quantization.exclude and keeps the rest of the JSONC', () => {
  const text = '{\n  // my config\n  "name": "a",\n  "quantization": {\n    "exclude": ["fc1"]\n  }\n}\n';
  const result = excludeNodeEdit(text, 'conv2');
  assert.equal(result.kind, 'insert');
  if (result.kind !== 'insert') return;
  const edited = text.slice(0, result.insertion.offset) + result.insertion.text + text.slice(result.insertion.offset);
  assert.deepEqual(excludedNodes(edited), ['fc1', 'conv2']);
  assert.equal(edited.slice(result.entry.offset, result.entry.offset + result.entry.length), '"conv2"', 'the entry to reveal is the new name');
  assert.ok(edited.includes('// my config'));
  assert.equal(excludeNodeEdit(edited, 'conv2').kind, 'alreadyExcluded');
  assert.equal(excludeNodeEdit('{ "quantization": 3 }', 'x').kind, 'invalid');
  // A layer set to "float" in quantization.layers is kept in float too, and shown as excluded.
  assert.deepEqual(excludedNodes('{ "quantization": { "exclude": ["a"], "layers": { "b": "float", "c": { "weights": { "bits": 4 } }, "a": "float" } } }'), ['a', 'b']);
  const bare = '{\n  "name": "a"\n}';
  const added = excludeNodeEdit(bare, 'x');
  assert.ok(added.kind === 'insert' && added.insertion.text.includes('"quantization": { "exclude": ["x"] }'));
  const addedText = bare.slice(0, added.insertion.offset) + added.insertion.text + bare.slice(added.insertion.offset);
  assert.equal(addedText.slice(added.entry.offset, added.entry.offset + added.entry.length), '"x"');
});

test('layer rows carry PTQ, final and the gain in accumulated SQNR, and mark mapped activations', () => {
  const ptq = layerReport(3, 8, 0);
  const final = layerReport(3, 8, 3);
  const rows = layerRows(ptq, final, new Set(['fc1_out']));
  const [, second] = rows;
  assert.equal(second!.ptqSqnrDb, ptq.layers[1]!.activation!.accumulated.sqnrDb);
  assert.ok(Math.abs(second!.improvementDb! - (second!.finalSqnrDb! - second!.ptqSqnrDb!)) < 1e-12);
  assert.deepEqual(rows.map((r) => r.hasMappingLoss), [false, true, false]);
  assert.deepEqual(rows.map((r) => r.precision), ['W8A8', 'W8A8', 'W4A8']);
  assert.equal(layerRows(ptq, null, new Set())[0]!.improvementDb, null);
  // A report written before per-layer precision has no label: the row says so with null (shown as —).
  const { precision: _unused, ...older } = ptq.layers[0]!;
  assert.equal(layerRows({ ...ptq, layers: [older] }, null, new Set())[0]!.precision, null);
});

test('a metrics line cut short by a crash is skipped', () => {
  const text = `${JSON.stringify(stepRecords(1, 1, ['labels'])[0])}\n{"type":"step","epo`;
  assert.equal(parseMetricsLines(text).length, 1);
});

test('run status from the folder: empty, stopped without summary, failed with its message', () => {
  const base = { folder: '/r', exists: true, metrics: [] };
  assert.equal(statusFromFolder(base, false).phase, 'empty');
  assert.equal(statusFromFolder({ ...base, metrics: stepRecords(1, 1, ['a']) }, false).phase, 'stopped');
  assert.equal(statusFromFolder(base, true).phase, 'running');
  assert.deepEqual(statusFromFolder({ ...base, summary: { kind: 'run', name: 'a', status: 'failed', message: 'NaN', checkpointEpoch: 0, baseline: BASELINE, seconds: 1, runFolder: '/r' } }, false), { phase: 'failed', message: 'NaN' });
  assert.equal(statusFromFolder({ ...base, exists: false }, false).phase, 'failed');
});

test('webview messages are checked before the host acts on them', () => {
  assert.deepEqual(parseWebviewMessage({ type: 'excludeLayer', node: 'conv1' }), { type: 'excludeLayer', node: 'conv1' });
  assert.equal(parseWebviewMessage({ type: 'excludeLayer', node: 3 }), undefined);
  assert.equal(parseWebviewMessage({ type: 'openFile', file: '../../etc/passwd' }), undefined);
  assert.equal(parseWebviewMessage({ type: 'setSmoothing', smoothing: 1 }), undefined);
  assert.equal(parseWebviewMessage('ready'), undefined);
});

test('the page allows only its own resources and a nonce script', () => {
  const csp = contentSecurityPolicy('https://x.vscode-cdn.net', 'N0NCE');
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'nonce-N0NCE'/);
  assert.doesNotMatch(csp, /unsafe/);
  const html = panelHtml({ cspSource: 'https://x', nonce: 'N0NCE', scriptUri: 'https://x/dist/webview.js', styleUris: ['https://x/media/panels.css'], title: '<b>', kind: 'layers' });
  assert.match(html, /<script type="module" nonce="N0NCE" src="https:\/\/x\/dist\/webview.js">/);
  assert.match(html, /&#60;b&#62;/);
});

test('the webview appends step rows in place and refuses rows that do not line up', () => {
  const model = new DashboardModel('t', '/r', running);
  model.addRecords(stepRecords(1, 4, ['labels']));
  const state = model.snapshot();
  const xs = state.steps.steps;
  model.addRecords(stepRecords(5, 2, ['labels']));
  const change = model.takeChange();
  assert.ok(change?.kind === 'update');
  assert.ok(applyUpdate(state, change.update)?.stepsAppended);
  assert.equal(state.steps.steps, xs, 'the same array, grown');
  assert.equal(xs.length, 6);
  assert.equal(applyUpdate(state, { kind: 'dashboard', appendSteps: { steps: [7], losses: [], learningRate: [0] } }), undefined);
  assert.equal(applyUpdate(state, { kind: 'layers', excluded: [] }), undefined);
});

test('the batcher flushes at once after a quiet period, then at most once per interval', async () => {
  let flushes = 0;
  const batcher = new UpdateBatcher(() => flushes++, 40);
  batcher.schedule();
  await new Promise((resolve) => setTimeout(resolve, 5));
  assert.equal(flushes, 1);
  for (let i = 0; i < 10; i++) batcher.schedule();
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(flushes, 1, 'the second flush waits for the interval');
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(flushes, 2);
  batcher.dispose();
});
