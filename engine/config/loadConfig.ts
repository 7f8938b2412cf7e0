/** Reads, validates and resolves a `*.distq.json` config. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { distqConfigSchema, type DistqConfig } from './distqConfig.ts';
import { JsoncSyntaxError, parseJsonc } from './jsonc.ts';
import type { ConfigIssue } from './schemaBuilder.ts';
import { readUserTextFile } from '../util/userFile.ts';

/** A config is a few kilobytes; anything near this is not one. */
const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

export class ConfigError extends Error {
  constructor(readonly file: string, readonly issues: ConfigIssue[]) {
    super(`${file}: ${issues.map((i) => (i.path ? `${i.path} ${i.message}` : i.message)).join('; ')}`);
    this.name = 'ConfigError';
  }
}

/** One section of a config given in code (the hooks API, the bench, tests), with its defaults; throws on a bad value. */
export function parseSection<T>(schema: { parse(value: unknown, path: string, issues: ConfigIssue[]): T | undefined }, value: unknown, name: string, source: string): T {
  const issues: ConfigIssue[] = [];
  const parsed = schema.parse(value, name, issues);
  if (!parsed) throw new ConfigError(source, issues);
  return parsed;
}

export interface LoadedConfig {
  config: DistqConfig;
  /** Absolute path of the config file. */
  file: string;
  /** Folder that relative paths in the config are resolved against. */
  folder: string;
  /** The text as read, kept for the run folder. */
  text: string;
}

export function parseConfigText(text: string, file: string): DistqConfig {
  let value: unknown;
  try {
    value = parseJsonc(text);
  } catch (error) {
    if (error instanceof JsoncSyntaxError) throw new ConfigError(file, [{ path: '', message: `is not valid JSON at line ${error.line}, column ${error.column}: ${error.message}` }]);
    throw error;
  }
  const issues: ConfigIssue[] = [];
  const config = distqConfigSchema.parse(value, '', issues);
  if (!config) throw new ConfigError(file, issues);
  return config;
}

export function loadConfig(configPath: string): LoadedConfig {
  const file = path.resolve(configPath);
  if (!fs.existsSync(file)) throw new ConfigError(file, [{ path: '', message: 'does not exist' }]);
  const text = readUserTextFile(file, 'config file', MAX_CONFIG_BYTES);
  return { config: parseConfigText(text, file), file, folder: path.dirname(file), text };
}

/** Resolves a path written in a config against the config's folder. */
export function resolveConfigPath(loaded: Pick<LoadedConfig, 'folder'>, relative: string): string {
  return path.resolve(loaded.folder, relative);
}
