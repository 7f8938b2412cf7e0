/**
 * End to end: the panels as a user drives them. Run a config from the palette, open the dashboard
 * and watch live loss points arrive, open the layers panel from the dashboard, click "Exclude from
 * quantization" on a layer, see the config change and open it on the new entry. Screenshots in
 * test-results/e2e/.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { pollUntil } from './pollUntil.ts';
import { openFileByName, runFromCommandPalette } from './quickInput.ts';
import { webviewShowing, type FrameLocator } from './webviewFrames.ts';
import { openWorkbenchSession } from './workbenchSession.ts';

/** The fixture's tiny config with enough data and epochs to watch it train (minutes, stopped by the test): the fixture itself ends in under a second. */
const LIVE_CONFIG = 'tiny-live.distq.json';
const liveConfigText = `{
  // The e2e panels test: tiny.distq.json, long enough to watch live.
  "name": "tinyLive",
  "model": { "path": "tiny.onnx" },
  "data": { "kind": "mnist", "trainCount": 8000, "testCount": 100 },
  "distillation": { "kind": "none" },
  "quantization": { "calibrationBatches": 1 },
  "training": { "epochs": 2000, "batchSize": 32, "logEverySteps": 5 }
}
`;

function runFolderOf(workspace: string): string | undefined {
  const runs = path.join(workspace, 'runs');
  if (!fs.existsSync(runs)) return undefined;
  return fs.readdirSync(runs).map((folder) => path.join(runs, folder)).find((folder) => fs.existsSync(path.join(folder, 'metrics.jsonl')));
}

async function lossPoints(dashboard: FrameLocator): Promise<number> {
  return Number((await dashboard.locator('#losses').getAttribute('data-points', { timeout: 5_000 }).catch(() => null)) ?? 0);
}

test('the dashboard follows a live run; Exclude in the layers panel edits the config', { timeout: 10 * 60_000 }, async () => {
  const session = await openWorkbenchSession('panels');
  const { page } = session;
  try {
    fs.writeFileSync(path.join(session.workspace, LIVE_CONFIG), liveConfigText);
    await openFileByName(page, LIVE_CONFIG);
    await runFromCommandPalette(page, 'DistQ: Run QAT + Distillation');
    const toasts = page.locator('.notifications-toasts .notification-toast');
    const runFolder = await pollUntil('the run folder with metrics.jsonl', 3 * 60_000, async () => {
      const failed = (await toasts.allInnerTexts()).find((text) => /DistQ run \S+ failed/.test(text));
      if (failed) throw new Error(`the run failed: ${failed.replace(/\s+/g, ' ')}`);
      return runFolderOf(session.workspace);
    }, 500);

    await runFromCommandPalette(page, 'DistQ: Open Dashboard');
    const dashboard = await webviewShowing(page, '#losses[data-points]');
    const first = await pollUntil('loss points in the dashboard', 60_000, async () => ((await lossPoints(dashboard)) > 0 ? lossPoints(dashboard) : undefined));
    const later = await pollUntil('more loss points arriving live', 60_000, async () => {
      const points = await lossPoints(dashboard);
      return points >= first + 20 ? points : undefined;
    });
    console.log(`dashboard: ${first} loss points, then ${later}`);
    const banner = await dashboard.locator('.panel-header').innerText();
    assert.match(banner, /tinyLive/);
    console.log(`screenshot: ${await session.screenshot('panels-dashboard-live')}`);

    await dashboard.locator('#show-layers').click();
    const layers = await webviewShowing(page, '.layer-table tbody tr[data-node]');
    const row = layers.locator('.layer-table tbody tr[data-node]').first();
    const node = await row.getAttribute('data-node');
    assert.ok(node, 'a layer row names its node');
    await row.click();
    await layers.locator('#exclude-layer').click();

    // The edit lands in the config (unsaved, undoable) while the panel stays in view and marks the
    // layer; "Show in config" opens the config in the panel's own group (no split) on the new entry.
    await pollUntil('the layer marked excluded in the panel', 30_000, async () => ((await layers.locator('#exclude-layer').innerText()).includes('Excluded') ? true : undefined));
    const confirmation = toasts.filter({ hasText: 'stays in float' });
    await confirmation.locator('.monaco-button').filter({ hasText: 'Show in config' }).click({ timeout: 30_000 });
    const excluded = `"exclude": ["${node}"]`;
    await pollUntil(`${excluded} in the config's editor`, 30_000, async () => {
      const texts = await page.locator('.monaco-editor .view-lines').allInnerTexts();
      return texts.some((text) => text.replace(/\u00a0/g, ' ').includes(excluded)) ? true : undefined;
    });
    // The status bar reads "Ln 8, Col 24 (9 selected)": the selection is the new name, quotes included.
    const cursor = await pollUntil('the new entry selected in the editor', 10_000, async () => {
      const items = await page.locator('.statusbar-item').allInnerTexts();
      return items.map((item) => /Ln\s+(\d+),\s+Col\s+\d+\s+\((\d+)\s+selected\)/.exec(item)).find((match) => match !== null) ?? undefined;
    });
    assert.equal(Number(cursor[2]), JSON.stringify(node).length, 'the node name is selected');
    assert.ok(Number(cursor[1]) > 1, `the editor shows the entry on line ${cursor[1]}, not line 1`);
    assert.equal(await page.locator('.editor-group-container').count(), 1, 'no editor group opened beside the panel');
    assert.doesNotMatch(fs.readFileSync(path.join(session.workspace, LIVE_CONFIG), 'utf8'), /"exclude"/, 'not saved behind the user\'s back');
    console.log(`screenshot: ${await session.screenshot('panels-exclude')}`);

    await runFromCommandPalette(page, 'DistQ: Stop Run');
    const summary = await pollUntil('the stopped run\'s summary.json', 60_000, () => {
      const file = path.join(runFolder, 'summary.json');
      return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { status: string }) : undefined;
    }, 500);
    assert.equal(summary.status, 'stopped');
  } catch (error) {
    await session.screenshot('panels-failure').catch(() => undefined);
    throw error;
  } finally {
    await session.close();
  }
});
