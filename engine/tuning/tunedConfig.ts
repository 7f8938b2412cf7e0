/**
 * Writes the chosen settings as a new config beside the user's, `NAME.tuned.distq.json`: the user's
 * config with the chosen `quantization.layers` and its own name (so its runs are told apart). It never
 * writes over a file: a taken name moves on to `NAME.tuned-2.distq.json` and so on.
 */
import { writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { LayerPrecisionSetting } from '../../contracts/tuningReport.ts';
import { tunedConfigFileName } from '../../contracts/tuningReport.ts';
import { parseJsonc } from '../config/jsonc.ts';

/** How many taken names to step over before giving up, so a full folder fails rather than loops. */
const MAX_ATTEMPTS = 100;

/** The tuned config's text: the user's config (comments are not kept) with the chosen layers. */
export function tunedConfigText(userConfigText: string, layers: Readonly<Record<string, LayerPrecisionSetting>>): string {
  const config = parseJsonc(userConfigText) as Record<string, unknown>;
  const quantization = (config.quantization ?? {}) as Record<string, unknown>;
  const tuned = { ...config, name: `${String(config.name)}-tuned`, quantization: { ...quantization, layers } };
  return `${JSON.stringify(tuned, null, 2)}\n`;
}

/** Writes `text` beside `configPath` under the first free tuned name; returns the path written. */
export function writeTunedConfig(configPath: string, text: string): string {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const path = join(dirname(configPath), tunedConfigFileName(basename(configPath), attempt));
    try {
      // 'wx' fails when the file exists, so no check-then-write race can overwrite one.
      writeFileSync(path, text, { flag: 'wx' });
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new Error(`could not write a tuned config beside ${configPath}: ${tunedConfigFileName(basename(configPath))} to ${tunedConfigFileName(basename(configPath), MAX_ATTEMPTS)} all exist`);
}
