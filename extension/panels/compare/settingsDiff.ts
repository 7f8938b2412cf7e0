/**
 * The config values that differ between runs, as dotted paths (`quantization.exclude`,
 * `training.optimizer.learningRate`), so two runs that differ in one setting do not look
 * identical in the compare panel. No `vscode` here: unit-tested in Node.
 */
import { parse, type ParseError } from 'jsonc-parser';
import type { SettingsDiff } from '../../../webview/protocol.ts';
import { isJsonObject } from '../../jsonObject.ts';

/** Shown for a run whose config lacks the setting, or that kept no config. */
const ABSENT = '—';

/** Every leaf of a config under its dotted path. Arrays are leaves: a list of excluded nodes differs as a whole. */
export function flattenConfig(value: unknown, prefix = '', into = new Map<string, unknown>()): Map<string, unknown> {
  if (isJsonObject(value) && (Object.keys(value).length > 0 || prefix === '')) {
    for (const [key, child] of Object.entries(value)) flattenConfig(child, prefix ? `${prefix}.${key}` : key, into);
  } else if (prefix) {
    into.set(prefix, value);
  }
  return into;
}

/** A value in a table cell: strings bare, everything else as compact JSON. */
export function compactValue(value: unknown): string {
  if (value === undefined) return ABSENT;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A run's config text parsed as JSONC; undefined when there is none or it is not an object. */
function parsedConfig(text: string | undefined): Map<string, unknown> | undefined {
  if (text === undefined) return undefined;
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: true });
  return isJsonObject(value) ? flattenConfig(value) : undefined;
}

/**
 * The paths whose values differ between the runs that kept a config (in first-seen order),
 * with each run's value. Runs without a config show the absent mark and do not make a path differ.
 */
export function differingSettings(configTexts: readonly (string | undefined)[]): SettingsDiff {
  const configs = configTexts.map(parsedConfig);
  const present = configs.filter((config): config is Map<string, unknown> => config !== undefined);
  const allPaths = [...new Set(present.flatMap((config) => [...config.keys()]))];
  const paths = allPaths.filter((settingPath) => new Set(present.map((config) => compactValue(config.get(settingPath)))).size > 1);
  return { paths, values: configs.map((config) => paths.map((settingPath) => (config ? compactValue(config.get(settingPath)) : ABSENT))) };
}
