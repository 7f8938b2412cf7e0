/** The Welcome page's walkthrough: every step links a command the extension contributes and shows a picture that is in media/. */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

interface Step {
  id: string;
  description: string;
  media: { image: Record<string, string>; altText: string };
  completionEvents?: string[];
}

interface Manifest {
  contributes: { commands: { command: string }[]; walkthroughs: { id: string; steps: Step[] }[] };
}

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
const commands = new Set(manifest.contributes.commands.map((c) => c.command));
const steps = manifest.contributes.walkthroughs.flatMap((walkthrough) => walkthrough.steps);

describe('walkthrough', () => {
  it('opens an example, creates a config, runs it, reads the dashboard and inspects a model', () => {
    const linked = steps.map((step) => /\]\(command:([\w.]+)\)/.exec(step.description)?.[1]);
    assert.deepEqual(linked, ['distq.openExample', 'distq.newConfig', 'distq.run', 'distq.openDashboard', 'distq.inspectModel']);
  });

  it('links and completes on commands the extension contributes', () => {
    for (const step of steps) {
      const named = [...step.description.matchAll(/\(command:([\w.]+)\)/g)].map((match) => match[1]!);
      const events = (step.completionEvents ?? []).map((event) => event.replace(/^onCommand:/, ''));
      for (const command of [...named, ...events]) assert.ok(commands.has(command), `${step.id}: ${command} is not contributed`);
    }
  });

  it('shows a small PNG for light, dark and both high-contrast themes in each step, with alt text', () => {
    for (const step of steps) {
      assert.deepEqual(Object.keys(step.media.image).sort(), ['dark', 'hc', 'hcLight', 'light'], step.id);
      assert.ok(step.media.altText.length > 10, `${step.id}: alt text`);
      for (const image of Object.values(step.media.image)) {
        assert.match(image, /^media\/walkthrough\/[\w-]+\.png$/, `${step.id}: shipped with the extension (media/)`);
        const file = path.join(ROOT, image);
        assert.ok(fs.existsSync(file), `${step.id}: ${image} exists (scripts/screenshots.ts makes it)`);
        const size = fs.statSync(file).size;
        assert.ok(size < 400 * 1024, `${image} is ${Math.round(size / 1024)} KiB`);
      }
    }
  });
});
