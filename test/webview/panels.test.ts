/** The panels' webview in headless Chromium: dist/webview.js fed fixture states as the host sends them. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { DashboardUpdate, StepSeries } from '../../webview/protocol.ts';
import { ROOT, WebviewPage, launchBrowser, type WebviewBrowser } from '../../scripts/harness/browserPage.ts';
import { belowTeacherSummary, compareFixture, COMPONENTS, dashboardModel, dashboardState, layersState, stepRecords } from '../../scripts/harness/samplePanelStates.ts';
import { inspectLayersState } from '../../extension/panels/layers/layersState.ts';
import { layerDetail, mappedStudentTensors } from '../../extension/panels/layers/layerRows.ts';
import { layerReport, MAPPING_CONFIG, stepRecords as records } from '../../scripts/harness/samplePanelStates.ts';

const RESULTS = path.join(ROOT, 'test-results');

describe('webview panels in Chromium', () => {
  let chromium: WebviewBrowser;
  before(async () => {
    chromium = await launchBrowser();
  });
  after(async () => {
    await chromium?.close();
  });

  async function openWith(kind: 'dashboard' | 'layers' | 'compare'): Promise<WebviewPage> {
    return WebviewPage.open(chromium.browser, kind);
  }

  async function assertClean(page: WebviewPage): Promise<void> {
    const { violations, errors } = await page.problems();
    assert.deepEqual(violations, [], 'no Content Security Policy violations');
    assert.deepEqual(errors, [], 'no script errors');
  }

  test('the webview says ready before anything else', async () => {
    const page = await openWith('dashboard');
    assert.deepEqual((await page.posted())[0], { type: 'ready' });
    await page.close();
  });

  test('the dashboard charts hold every point they are given, and their tables list them', async () => {
    const page = await openWith('dashboard');
    const state = dashboardState(250, 3);
    await page.send({ type: 'snapshot', state });
    assert.equal(await page.chartPoints('losses', 250), 250);
    assert.equal(await page.chartPoints('layer-losses', 250), 250);
    assert.equal(await page.chartPoints('learning-rate', 250), 250);
    assert.equal(await page.chartPoints('accuracy', 4), 4, 'epoch 0 (PTQ fake-quant) and three epochs');
    await page.page.click('#losses .table-toggle');
    assert.equal(await page.page.locator('#losses .data-table tbody tr').count(), 250);
    const headers = await page.page.locator('#losses .data-table thead th').allInnerTexts();
    assert.deepEqual(headers, ['step', 'total (smoothed)', 'total (raw)', 'labels (smoothed)', 'kd (smoothed)']);
    const layerHeaders = await page.page.locator('#layer-losses-table thead th').count();
    assert.equal(layerHeaders, 0, 'the layer-wise table stays closed');
    const summary = await page.page.locator('.summary-item dt').allInnerTexts();
    assert.ok(summary.includes('Size FP32 → INT8') && summary.includes('Export agreement') && summary.includes('Latency batch 1'));
    await page.page.waitForFunction(() => (window.__distq.state as { prefs?: { tables: string[] } } | undefined)?.prefs?.tables.includes('losses') === true, undefined, { timeout: 5000 });
    await assertClean(page);
    await page.close();
  });

  test('the summary leads with the result against the teacher, in the warning colour for a run 8 pp below it', async () => {
    const page = await openWith('dashboard');
    const model = dashboardModel(50, 3, true);
    model.setSummary(belowTeacherSummary(3));
    await page.send({ type: 'snapshot', state: model.snapshot() });
    // Dark Modern's variables, as VS Code sets them (scripts/harness/themeVariables.ts).
    await page.applyTheme('dark');
    const headline = await page.page.evaluate(() => {
      const item = document.querySelector('.summary-item');
      const value = item?.querySelector('dd');
      return { label: item?.querySelector('dt')?.textContent ?? '', text: value?.textContent ?? '', colour: value ? getComputedStyle(value).color : '' };
    });
    assert.equal(headline.label, 'Result: INT8 vs teacher');
    assert.match(headline.text, /90\.35 % vs teacher 98\.55 %.*−8\.20 pp vs teacher, beyond the 0\.5 pp tolerance/);
    assert.equal(headline.colour, 'rgb(204, 167, 0)', 'the headline is in the warning colour (--vscode-editorWarning-foreground #cca700)');
    await assertClean(page);
    await page.close();
  });

  test('live updates append points without rebuilding the charts or losing any', async () => {
    const page = await openWith('dashboard');
    const model = dashboardModel(100, 0, false);
    await page.send({ type: 'snapshot', state: model.snapshot() });
    assert.equal(await page.chartPoints('losses', 100), 100);
    await page.page.evaluate(() => { (document.querySelector('#losses canvas') as HTMLCanvasElement & { marker?: boolean }).marker = true; });
    for (let batch = 0; batch < 10; batch++) {
      model.addRecords(stepRecords(101 + batch * 50, 50, COMPONENTS));
      const change = model.takeChange();
      assert.equal(change?.kind, 'update');
      if (change?.kind === 'update') await page.send({ type: 'update', update: change.update });
    }
    assert.equal(await page.chartPoints('losses', 600), 600);
    assert.equal(await page.chartPoints('learning-rate', 600), 600);
    const sameCanvas = await page.page.evaluate(() => (document.querySelector('#losses canvas') as HTMLCanvasElement & { marker?: boolean }).marker === true);
    assert.ok(sameCanvas, 'the loss chart was not rebuilt (no flicker)');
    await assertClean(page);
    await page.close();
  });

  test('an update that does not line up asks the host for a new snapshot', async () => {
    const page = await openWith('dashboard');
    await page.send({ type: 'snapshot', state: dashboardState(10, 1) });
    const wrong: StepSeries = { steps: [11], losses: [{ label: 'other', raw: [1], smoothed: [1] }], learningRate: [0.1] };
    const update: DashboardUpdate = { kind: 'dashboard', appendSteps: wrong };
    await page.send({ type: 'update', update });
    await page.page.waitForFunction(() => window.__distq.posted.filter((m) => m.type === 'ready').length === 2);
    await page.close();
  });

  test('the log-scale toggle and the smoothing choice', async () => {
    const page = await openWith('dashboard');
    await page.send({ type: 'snapshot', state: dashboardState(50, 1) });
    await page.chartPoints('losses', 50);
    await page.page.click('#log-scale');
    await page.page.waitForFunction(() => (window.__distq.state as { prefs?: { logScale: boolean } } | undefined)?.prefs?.logScale === true);
    assert.equal(await page.chartPoints('losses', 50), 50, 'the rebuilt chart keeps its points');
    await page.page.evaluate(() => {
      const dropdown = document.getElementById('smoothing') as HTMLElement & { value: string };
      dropdown.value = '0.9';
      dropdown.dispatchEvent(new Event('change'));
    });
    assert.deepEqual((await page.posted()).at(-1), { type: 'setSmoothing', smoothing: 0.9 });
    await page.page.click('#show-layers');
    assert.deepEqual((await page.posted()).at(-1), { type: 'showLayers' });
    await page.close();
  });

  test('empty, failed and stopped runs say so clearly', async () => {
    const page = await openWith('dashboard');
    const empty = dashboardState(0, 0, false);
    empty.status = { phase: 'empty', message: 'This run has no metrics yet.' };
    empty.accuracy = { epochs: [], series: [] };
    await page.send({ type: 'snapshot', state: empty });
    await page.page.waitForFunction(() => document.querySelector('.status-banner')?.getAttribute('data-phase') === 'empty');
    assert.match((await page.page.textContent('.status-banner')) ?? '', /no metrics yet/);
    assert.equal(await page.page.evaluate(() => (document.querySelector('.chart-grid') as HTMLElement).hidden), true, 'no empty charts');
    await page.send({ type: 'snapshot', state: { ...dashboardState(20, 1, false), status: { phase: 'failed', message: 'loss became NaN at step 20' } } });
    await page.page.waitForFunction(() => document.querySelector('.status-banner')?.getAttribute('role') === 'alert');
    assert.match((await page.page.textContent('.status-banner')) ?? '', /Failed.*NaN at step 20/);
    await page.send({ type: 'update', update: { kind: 'dashboard', status: { phase: 'stopped', message: 'Stopped after epoch 1; DistQ: Resume Run continues it.' } } });
    await page.page.waitForFunction(() => document.querySelector('.status-banner')?.getAttribute('data-phase') === 'stopped');
    await assertClean(page);
    await page.close();
  });

  test('a reloaded webview shows what it kept before the host answers', async () => {
    const first = await openWith('dashboard');
    await first.send({ type: 'snapshot', state: dashboardState(30, 1) });
    await first.page.waitForFunction(() => window.__distq.state !== undefined, undefined, { timeout: 5000 });
    const kept = await first.keptState();
    await first.close();
    const second = await WebviewPage.open(chromium.browser, 'dashboard', { keptState: kept });
    assert.equal(await second.chartPoints('losses', 30), 30);
    await second.close();
  });

  test('the layer table sorts, filters, selects and excludes', async () => {
    const page = await openWith('layers');
    const state = layersState(30);
    await page.send({ type: 'snapshot', state });
    await page.page.waitForFunction(() => document.querySelectorAll('.layer-table tbody tr').length === 30);
    assert.equal(await page.chartPoints('sqnr', 30), 30, 'one bar per layer');
    const headers = await page.page.locator('.layer-table thead th').allInnerTexts();
    assert.ok(headers.includes('PTQ dB') && headers.includes('Gain dB'));
    // Each layer's precision, with what the label means in the header's tooltip.
    assert.equal(headers[3], 'Precision');
    assert.match((await page.page.getAttribute('.layer-table thead th:nth-child(4) button', 'title')) ?? '', /quantization\.layers/);
    assert.equal(await page.page.textContent('.layer-table tbody tr[data-node="matmul2"] td:nth-child(4)'), 'W4A8');
    // Sort by accumulated SQNR: numeric columns sort descending first, then ascending.
    await page.page.click('.layer-table thead th:nth-child(6) button');
    await page.page.click('.layer-table thead th:nth-child(6) button');
    const firstNode = await page.page.getAttribute('.layer-table tbody tr:first-child', 'data-node');
    const lowest = [...state.rows].sort((a, b) => a.accumulatedSqnrDb! - b.accumulatedSqnrDb!)[0]!.node;
    assert.equal(firstNode, lowest);
    assert.equal(await page.page.getAttribute('.layer-table thead th:nth-child(6)', 'aria-sort'), 'ascending');
    // Filter by op type.
    await page.page.evaluate(() => {
      const field = document.getElementById('layer-filter') as HTMLElement & { value: string };
      field.value = 'gemm';
      field.dispatchEvent(new Event('input'));
    });
    await page.page.waitForFunction(() => document.querySelectorAll('.layer-table tbody tr').length === 10);
    assert.match((await page.page.textContent('.row-count')) ?? '', /10 of 30 layers/);
    // Select with the keyboard.
    await page.page.locator('.layer-table tbody tr').first().focus();
    await page.page.keyboard.press('Enter');
    const selected = (await page.posted()).at(-1);
    assert.equal(selected?.type, 'selectLayer');
    const node = selected?.type === 'selectLayer' ? selected.node : '';
    const gemms = state.rows.filter((r) => r.opType === 'Gemm').sort((a, b) => a.accumulatedSqnrDb! - b.accumulatedSqnrDb!);
    assert.equal(node, gemms[0]!.node, 'the first row shown: filtered, then sorted');
    // gemm1 reads fc1_out, which a layer mapping distils: its detail has a loss curve.
    await page.page.click('.layer-table tbody tr[data-node="gemm1"]');
    const report = layerReport(30, 32, 3);
    const detail = layerDetail(report.layers[1]!, records(1, 50, ['labels', 'layer fc1_out'], 20), mappedStudentTensors(MAPPING_CONFIG), 0.6);
    await page.send({ type: 'layerDetail', detail });
    assert.equal(await page.chartPoints('histogram-0', 32), 32, 'activation histogram bins');
    assert.equal(await page.chartPoints('histogram-1', 32), 32, 'weight histogram bins');
    assert.equal(await page.chartPoints('mapping-loss', 50), 50, 'the mapping loss of fc1_out');
    await page.page.click('#exclude-layer');
    assert.deepEqual((await page.posted()).at(-1), { type: 'excludeLayer', node: 'gemm1' });
    await page.send({ type: 'update', update: { kind: 'layers', excluded: ['gemm1'] } });
    await page.page.waitForFunction(() => document.querySelector('.layer-table tbody tr[data-node="gemm1"]')?.classList.contains('excluded'));
    await assertClean(page);
    await page.close();
  });

  test('in a narrow panel the layer table scrolls sideways instead of wrapping or overlapping numbers', async () => {
    const page = await WebviewPage.open(chromium.browser, 'layers', { width: 480 });
    await page.send({ type: 'snapshot', state: layersState(8) });
    await page.page.waitForFunction(() => document.querySelectorAll('.layer-table tbody tr').length === 8);
    const broken = await page.page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.layer-table td.numeric')].flatMap((cell) => {
      const range = document.createRange();
      range.selectNodeContents(cell);
      const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
      return lines > 1 || cell.scrollWidth > cell.clientWidth + 1 ? [`${cell.textContent} (${lines} lines, ${cell.scrollWidth}/${cell.clientWidth} px)`] : [];
    }));
    assert.deepEqual(broken, [], 'numbers stay whole on one line, inside their cells');
    const scroller = await page.page.evaluate(() => {
      const host = document.querySelector('.layer-table')!.parentElement!;
      return { scrollWidth: host.scrollWidth, clientWidth: host.clientWidth };
    });
    assert.ok(scroller.scrollWidth > scroller.clientWidth, `the table scrolls sideways: ${JSON.stringify(scroller)}`);
    await assertClean(page);
    await page.close();
  });

  test('an inspection shows PTQ only and offers no exclusion', async () => {
    const page = await openWith('layers');
    const report = layerReport(12, 16, 0);
    await page.send({ type: 'snapshot', state: inspectLayersState({ model: '/w/model.onnx', bits: { weights: 8, activations: 8 }, accuracy: { fp32: 0.98, ptqFakeQuant: 0.97, ptqInt8: 0.969 }, layers: report }) });
    await page.page.waitForFunction(() => document.querySelectorAll('.layer-table tbody tr').length === 12);
    const headers = await page.page.locator('.layer-table thead th').allInnerTexts();
    assert.ok(!headers.includes('Gain dB'));
    await page.page.click('.layer-table tbody tr:first-child');
    assert.equal(await page.page.locator('#exclude-layer').count(), 0);
    await page.close();
  });

  test('compare shows one row per run and overlaid curves', async () => {
    const page = await openWith('compare');
    const state = compareFixture();
    await page.send({ type: 'snapshot', state });
    await page.page.waitForFunction(() => document.querySelectorAll('.compare-table tbody tr').length === 3);
    assert.equal(await page.chartPoints('compare-loss', state.loss.steps.length), state.loss.steps.length);
    assert.equal(await page.chartPoints('compare-accuracy', 3), 3);
    await assertClean(page);
    await page.close();
  });

  test('compare adds a column for each config setting that differs, and keeps run names on one line', async () => {
    const page = await openWith('compare');
    await page.send({ type: 'snapshot', state: compareFixture() });
    await page.page.waitForFunction(() => document.querySelectorAll('.compare-table tbody tr').length === 3);
    assert.deepEqual(await page.page.locator('.compare-table thead th.setting').allInnerTexts(), ['quantization.exclude']);
    assert.deepEqual(await page.page.locator('.compare-table tbody td.setting').allInnerTexts(), ['—', '—', '["fc2"]']);
    const name = await page.page.evaluate(() => {
      const cell = document.querySelector('.compare-table tbody th.run-name');
      return cell && { title: cell.getAttribute('title'), whiteSpace: getComputedStyle(cell).whiteSpace };
    });
    assert.deepEqual(name, { title: 'mnist-kd-20260101-000000Z', whiteSpace: 'nowrap' });
    await assertClean(page);
    await page.close();
  });

  test('screenshots of the dashboard in a light and a dark theme', async () => {
    fs.mkdirSync(RESULTS, { recursive: true });
    for (const theme of ['light', 'dark'] as const) {
      const page = await WebviewPage.open(chromium.browser, 'dashboard', { width: 1280, height: 1000 });
      await page.applyTheme(theme);
      await page.send({ type: 'snapshot', state: dashboardState(400, 3) });
      await page.chartPoints('accuracy', 4);
      await page.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const file = path.join(RESULTS, `dashboard-${theme}.png`);
      await page.page.screenshot({ path: file, fullPage: true });
      assert.ok(fs.statSync(file).size > 10_000);
      await page.close();
    }
  });
});
