/**
 * Webview content in the workbench: each panel is an `iframe.webview.ready` holding its page in
 * `iframe#active-frame`. Hidden panels may keep their frames, so look through every ready webview
 * for the one that shows what a test wants. playwright-core's frame API, typed here for the part
 * these tests use (scripts/harness/playwrightApi.ts types the rest).
 */
import type { Locator, Page } from '../../scripts/harness/playwrightApi.ts';
import { pollUntil } from './pollUntil.ts';

export interface WebviewLocator extends Locator {
  getAttribute(name: string, options?: { readonly timeout?: number }): Promise<string | null>;
  first(): WebviewLocator;
}

export interface FrameLocator {
  locator(selector: string): WebviewLocator;
  frameLocator(selector: string): FrameLocator;
}

type FramePage = Page & { frameLocator(selector: string): FrameLocator };

const READY_WEBVIEW = 'iframe.webview.ready';

/** The page of the `index`-th ready webview. */
function webviewPage(page: Page, index: number): FrameLocator {
  return (page as FramePage).frameLocator(`${READY_WEBVIEW} >> nth=${index}`).frameLocator('iframe#active-frame');
}

/** Polls the ready webviews until one has an element matching `selector`; returns that webview's page. */
export async function webviewShowing(page: Page, selector: string, timeoutMs = 120_000): Promise<FrameLocator> {
  return pollUntil(`a webview showing ${selector}`, timeoutMs, async () => {
    const count = await page.locator(READY_WEBVIEW).count();
    for (let index = 0; index < count; index++) {
      const frame = webviewPage(page, index);
      if ((await frame.locator(selector).count().catch(() => 0)) > 0) return frame;
    }
    return undefined;
  }, 500);
}
