/**
 * The part of playwright-core's API the webview tests and the render bench use.
 * playwright-core is a test tool installed into .tools/ (outside the project's
 * dependencies), so its own declarations may be absent; `tsc` must pass there too.
 * Matches playwright-core 1.65.
 */

export interface Route {
  request(): { url(): string };
  fulfill(response: { status: number; contentType?: string; body: string | Buffer }): Promise<void>;
}

export interface Page {
  route(url: string, handler: (route: Route) => Promise<void>): Promise<void>;
  addInitScript<A>(script: (arg: A) => void, arg: A): Promise<void>;
  addInitScript(script: { content: string }): Promise<void>;
  goto(url: string): Promise<unknown>;
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  evaluate<R>(fn: () => R | Promise<R>): Promise<R>;
  waitForFunction<A>(fn: (arg: A) => unknown, arg: A, options?: { timeout?: number }): Promise<unknown>;
  waitForFunction(fn: () => unknown): Promise<unknown>;
  getAttribute(selector: string, name: string): Promise<string | null>;
  click(selector: string): Promise<void>;
  focus(selector: string): Promise<void>;
  fill(selector: string, value: string): Promise<void>;
  textContent(selector: string): Promise<string | null>;
  locator(selector: string): { count(): Promise<number>; allInnerTexts(): Promise<string[]>; first(): { click(): Promise<void>; focus(): Promise<void> } };
  keyboard: { press(key: string): Promise<void> };
  mouse: { move(x: number, y: number): Promise<void>; click(x: number, y: number): Promise<void> };
  screenshot(options: { path: string; fullPage?: boolean }): Promise<Buffer>;
  on(event: 'pageerror', listener: (error: Error) => void): void;
  close(): Promise<void>;
}

export interface BrowserContext {
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export interface Browser {
  newContext(options: { viewport: { width: number; height: number } }): Promise<BrowserContext>;
  close(): Promise<void>;
}

export interface PlaywrightCore {
  chromium: { launch(options: { executablePath: string; args: string[]; headless: boolean }): Promise<Browser> };
}
