/**
 * The part of playwright-core's API that the harness uses, and its loader. playwright-core is a test
 * tool installed into .tools/ (outside the project's dependencies), so its own type declarations are
 * absent wherever the tools are not installed; `tsc` must pass there too. Matches playwright-core 1.65.
 */
import { createRequire } from 'node:module';
import { testTools } from './testTools.ts';

export interface WaitOptions {
  readonly state?: 'attached' | 'detached' | 'visible' | 'hidden';
  readonly timeout?: number;
}

export interface Locator {
  click(options?: { readonly timeout?: number }): Promise<void>;
  waitFor(options?: WaitOptions): Promise<void>;
  count(): Promise<number>;
  isVisible(): Promise<boolean>;
  innerText(options?: { readonly timeout?: number }): Promise<string>;
  allInnerTexts(): Promise<string[]>;
  first(): Locator;
  locator(selector: string): Locator;
  filter(options: { readonly hasText?: string | RegExp }): Locator;
  boundingBox(options?: { readonly timeout?: number }): Promise<Rectangle | null>;
}

export interface Rectangle {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Keyboard {
  press(key: string): Promise<void>;
  type(text: string, options?: { readonly delay?: number }): Promise<void>;
}

export interface ConsoleMessage {
  type(): string;
  text(): string;
}

export interface Page {
  readonly keyboard: Keyboard;
  goto(url: string, options?: { readonly timeout?: number; readonly waitUntil?: 'load' | 'domcontentloaded' }): Promise<unknown>;
  exposeFunction(name: string, callback: (...args: never[]) => unknown): Promise<void>;
  locator(selector: string): Locator;
  screenshot(options: { readonly path: string; readonly fullPage?: boolean; readonly clip?: Rectangle }): Promise<Buffer>;
  setViewportSize(size: { readonly width: number; readonly height: number }): Promise<void>;
  title(): Promise<string>;
  on(event: 'pageerror', listener: (error: Error) => void): Page;
  on(event: 'console', listener: (message: ConsoleMessage) => void): Page;
  on(event: 'crash' | 'close', listener: () => void): Page;
}

export interface BrowserContext {
  pages(): Page[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  readonly executablePath: string;
  readonly headless: boolean;
  readonly args: readonly string[];
  readonly viewport: { readonly width: number; readonly height: number };
  readonly timeout?: number;
}

interface PlaywrightCore {
  readonly chromium: { launchPersistentContext(userDataDir: string, options: LaunchOptions): Promise<BrowserContext> };
}

export function loadPlaywrightCore(): PlaywrightCore {
  return createRequire(import.meta.url)(testTools.playwrightCore) as PlaywrightCore;
}
