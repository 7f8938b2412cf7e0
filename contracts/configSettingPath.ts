/**
 * How a config setting is named in messages: its path from the top of the config, keys joined by
 * dots and array items by their index (`quantization.exclude[1]`, `training.optimizer.kind`). The
 * engine names the setting at fault first in an error, after the config file's path when the file as
 * a whole was checked ("/abs/cnn.distq.json: quantization.exclude[1] is not …",
 * "distillation.lossTypes[0]: 'KL' is not a loss against labels …"); the extension reads it back to
 * take the user to that setting.
 */

/** Keys and array indices from the config's top, as jsonc-parser's JSONPath spells them. */
export type SettingPath = (string | number)[];

/** `parent.key` (just `key` at the top). */
export function settingKeyPath(parent: string, key: string): string {
  return parent ? `${parent}.${key}` : key;
}

/** `parent[index]`. */
export function settingIndexPath(parent: string, index: number): string {
  return `${parent}[${index}]`;
}

const CONFIG_FILE_PREFIX = /^.*?\.distq\.json: /i;
const LEADING_SETTING = /^([A-Za-z_][\w]*(?:\.[A-Za-z_]\w*|\[\d+\])*)(?=[\s:;,]|$)/;
const SEGMENT = /\.?([A-Za-z_]\w*)|\[(\d+)\]/g;
/** A message about the config as a whole starts with one of these ("…distq.json: does not exist"); no setting is named so. */
const WHOLE_CONFIG_VERBS: ReadonlySet<string> = new Set(['is', 'does', 'should']);

function parseSettingPath(text: string): SettingPath {
  return [...text.matchAll(SEGMENT)].map((match) => (match[2] !== undefined ? Number(match[2]) : match[1]!));
}

/**
 * The setting an error message names as its cause, when it names one first. Without the config
 * file's path in front, only a path of two parts or more counts, so a message that starts with an
 * ordinary word ("the loss became NaN") names none.
 */
export function settingOfMessage(message: string): SettingPath | undefined {
  const prefix = CONFIG_FILE_PREFIX.exec(message);
  const rest = prefix ? message.slice(prefix[0].length) : message;
  const leading = LEADING_SETTING.exec(rest)?.[1];
  if (leading === undefined) return undefined;
  const path = parseSettingPath(leading);
  if (path.length === 1) return prefix && !WHOLE_CONFIG_VERBS.has(leading) ? path : undefined;
  return path;
}
