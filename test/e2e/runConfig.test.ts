/**
 * End to end: "DistQ: Run QAT + Distillation" from the palette on the fixture config, in a workbench
 * without the smoke-test driver, so the run's notification toasts show as a user sees them.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { pollUntil } from './pollUntil.ts';
import { openFileByName, runFromCommandPalette } from './quickInput.ts';
import { openWorkbenchSession } from './workbenchSession.ts';

interface RunSummary {
  readonly status: string;
}

/** The summary.json of the first run folder under runs/ that has one. */
function findSummary(workspace: string): string | undefined {
  const runs = path.join(workspace, 'runs');
  if (!fs.existsSync(runs)) return undefined;
  return fs.readdirSync(runs).map((folder) => path.join(runs, folder, 'summary.json')).find((file) => fs.existsSync(file));
}

test('"DistQ: Run QAT + Distillation" on the fixture config ends with a run folder summary and a toast', { timeout: 10 * 60_000 }, async () => {
  const session = await openWorkbenchSession('run-config');
  const { page } = session;
  try {
    await openFileByName(page, 'tiny.distq.json');
    await runFromCommandPalette(page, 'DistQ: Run QAT + Distillation');

    const toasts = page.locator('.notifications-toasts .notification-toast');
    const seenToasts = new Set<string>();
    const summaryFile = await pollUntil('the run folder\'s summary.json and the finished toast', 8 * 60_000, async () => {
      for (const text of await toasts.allInnerTexts()) seenToasts.add(text.replace(/\s+/g, ' ').trim());
      const file = findSummary(session.workspace);
      const finishedToast = [...seenToasts].some((text) => /DistQ run tiny\S* finished/.test(text));
      return file && finishedToast ? file : undefined;
    }, 500);
    console.log(`screenshot: ${await session.screenshot('run-config')}`);

    const summary = JSON.parse(fs.readFileSync(summaryFile, 'utf8')) as RunSummary;
    assert.equal(summary.status, 'finished', `toasts seen: ${[...seenToasts].join(' | ')}`);
  } catch (error) {
    await session.screenshot('run-config-failure').catch(() => undefined);
    throw error;
  } finally {
    await session.close();
  }
});
