/**
 * The walkthrough's pictures (media/walkthrough/) and the README's screenshots (media/screenshots/),
 * in Light Modern and Dark Modern, from a real MNIST run in real VS Code (code-server), driven as a
 * user drives it: "DistQ: Open the MNIST Example" into an empty workspace, the New Config wizard,
 * "DistQ: Run QAT + Distillation" on qat-kd-int8.distq.json, the dashboard, the run's layers panel
 * and "DistQ: Inspect Per-Layer Quantization Error" on the trained CNN.
 *
 * Not part of the tests; run it when the panels change (a few minutes on 2 cores). It starts
 * code-server, so on a machine shared with the integration and e2e tiers take their lock:
 *   npm run build && flock /tmp/distq-vscode-tests.lock node --import tsx scripts/screenshots.ts
 * The KD config needs the FP32 teacher: examples/mnist/cnn.trained.onnx is trained first (the CLI's
 * `distq train`, as `npm run demo` does) when it is missing.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page, Rectangle } from './harness/playwrightApi.ts';
import { repositoryRoot } from './harness/testTools.ts';
import { pollUntil } from '../test/e2e/pollUntil.ts';
import { chooseItem, openFileByName, runFromCommandPalette, waitForStep } from '../test/e2e/quickInput.ts';
import { webviewShowing, type FrameLocator } from '../test/e2e/webviewFrames.ts';
import { openWorkbenchSession } from '../test/e2e/workbenchSession.ts';

const EXAMPLE = path.join(repositoryRoot, 'examples/mnist');
const TEACHER = path.join(EXAMPLE, 'cnn.trained.onnx');
const EXAMPLE_FOLDER = 'distq-mnist-example';
const KD_CONFIG = 'qat-kd-int8.distq.json';
const WALKTHROUGH = path.join(repositoryRoot, 'media/walkthrough');
const SCREENSHOTS = path.join(repositoryRoot, 'media/screenshots');
const VIEWPORT = { width: 1280, height: 800 };
const TALL_VIEWPORT = { width: 1280, height: 1000 };

/** The settings value of each theme, and the class the workbench then carries. */
const THEMES = [
  { name: 'light', setting: 'Light Modern', workbenchClass: 'vs' },
  { name: 'dark', setting: 'Dark Modern', workbenchClass: 'vs-dark' },
] as const;

function ensureTeacher(): void {
  if (fs.existsSync(TEACHER)) return;
  console.log('training the FP32 teacher (examples/mnist/cnn.distq.json)…');
  const trained = spawnSync(process.execPath, [path.join(repositoryRoot, 'dist/engine.js'), 'train', 'cnn.distq.json'], { cwd: EXAMPLE, stdio: 'inherit' });
  if (trained.status !== 0 || !fs.existsSync(TEACHER)) throw new Error('training the teacher failed');
}

/** The first run folder under `folder` (any depth up to 3) that has `file`. */
function findRunFile(folder: string, file: string): string | undefined {
  const queue = [{ folder, depth: 0 }];
  for (let next = queue.shift(); next; next = queue.shift()) {
    const candidate = path.join(next.folder, file);
    if (path.basename(path.dirname(next.folder)) === 'runs' && fs.existsSync(candidate)) return candidate;
    if (next.depth === 3) continue;
    for (const entry of fs.readdirSync(next.folder, { withFileTypes: true })) {
      if (entry.isDirectory()) queue.push({ folder: path.join(next.folder, entry.name), depth: next.depth + 1 });
    }
  }
  return undefined;
}

/** Through "Preferences: Toggle between Light/Dark Themes" (the session's preferred themes are the two of THEMES). */
async function setTheme(page: Page, theme: (typeof THEMES)[number]): Promise<void> {
  if ((await page.locator(`.monaco-workbench.${theme.workbenchClass}`).count()) > 0) return;
  await runFromCommandPalette(page, 'Preferences: Toggle between Light/Dark Themes');
  await pollUntil(`the ${theme.setting} theme`, 30_000, async () => ((await page.locator(`.monaco-workbench.${theme.workbenchClass}`).count()) > 0 ? true : undefined));
  // Webviews get the new variables a moment later and rebuild their charts.
  await new Promise((resolve) => setTimeout(resolve, 2_500));
}

/** A region of the page, grown by `margin` and kept inside the viewport. */
async function regionOf(page: Page, selector: string, margin = 0): Promise<Rectangle> {
  const box = await page.locator(selector).first().boundingBox({ timeout: 30_000 });
  if (!box) throw new Error(`${selector} is not on screen`);
  const x = Math.max(0, box.x - margin);
  const y = Math.max(0, box.y - margin);
  return { x, y, width: box.width + 2 * margin, height: box.height + 2 * margin };
}

/** Shows what a picture holds (after the theme is set) and returns the region to keep, or undefined for the whole window. */
type Shot = () => Promise<Rectangle | undefined>;

/** Takes a picture in each theme into `folder` as NAME-light.png and NAME-dark.png; `done` closes what `shot` opened. */
async function captureInThemes(page: Page, folder: string, name: string, shot: Shot, done?: () => Promise<void>): Promise<void> {
  fs.mkdirSync(folder, { recursive: true });
  for (const theme of THEMES) {
    await setTheme(page, theme);
    const clip = await shot();
    const file = path.join(folder, `${name}-${theme.name}.png`);
    await page.screenshot({ path: file, ...(clip ? { clip } : {}) });
    await done?.();
    console.log(`${path.relative(repositoryRoot, file)}: ${(fs.statSync(file).size / 1024).toFixed(0)} KiB`);
  }
}

const wholeWindow: Shot = async () => undefined;

async function main(): Promise<void> {
  ensureTeacher();
  const emptyWorkspace = fs.mkdtempSync(path.join(os.tmpdir(), 'distq-screenshots-'));
  const session = await openWorkbenchSession('screenshots', { workspaceSource: emptyWorkspace, userSettings: {
    'workbench.colorTheme': THEMES[1].setting, 'workbench.preferredDarkColorTheme': THEMES[1].setting, 'workbench.preferredLightColorTheme': THEMES[0].setting,
  } });
  const { page } = session;
  try {
    await page.setViewportSize(VIEWPORT);
    const editorArea = (): Promise<Rectangle> => regionOf(page, '.monaco-workbench .part.editor');

    // 1. The example, copied into the workspace, its first config open.
    await runFromCommandPalette(page, 'DistQ: Open the MNIST Example');
    await page.locator('.monaco-workbench .tabs-container .tab.active').filter({ hasText: 'quickstart.distq.json' }).waitFor({ state: 'visible', timeout: 60_000 });
    await captureInThemes(page, WALKTHROUGH, 'open-example', wholeWindow);

    // 2. The New Config wizard's first step.
    const wizardTitle = 'New Distillation-for-Quantization Config';
    await captureInThemes(page, WALKTHROUGH, 'new-config', async () => {
      await runFromCommandPalette(page, `DistQ: ${wizardTitle}`);
      await waitForStep(page, wizardTitle, 1, 6);
      return regionOf(page, '.quick-input-widget', 24);
    }, () => page.keyboard.press('Escape'));

    // 3. The KD run, from the palette, while it trains.
    await openFileByName(page, KD_CONFIG);
    await runFromCommandPalette(page, 'DistQ: Run QAT + Distillation');
    const examplePath = path.join(session.workspace, EXAMPLE_FOLDER);
    const metrics = await pollUntil('a run folder with metrics.jsonl', 5 * 60_000, () => findRunFile(session.workspace, 'metrics.jsonl'), 1_000);
    // A few logged steps in: the curves have begun and the status bar shows the pace.
    await pollUntil('training steps in metrics.jsonl', 5 * 60_000, () => (fs.readFileSync(metrics, 'utf8').split('\n').filter((line) => line.includes('"type":"step"')).length >= 3 ? true : undefined), 1_000);
    await captureInThemes(page, WALKTHROUGH, 'run', wholeWindow);

    // 4. The dashboard of the finished run.
    const summaryFile = path.join(path.dirname(metrics), 'summary.json');
    await pollUntil('the run\'s summary.json', 30 * 60_000, () => (fs.existsSync(summaryFile) ? true : undefined), 2_000);
    const status = (JSON.parse(fs.readFileSync(summaryFile, 'utf8')) as { status: string }).status;
    if (status !== 'finished') throw new Error(`the run ended ${status}: ${summaryFile}`);
    console.log(`run finished: ${path.relative(examplePath, path.dirname(metrics))}`);
    await page.setViewportSize(TALL_VIEWPORT);
    // The panels get the window's width.
    await runFromCommandPalette(page, 'View: Toggle Primary Side Bar Visibility');
    await runFromCommandPalette(page, 'DistQ: Open Dashboard');
    // Run from the palette, the command asks which run; the newest is listed first.
    const whichRun = page.locator('.quick-input-widget .monaco-list-row').first();
    if (await whichRun.waitFor({ state: 'visible', timeout: 15_000 }).then(() => true, () => false)) await page.keyboard.press('Enter');
    const dashboard: FrameLocator = await webviewShowing(page, '#accuracy[data-points]');
    await captureInThemes(page, WALKTHROUGH, 'dashboard', editorArea);
    await captureInThemes(page, SCREENSHOTS, 'dashboard', editorArea);

    // 5. The run's layers panel, and an inspection of the trained teacher.
    await dashboard.locator('#show-layers').click();
    await webviewShowing(page, '.layer-table tbody tr[data-node]');
    await captureInThemes(page, SCREENSHOTS, 'layers', editorArea);
    await runFromCommandPalette(page, 'DistQ: Inspect Per-Layer Quantization Error');
    await chooseItem(page, 'cnn.trained.onnx');
    await chooseItem(page, 'Built-in MNIST');
    await chooseItem(page, 'W8A8');
    await pollUntil('the inspection\'s layers panel', 5 * 60_000, async () => ((await page.locator('.monaco-workbench .tab.active').filter({ hasText: 'cnn.trained.onnx' }).count()) > 0 ? true : undefined), 1_000);
    await webviewShowing(page, '.layer-table tbody tr[data-node]');
    await captureInThemes(page, WALKTHROUGH, 'inspect', editorArea);
  } catch (error) {
    await session.screenshot('screenshots-failure').catch(() => undefined);
    throw error;
  } finally {
    await session.close();
    fs.rmSync(emptyWorkspace, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
