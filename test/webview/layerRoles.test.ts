/** The layers panel shows a transformer layer's role under its node name, filters by it and names it in the detail. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LayerErrorReport } from '../../contracts/layerErrorReport.ts';
import { inspectLayersState } from '../../extension/panels/layers/layersState.ts';
import { launchBrowser, WebviewPage, type WebviewBrowser } from '../../scripts/harness/browserPage.ts';
import { layerReport } from '../../scripts/harness/samplePanelStates.ts';

const ROLES = ['layer 0 · attention · query', 'layer 0 · attention · key', 'layer 0 · attention · value', undefined, 'classifier'];

function reportWithRoles(): LayerErrorReport {
  const report = layerReport(ROLES.length, 16, 0);
  return { ...report, layers: report.layers.map((layer, i) => (ROLES[i] === undefined ? layer : { ...layer, role: ROLES[i] })) };
}

describe('layer roles in Chromium', () => {
  let chromium: WebviewBrowser;
  before(async () => {
    chromium = await launchBrowser();
  });
  after(async () => {
    await chromium?.close();
  });

  test('each row shows its role, the filter finds it, the detail names it', async () => {
    const page = await WebviewPage.open(chromium.browser, 'layers');
    const report = reportWithRoles();
    await page.send({ type: 'snapshot', state: inspectLayersState({ model: '/w/encoder.onnx', bits: { weights: 8, activations: 8 }, accuracy: { fp32: 0.9, ptqFakeQuant: 0.89, ptqInt8: 0.89 }, layers: report }) });
    await page.page.waitForFunction(() => document.querySelectorAll('.layer-table tbody tr').length === 5);
    const shown = await page.page.evaluate(() => [...document.querySelectorAll('.layer-table tbody tr')].map((row) => row.querySelector('.layer-role')?.textContent ?? null));
    assert.deepEqual(shown, ROLES.map((role) => role ?? null));
    await page.page.evaluate(() => {
      const field = document.getElementById('layer-filter') as HTMLElement & { value: string };
      field.value = 'attention';
      field.dispatchEvent(new Event('input'));
    });
    await page.page.waitForFunction(() => document.querySelectorAll('.layer-table tbody tr').length === 3);
    const classifier = report.layers[4]!.node;
    await page.page.evaluate(() => {
      const field = document.getElementById('layer-filter') as HTMLElement & { value: string };
      field.value = '';
      field.dispatchEvent(new Event('input'));
    });
    await page.page.click(`.layer-table tbody tr[data-node="${classifier}"]`);
    assert.equal(await page.page.textContent('.layer-detail h2'), `classifier: ${classifier} (${report.layers[4]!.opType})`);
    await page.close();
  });
});
