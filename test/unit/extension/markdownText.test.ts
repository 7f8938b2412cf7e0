/** Run-file text in a Markdown tooltip shows as text: no links, no HTML (CommonMark shows a backslash-escaped punctuation character as itself). */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { escapeMarkdown } from '../../../extension/runHistory/markdownText.ts';

/** Every ASCII punctuation character of `markdown` is escaped, so none can open a link, a tag or an emphasis. */
function everyPunctuationEscaped(markdown: string): boolean {
  const unescaped = markdown.replace(/\\[!-/:-@[-`{-~]/g, '');
  return !/[!-/:-@[-`{-~]/.test(unescaped);
}

describe('escapeMarkdown', () => {
  it('shows a command link as text', () => {
    const escaped = escapeMarkdown('failed: [click me](command:distq.run?%7B%7D) <command:distq.run>');
    assert.equal(escaped, 'failed\\: \\[click me\\]\\(command\\:distq\\.run\\?\\%7B\\%7D\\) \\<command\\:distq\\.run\\>');
    assert.ok(everyPunctuationEscaped(escaped));
  });

  it('shows HTML and Markdown syntax as text', () => {
    const escaped = escapeMarkdown('<img src=x onerror=alert(1)><b>bold</b> & **strong** `code` # heading | table | $(zap) \\[x]');
    assert.ok(everyPunctuationEscaped(escaped), escaped);
    assert.match(escaped, /^\\<img src\\=x onerror\\=alert\\\(1\\\)\\>\\<b\\>bold/);
  });

  it('keeps a message in one paragraph and plain text unchanged', () => {
    assert.equal(escapeMarkdown('stopped at epoch 2\n\n# resume'), 'stopped at epoch 2 \\# resume');
    assert.equal(escapeMarkdown('Loss went up 3 times'), 'Loss went up 3 times');
  });
});
