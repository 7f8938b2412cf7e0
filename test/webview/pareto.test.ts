/** The Pareto panel's webview in headless Chromium, fed the state the host builds from the fixture tuning.json. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { WebviewPage, launchBrowser, type WebviewBrowser } from '../../scripts/harness/browserPage.ts';
import { fixtureParetoState } from '../../scripts/harness/sampleTuning.ts';

describe('the Pareto panel in Chromium', () => {
  let chromium: WebviewBrowser;
  before(async () => {
    chromium = await launchBrowser();
  });
  after(async () => {
    await chromium?.close();
  });

  async function assertClean(page: WebviewPage): Promise<void> {
    const { violations, errors } = await page.problems();
    assert.deepEqual(violations, [], 'no Content Security Policy violations');
    assert.deepEqual(errors, [], 'no script errors');
  }

  test('draws a point per trial on each chart, leaves out trials without latency with a note, and labels the target', async () => {
    const page = await WebviewPage.open(chromium.browser, 'pareto');
    await page.send({ type: 'snapshot', state: fixtureParetoState() });
    assert.equal(await page.chartPoints('pareto-size', 4), 4);
    assert.equal(await page.chartPoints('pareto-latency', 3), 3);
    const notes = (await page.page.locator('.chart-note:visible').allInnerTexts()).map((t) => t.trim());
    assert.deepEqual(notes, ['1 of 4 trials had no latency measured and is not shown here.']);
    const legend = await page.page.locator('#pareto-size .u-legend .u-series .u-label').allInnerTexts();
    assert.ok(legend.includes('target ≥ 98.05 %'), `the target line is labelled with its value: ${legend.join(', ')}`);
    assert.ok(legend.includes('meets the target (filled)') && legend.includes('misses the target (hollow)') && legend.includes('chosen trial (ring)'));
    // Met and missed differ in shape too: the missed markers are hollow.
    const fills = await page.page.evaluate(() => Object.fromEntries([...document.querySelectorAll('#pareto-size .u-legend .u-series')].map((row) => [
      row.querySelector('.u-label')?.textContent ?? '', getComputedStyle(row.querySelector('.u-marker') ?? row).backgroundColor,
    ])));
    assert.notEqual(fills['meets the target (filled)'], 'rgba(0, 0, 0, 0)', 'the met marker is filled');
    assert.equal(fills['misses the target (hollow)'], 'rgba(0, 0, 0, 0)', 'the missed marker is hollow');
    await page.page.click('#pareto-size .table-toggle');
    assert.equal(await page.page.locator('#pareto-size .data-table tbody tr').count(), 4);
    await assertClean(page);
    await page.close();
  });

  test('the chosen trial is selected at first; a row or a point selects another and shows its config difference', async () => {
    const page = await WebviewPage.open(chromium.browser, 'pareto');
    await page.send({ type: 'snapshot', state: fixtureParetoState() });
    await page.chartPoints('pareto-size', 4);
    assert.equal(await page.page.getAttribute('.trial-table tbody tr[data-trial="3"]', 'aria-selected'), 'true');
    assert.equal(await page.page.textContent('#trial-detail h2'), 'Trial 4 · gave back conv1');
    assert.deepEqual(await page.page.locator('#trial-detail li').allInnerTexts(), ['conv2: W4A4 → W8A8']);
    assert.match((await page.page.textContent('.trial-table tbody tr[data-trial="0"]')) ?? '', /✗ misses/);

    await page.page.focus('.trial-table tbody tr[data-trial="0"]');
    await page.page.keyboard.press('Enter');
    assert.equal(await page.page.textContent('#trial-detail h2'), 'Trial 1 · the run as trained');
    assert.match((await page.page.textContent('#trial-detail')) ?? '', /The same precision for every layer as your config/);

    // The largest model is the right-most point: trial 3, which promoted conv1 and conv2.
    const over = await page.page.evaluate(() => {
      const box = document.querySelector('#pareto-size .u-over')!.getBoundingClientRect();
      return { x: box.x, y: box.y, width: box.width, height: box.height };
    });
    await page.page.mouse.move(over.x + over.width - 2, over.y + over.height / 2);
    await page.page.mouse.click(over.x + over.width - 2, over.y + over.height / 2);
    await page.page.waitForFunction(() => document.querySelector('#trial-detail h2')?.textContent === 'Trial 3 · promoted conv2', undefined, { timeout: 5000 });
    assert.deepEqual(await page.page.locator('#trial-detail li').allInnerTexts(), ['conv1: W4A4 → W8A8', 'conv2: W4A4 → W8A8']);
    assert.equal(await page.page.getAttribute('.trial-table tbody tr[data-trial="2"]', 'aria-selected'), 'true');

    await page.page.click('#open-layers');
    assert.deepEqual((await page.posted()).at(-1), { type: 'showLayers' });
    const kept = await page.page.waitForFunction(() => (window.__distq.state as { prefs?: { selectedTrial?: number } } | undefined)?.prefs?.selectedTrial === 2, undefined, { timeout: 5000 }).then(() => true, () => false);
    assert.ok(kept, 'the selection is kept for a reload');
    await assertClean(page);
    await page.close();
  });

  test('a tuning without trials says so and hides the charts', async () => {
    const page = await WebviewPage.open(chromium.browser, 'pareto');
    const state = fixtureParetoState();
    await page.send({ type: 'snapshot', state: { ...state, trials: [], status: { phase: 'empty', message: 'No tuning.json in this run.' } } });
    await page.page.waitForFunction(() => document.querySelector('.status-banner[data-phase="empty"]') !== null);
    assert.equal(await page.page.evaluate(() => (document.querySelector('.pareto-body') as HTMLElement).hidden), true);
    await page.close();
  });
});
