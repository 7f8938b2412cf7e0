/**
 * Text from run files (a summary's message, a run's name, accuracy names) as Markdown that shows
 * it literally: a run folder can come from anyone, and a link such as `[x](command:…)` or raw HTML
 * in its text must not become a link or markup in a tooltip. No `vscode` here, so it is tested in
 * plain Node.
 */

/** Every ASCII punctuation character backslash-escaped (CommonMark lets any of them be), line breaks kept as spaces. */
export function escapeMarkdown(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').replace(/[!-/:-@[-`{-~]/g, '\\$&');
}
