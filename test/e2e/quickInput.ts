/**
 * The command palette and quick inputs, driven through the keyboard as a user does. VS Code fixes
 * a quick pick's list when it opens, so a command contributed by an extension host that is still
 * starting may be missing: close the palette and open it again until it is there.
 */
import type { Locator, Page } from '../../scripts/harness/playwrightApi.ts';
import { pollUntil } from './pollUntil.ts';

const widget = '.quick-input-widget';

function quickInput(page: Page): Locator {
  return page.locator(widget);
}

function rowsWithText(page: Page, text: string): Locator {
  return page.locator(`${widget} .monaco-list-row`).filter({ hasText: text });
}

async function openPalette(page: Page): Promise<void> {
  await page.keyboard.press('F1');
  try {
    await quickInput(page).waitFor({ state: 'visible', timeout: 5_000 });
  } catch {
    // The keyboard focus was outside the workbench: give it to the editor area and try again.
    await page.locator('.monaco-workbench .part.editor').click();
    await page.keyboard.press('F1');
    await quickInput(page).waitFor({ state: 'visible', timeout: 10_000 });
  }
}

/** Runs a command by its palette title ("Category: Title"). */
export async function runFromCommandPalette(page: Page, title: string, timeoutMs = 120_000): Promise<void> {
  await pollUntil(`"${title}" in the command palette`, timeoutMs, async () => {
    await openPalette(page);
    await page.keyboard.type(title);
    const row = rowsWithText(page, title).first();
    try {
      await row.waitFor({ state: 'visible', timeout: 3_000 });
      return true;
    } catch {
      await page.keyboard.press('Escape');
      await quickInput(page).waitFor({ state: 'hidden', timeout: 5_000 });
      return undefined;
    }
  });
  await page.keyboard.press('Enter');
}

/** Waits until the quick input shows step `step` of a multi-step input titled `title` ("Title (2/6)"). */
export async function waitForStep(page: Page, title: string, step: number, totalSteps: number): Promise<void> {
  await page.locator(`${widget} .quick-input-title`).filter({ hasText: `${title} (${step}/${totalSteps})` }).waitFor({ state: 'visible', timeout: 60_000 });
}

/** Filters the open quick pick by `text` and accepts the first item that shows it. */
export async function chooseItem(page: Page, text: string): Promise<void> {
  await page.keyboard.type(text);
  await rowsWithText(page, text).first().waitFor({ state: 'visible', timeout: 30_000 });
  await page.keyboard.press('Enter');
}

/** The text of each row the open quick pick shows (label and description). */
export async function visibleRowTexts(page: Page): Promise<string[]> {
  const rows = page.locator(`${widget} .monaco-list-row`);
  await rows.first().waitFor({ state: 'visible', timeout: 30_000 });
  return rows.allInnerTexts();
}

/** Replaces the value of the open input box and accepts it. */
export async function enterValue(page: Page, value: string): Promise<void> {
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(value);
  await page.keyboard.press('Enter');
}

/** Opens a workspace file through Quick Open (Ctrl+P). */
export async function openFileByName(page: Page, fileName: string): Promise<void> {
  await pollUntil(`${fileName} in Quick Open`, 60_000, async () => {
    await page.keyboard.press('ControlOrMeta+P');
    await quickInput(page).waitFor({ state: 'visible', timeout: 10_000 });
    await page.keyboard.type(fileName);
    try {
      await rowsWithText(page, fileName).first().waitFor({ state: 'visible', timeout: 5_000 });
      return true;
    } catch {
      // The file search index is still being built.
      await page.keyboard.press('Escape');
      return undefined;
    }
  });
  await page.keyboard.press('Enter');
  await page.locator('.monaco-workbench .tabs-container .tab.active').filter({ hasText: fileName }).waitFor({ state: 'visible', timeout: 30_000 });
}
