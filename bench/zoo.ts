/**
 * The whole torchvision zoo through QAT + KD: `node --import tsx bench/zoo.ts`.
 *
 * Runs test/unit/zoo/zoo*Half.test.ts with DISTQ_ZOO=full: every model of test/fixtures/zoo at
 * opsets 13 and 17 (and resnet18 at 11 and 16), where the unit tier trains each model at one
 * opset. Each model's wall and CPU time is printed as a test diagnostic.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const halves = ['zooFirstHalf.test.ts', 'zooSecondHalf.test.ts'].map((file) => path.join(root, 'test', 'unit', 'zoo', file));
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter', 'spec', ...halves], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, DISTQ_ZOO: 'full' },
});
process.exit(result.status ?? 1);
