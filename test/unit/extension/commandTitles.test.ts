/** Every "DistQ: …" command the extension's messages and the docs name is a command package.json contributes. */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

interface CommandContribution {
  command: string;
  title: string;
  category?: string;
}

function commandTitles(): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { commands: CommandContribution[] } };
  return manifest.contributes.commands.filter((c) => c.category === 'DistQ').map((c) => c.title);
}

function filesUnder(folder: string, extension: string): string[] {
  return fs.readdirSync(path.join(ROOT, folder), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(folder, entry.name);
    if (entry.isDirectory()) return filesUnder(relative, extension);
    return entry.name.endsWith(extension) ? [relative] : [];
  });
}

/** The "DistQ: …" mentions that start like a command (its first word is a command title's) but name none. */
function unknownCommandMentions(text: string, titles: readonly string[]): string[] {
  const firstWords = new Set(titles.map((title) => title.split(' ')[0]!));
  return [...text.matchAll(/DistQ: (?=([A-Z][^\n]*))/g)].flatMap((match) => {
    const rest = match[1]!;
    if (!firstWords.has(rest.split(/[^A-Za-z-]/)[0]!)) return [];
    return titles.some((title) => rest.startsWith(title) && !/[A-Za-z0-9-]/.test(rest.charAt(title.length))) ? [] : [rest.slice(0, 40)];
  });
}

describe('command titles', () => {
  it('finds a mention of a command that does not exist', () => {
    assert.deepEqual(unknownCommandMentions('Run it with "DistQ: Run". Then "DistQ: Stop Run"; DistQ: ${x} failed.', ['Run QAT + Distillation', 'Stop Run']), ['Run". Then "DistQ: Stop Run"; DistQ: ${x']);
    assert.deepEqual(unknownCommandMentions('"DistQ: New Config" and "DistQ: Run".', ['New Distillation-for-Quantization Config', 'Run QAT + Distillation']), ['New Config" and "DistQ: Run".', 'Run".']);
  });

  it('names only commands that package.json contributes, in the extension and the docs', () => {
    const titles = commandTitles();
    assert.ok(titles.length >= 5, `commands with category DistQ: ${titles.join(', ')}`);
    const files = [...filesUnder('extension', '.ts'), ...filesUnder('docs', '.md'), 'README.md'];
    const unknown = files.flatMap((file) => unknownCommandMentions(fs.readFileSync(path.join(ROOT, file), 'utf8'), titles).map((mention) => `${file}: "DistQ: ${mention}"`));
    assert.deepEqual(unknown, [], `known commands: ${titles.join('; ')}`);
  });
});
