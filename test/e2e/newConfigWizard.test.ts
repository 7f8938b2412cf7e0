/** End to end: the New Config wizard, walked through the real workbench's command palette and quick picks, writes a config the engine accepts. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseConfigText } from '../../engine/config/loadConfig.ts';
import { pollUntil } from './pollUntil.ts';
import { chooseItem, enterValue, runFromCommandPalette, visibleRowTexts, waitForStep } from './quickInput.ts';
import { openWorkbenchSession } from './workbenchSession.ts';

const wizardTitle = 'New Distillation-for-Quantization Config';
const configName = 'e2e-wizard.distq.json';

test('the New Config wizard, through the palette and its quick picks, writes a config that parses', { timeout: 6 * 60_000 }, async () => {
  const session = await openWorkbenchSession('new-config-wizard');
  const { page } = session;
  try {
    await runFromCommandPalette(page, `DistQ: ${wizardTitle}`);
    const answers = ['tiny.onnx', 'Same model', 'Built-in MNIST', 'Knowledge distillation (KD)', 'INT8 (W8A8)'];
    for (const [index, answer] of answers.entries()) {
      await waitForStep(page, wizardTitle, index + 1, 6);
      if (index === 1) {
        // The student step lists the same-model choice once, and models with their folder relative to the workspace.
        const rows = await visibleRowTexts(page);
        assert.equal(rows.filter((row) => /same/i.test(row)).length, 1, rows.join(' | '));
        assert.ok(rows.every((row) => !row.includes(session.workspace)), rows.join(' | '));
      }
      await chooseItem(page, answer);
    }
    await waitForStep(page, wizardTitle, 6, 6);
    await enterValue(page, configName);

    const file = path.join(session.workspace, configName);
    await pollUntil(`${configName} in the workspace`, 60_000, () => (fs.existsSync(file) ? true : undefined));
    await page.locator('.monaco-workbench .tabs-container .tab.active').filter({ hasText: configName }).waitFor({ state: 'visible', timeout: 60_000 });
    console.log(`screenshot: ${await session.screenshot('new-config-wizard')}`);

    const text = fs.readFileSync(file, 'utf8');
    const config = parseConfigText(text, file);
    assert.equal(path.resolve(session.workspace, config.model.path), path.join(session.workspace, 'tiny.onnx'));
    assert.equal(config.data.kind, 'mnist');
    assert.equal(config.distillation?.kind, 'kd');
    assert.equal(config.quantization?.weights.bits, 8);
    assert.equal(config.quantization?.activations.bits, 8);
    // tiny.onnx is untrained: the wizard evaluated it and chose the from-scratch schedule, saying why.
    assert.match(text.split('\n').filter((line) => line.trim().startsWith('//')).map((line) => line.trim().slice(3)).join(' '), /Training from scratch: the student scores [\d.]+ % on 1,000 test examples, near chance/);
    assert.equal(config.training.epochs, 8);
  } catch (error) {
    await session.screenshot('new-config-wizard-failure').catch(() => undefined);
    throw error;
  } finally {
    await session.close();
  }
});
