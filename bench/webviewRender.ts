/**
 * Renders the panels' webview (dist/webview.js) in headless Chromium with large states:
 *   - the dashboard with 100,000 steps (total + 4 loss components, learning rate):
 *     time from the snapshot message to painted charts, then the frame rate while
 *     updates stream in at 4 a second (50 steps each), as a live run sends them;
 *   - the layers panel with 1,000 layers: time to a painted table and chart, and a re-sort.
 * Goals: first paint < 500 ms, ≥ 30 fps while streaming.
 * Run: node scripts/build.mjs && node --import tsx bench/webviewRender.ts
 */
import type { DashboardUpdate, HostToWebviewMessage, PanelState } from '../webview/protocol.ts';
import { WebviewPage, launchBrowser, missingBrowserTools } from '../scripts/harness/browserPage.ts';
import { COMPONENTS, dashboardModel, layersState, stepRecords } from '../scripts/harness/samplePanelStates.ts';

const STEPS = 100_000;
const LAYERS = 1_000;
const STREAM_SECONDS = 6;
const UPDATES_PER_SECOND = 4;
const STEPS_PER_UPDATE = 50;

/** Posts a snapshot inside the page and waits until `selector` shows `points` and two frames have painted. */
async function timeFirstPaint(page: WebviewPage, state: PanelState, ready: string): Promise<number> {
  return page.page.evaluate(async ([snapshot, readyExpression]: readonly [PanelState, string]) => {
    const isReady = new Function(`return (${readyExpression});`) as () => boolean;
    const started = performance.now();
    window.postMessage({ type: 'snapshot', state: snapshot }, '*');
    await new Promise<void>((resolve) => {
      const check = (): void => (isReady() ? resolve() : void requestAnimationFrame(check));
      requestAnimationFrame(check);
    });
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    return performance.now() - started;
  }, [state, ready] as const);
}

/** Streams the updates at a fixed rate inside the page and counts animation frames meanwhile. */
async function streamFrames(page: WebviewPage, updates: HostToWebviewMessage[], perSecond: number): Promise<{ fps: number; worstFrameMs: number; seconds: number }> {
  return page.page.evaluate(async ([messages, rate]: readonly [HostToWebviewMessage[], number]) => {
    let frames = 0;
    let worst = 0;
    let last = performance.now();
    let running = true;
    const frame = (now: number): void => {
      frames += 1;
      worst = Math.max(worst, now - last);
      last = now;
      if (running) requestAnimationFrame(frame);
    };
    const started = performance.now();
    requestAnimationFrame(frame);
    await new Promise<void>((resolve) => {
      let sent = 0;
      const timer = setInterval(() => {
        if (sent === messages.length) {
          clearInterval(timer);
          resolve();
          return;
        }
        window.postMessage(messages[sent++], '*');
      }, 1000 / rate);
    });
    running = false;
    const seconds = (performance.now() - started) / 1000;
    return { fps: frames / seconds, worstFrameMs: worst, seconds };
  }, [updates, perSecond] as const);
}

async function main(): Promise<void> {
  const missing = missingBrowserTools();
  if (missing) {
    console.log(`webview render bench skipped: ${missing}`);
    return;
  }
  const chromium = await launchBrowser();
  try {
    const model = dashboardModel(STEPS, 20, false);
    const snapshot = model.snapshot();
    const updates: HostToWebviewMessage[] = [];
    for (let i = 0; i < STREAM_SECONDS * UPDATES_PER_SECOND; i++) {
      model.addRecords(stepRecords(STEPS + 1 + i * STEPS_PER_UPDATE, STEPS_PER_UPDATE, COMPONENTS));
      const change = model.takeChange();
      if (change?.kind === 'update') updates.push({ type: 'update', update: change.update as DashboardUpdate });
    }
    const dashboard = await WebviewPage.open(chromium.browser, 'dashboard', { width: 1280, height: 900 });
    const firstPaint = await timeFirstPaint(dashboard, snapshot, `document.getElementById('losses')?.dataset.points === '${STEPS}' && document.getElementById('learning-rate')?.dataset.points === '${STEPS}'`);
    const stream = await streamFrames(dashboard, updates, UPDATES_PER_SECOND);
    const finalPoints = await dashboard.chartPoints('losses', STEPS + updates.length * STEPS_PER_UPDATE);
    await dashboard.close();

    const layers = await WebviewPage.open(chromium.browser, 'layers', { width: 1280, height: 900 });
    const layersPaint = await timeFirstPaint(layers, layersState(LAYERS), `document.querySelectorAll('.layer-table tbody tr').length > 0 && document.getElementById('sqnr')?.dataset.points === '${LAYERS}'`);
    const sortMs = await layers.page.evaluate(async () => {
      const started = performance.now();
      (document.querySelector('.layer-table thead th:nth-child(5) button') as HTMLButtonElement).click();
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      return performance.now() - started;
    });
    const showAllMs = await layers.page.evaluate(async () => {
      const started = performance.now();
      (document.getElementById('show-all-layers') as HTMLElement).click();
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      return performance.now() - started;
    });
    const allRows = await layers.page.locator('.layer-table tbody tr').count();
    await layers.close();

    const ok = (pass: boolean): string => (pass ? 'ok' : 'MISSED');
    console.log(`dashboard, ${STEPS.toLocaleString('en')} steps × ${COMPONENTS.length + 1} losses + learning rate + accuracy:`);
    console.log(`  first paint            ${firstPaint.toFixed(0)} ms   (goal < 500 ms: ${ok(firstPaint < 500)})`);
    console.log(`  streaming ${UPDATES_PER_SECOND}/s × ${STEPS_PER_UPDATE} steps  ${stream.fps.toFixed(1)} fps over ${stream.seconds.toFixed(1)} s, worst frame ${stream.worstFrameMs.toFixed(0)} ms   (goal ≥ 30 fps: ${ok(stream.fps >= 30)})`);
    console.log(`  points after streaming ${finalPoints.toLocaleString('en')} (expected ${(STEPS + updates.length * STEPS_PER_UPDATE).toLocaleString('en')})`);
    console.log(`layers, ${LAYERS.toLocaleString('en')} layers:`);
    console.log(`  first paint            ${layersPaint.toFixed(0)} ms   (goal < 500 ms: ${ok(layersPaint < 500)})`);
    console.log(`  re-sort                ${sortMs.toFixed(0)} ms (the first 200 rows drawn)`);
    console.log(`  show all ${allRows} rows      ${showAllMs.toFixed(0)} ms`);
  } finally {
    await chromium.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
