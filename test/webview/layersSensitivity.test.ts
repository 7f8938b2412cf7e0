/** The layers panel with a run's sensitivity analysis, in headless Chromium: its columns sort like the others, and the proxies' correlations sit above the table. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { WebviewPage, launchBrowser, type WebviewBrowser } from '../../scripts/harness/browserPage.ts';
import { layersState } from '../../scripts/harness/samplePanelStates.ts';
import { layersStateWithSensitivity } from '../../scripts/harness/sampleTuning.ts';

describe('sensitivity in the layers panel, in Chromium', () => {
  let chromium: WebviewBrowser;
  before(async () => {
    chromium = await launchBrowser();
  });
  after(async () => {
    await chromium?.close();
  });

  const headers = (page: WebviewPage): Promise<string[]> => page.page.locator('.layer-table thead th').allInnerTexts();
  const nodeOrder = (page: WebviewPage): Promise<string[]> => page.page.evaluate(() => [...document.querySelectorAll('.layer-table tbody tr')].map((row) => row.getAttribute('data-node') ?? ''));

  test('shows the measured and proxy columns, sortable, and which proxy to trust above the table', async () => {
    const page = await WebviewPage.open(chromium.browser, 'layers');
    await page.send({ type: 'snapshot', state: layersStateWithSensitivity() });
    await page.chartPoints('sqnr', 6);
    const columns = (await headers(page)).map((h) => h.replace(/[ ▲▼]+$/, ''));
    for (const column of ['Only quantized %', 'Only float %', 'Impact pp', 'Proxy: own SQNR dB', 'Proxy: accum. SQNR dB', 'Proxy: error × grad']) assert.ok(columns.includes(column), `a "${column}" column in ${columns.join(', ')}`);
    assert.match((await page.page.textContent('#sensitivity .sensitivity-advice')) ?? '', /^Trust output error × gradient/);
    assert.equal(await page.page.locator('#sensitivity .correlation-table tbody tr').count(), 3);

    // Sorting by impact: largest first (a numeric column sorts descending first), unmeasured and unanalysed layers last.
    const impact = columns.indexOf('Impact pp') + 1;
    await page.page.click(`.layer-table thead th:nth-child(${impact}) button`);
    assert.deepEqual(await nodeOrder(page), ['gemm1', 'conv0', 'matmul2', 'conv3', 'gemm4', 'matmul5']);
    assert.equal(await page.page.getAttribute(`.layer-table thead th:nth-child(${impact})`, 'aria-sort'), 'descending');
    await page.page.click(`.layer-table thead th:nth-child(${impact}) button`);
    assert.deepEqual(await nodeOrder(page), ['conv3', 'matmul2', 'conv0', 'gemm1', 'gemm4', 'matmul5']);
    const gemm1 = await page.page.locator('.layer-table tbody tr[data-node="gemm1"] td.sensitivity').allInnerTexts();
    assert.deepEqual(gemm1, ['97.05', '97.88', '+1.66', '21.4', '18.2', '0.04120']);
    const { violations, errors } = await page.problems();
    assert.deepEqual([...violations, ...errors], []);
    await page.close();
  });

  test('a run without the analysis has neither the columns nor the correlations', async () => {
    const page = await WebviewPage.open(chromium.browser, 'layers');
    await page.send({ type: 'snapshot', state: layersState(6) });
    await page.chartPoints('sqnr', 6);
    assert.ok(!(await headers(page)).some((h) => h.startsWith('Impact') || h.startsWith('Proxy')));
    assert.equal(await page.page.evaluate(() => (document.getElementById('sensitivity') as HTMLElement).hidden), true);
    await page.close();
  });
});
