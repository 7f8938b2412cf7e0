/**
 * Every panel in VS Code's light, dark and high-contrast themes: each chart series (its legend
 * marker's stroke, as uPlot draws it, translucent raw lines composited over the panel) and each
 * piece of text has at least 3:1 contrast against what it is drawn on (WCAG 2.1 non-text contrast).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { composite, contrastRatio, MINIMUM_CONTRAST, parseColor } from '../../webview/charts/contrast.ts';
import { layerDetail, mappedStudentTensors } from '../../extension/panels/layers/layerRows.ts';
import { WebviewPage, launchBrowser, type WebviewBrowser } from '../../scripts/harness/browserPage.ts';
import { belowTeacherSummary, compareFixture, dashboardModel, layerReport, layersState, MAPPING_CONFIG, stepRecords } from '../../scripts/harness/samplePanelStates.ts';
import { fixtureParetoState, layersStateWithSensitivity } from '../../scripts/harness/sampleTuning.ts';
import { THEME_NAMES, type ThemeName } from '../../scripts/harness/themeVariables.ts';

/** A colour as the page computed it, with the opaque colour behind it. */
interface Painted {
  readonly what: string;
  readonly color: string;
  readonly background: string;
}

/** Legend markers (one per series, the x column excepted) and every element's own text, with the first opaque background behind each. */
function paintedColours(): Painted[] {
  const backgroundOf = (start: Element | null): string => {
    for (let node = start; node; node = node.parentElement) {
      const background = getComputedStyle(node).backgroundColor;
      if (background !== 'rgba(0, 0, 0, 0)' && background !== 'transparent') return background;
    }
    return getComputedStyle(document.body).backgroundColor;
  };
  const visible = (node: Element): boolean => node.getClientRects().length > 0 && getComputedStyle(node).visibility !== 'hidden';
  const painted: Painted[] = [];
  for (const row of document.querySelectorAll('.u-legend .u-series')) {
    const marker = row.querySelector<HTMLElement>('.u-marker');
    if (!marker || !visible(row)) continue;
    const chart = row.closest('.chart-card')?.id ?? '?';
    painted.push({ what: `${chart} series "${row.querySelector('.u-label')?.textContent ?? ''}"`, color: getComputedStyle(marker).borderTopColor, background: backgroundOf(row) });
  }
  for (const node of document.querySelectorAll('body *')) {
    // The toolkit's components draw their own text and backgrounds inside their shadow roots.
    if (node.tagName.startsWith('VSCODE-') || node.closest('vscode-button, vscode-checkbox, vscode-dropdown, vscode-text-field, vscode-option')) continue;
    const ownText = [...node.childNodes].some((child) => child.nodeType === Node.TEXT_NODE && (child.textContent ?? '').trim() !== '');
    if (!ownText || !visible(node)) continue;
    painted.push({ what: `text "${(node.textContent ?? '').trim().slice(0, 40)}" (${node.tagName.toLowerCase()}.${[...node.classList].join('.')})`, color: getComputedStyle(node).color, background: backgroundOf(node) });
  }
  return painted;
}

/** The colours under 3:1, each with its ratio. */
function tooFaint(painted: readonly Painted[]): string[] {
  return painted.flatMap(({ what, color, background }) => {
    const front = parseColor(color);
    const back = parseColor(background);
    if (!front || !back) return [`${what}: unreadable colour ${color} on ${background}`];
    const ratio = contrastRatio(front, composite(back, { r: 255, g: 255, b: 255, a: 1 }));
    return ratio < MINIMUM_CONTRAST ? [`${what}: ${color} on ${background} is ${ratio.toFixed(2)}:1`] : [];
  });
}

describe('panel colours in light, dark and high-contrast themes', () => {
  let chromium: WebviewBrowser;
  before(async () => {
    chromium = await launchBrowser();
  });
  after(async () => {
    await chromium?.close();
  });

  async function check(page: WebviewPage, theme: ThemeName, minimumSeries: number): Promise<void> {
    await page.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const painted = (await page.page.evaluate(paintedColours)) as Painted[];
    const series = painted.filter((entry) => entry.what.includes(' series '));
    assert.ok(series.length >= minimumSeries, `${theme}: ${series.length} series checked, expected at least ${minimumSeries}`);
    assert.deepEqual(tooFaint(painted), [], `${theme}: every series and text colour has at least ${MINIMUM_CONTRAST}:1`);
  }

  for (const theme of THEME_NAMES) {
    test(`the dashboard in the ${theme} theme`, async () => {
      const page = await WebviewPage.open(chromium.browser, 'dashboard');
      await page.applyTheme(theme);
      const model = dashboardModel(200, 3, true);
      model.setSummary(belowTeacherSummary(3));
      await page.send({ type: 'snapshot', state: model.snapshot() });
      await page.chartPoints('accuracy', 4);
      // Losses (raw and smoothed), layer-wise losses, learning rate, accuracy with its reference lines.
      await check(page, theme, 12);
      await page.close();
    });

    test(`the layers panel and a layer's detail in the ${theme} theme`, async () => {
      const page = await WebviewPage.open(chromium.browser, 'layers');
      await page.applyTheme(theme);
      await page.send({ type: 'snapshot', state: layersState(12) });
      await page.chartPoints('sqnr', 12);
      await page.page.click('.layer-table tbody tr[data-node="gemm1"]');
      const report = layerReport(12, 32, 3);
      await page.send({ type: 'layerDetail', detail: layerDetail(report.layers[1]!, stepRecords(1, 50, ['labels', 'layer fc1_out'], 20), mappedStudentTensors(MAPPING_CONFIG), 0.6) });
      await page.chartPoints('mapping-loss', 50);
      // The selected row shows the theme's list selection colours: its text is checked on them.
      assert.equal(await page.page.getAttribute('.layer-table tbody tr[data-node="gemm1"]', 'aria-selected'), 'true');
      await check(page, theme, 7);
      await page.close();
    });

    test(`compare in the ${theme} theme`, async () => {
      const page = await WebviewPage.open(chromium.browser, 'compare');
      await page.applyTheme(theme);
      const state = compareFixture();
      await page.send({ type: 'snapshot', state });
      await page.chartPoints('compare-loss', state.loss.steps.length);
      await check(page, theme, state.loss.series.length + state.accuracy.series.length);
      await page.close();
    });

    test(`the Pareto panel in the ${theme} theme`, async () => {
      const page = await WebviewPage.open(chromium.browser, 'pareto');
      await page.applyTheme(theme);
      await page.send({ type: 'snapshot', state: fixtureParetoState() });
      await page.chartPoints('pareto-size', 4);
      await page.chartPoints('pareto-latency', 3);
      // Met, missed, chosen and the target line on both charts; the chosen trial's row selected.
      await check(page, theme, 8);
      await page.close();
    });

    test(`the layers panel with a sensitivity analysis in the ${theme} theme`, async () => {
      const page = await WebviewPage.open(chromium.browser, 'layers');
      await page.applyTheme(theme);
      await page.send({ type: 'snapshot', state: layersStateWithSensitivity() });
      await page.chartPoints('sqnr', 6);
      await check(page, theme, 2);
      await page.close();
    });
  }
});
