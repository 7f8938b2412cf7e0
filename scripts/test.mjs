// Runs the test tiers with Node's own test runner. DISTQ_TEST_TIERS=unit,integration,e2e selects tiers.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const tiers = (process.env.DISTQ_TEST_TIERS ?? 'unit').split(',').map((t) => t.trim()).filter(Boolean);
const filter = process.argv[2];

function findTests(folder) {
  if (!fs.existsSync(folder)) return [];
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return findTests(full);
    return entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

let failed = false;
for (const tier of tiers) {
  const files = findTests(path.join(root, 'test', tier)).filter((f) => !filter || f.includes(filter)).sort();
  if (files.length === 0) {
    console.error(`no tests found in test/${tier}`);
    process.exit(1);
  }
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], { stdio: 'inherit', cwd: root });
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
