/**
 * Model descriptions cached per file path and modification time: describing a model
 * costs an engine round trip, and IntelliSense asks on every keystroke. A changed file
 * (new mtime, or an explicit invalidate from a file watcher) is described again.
 * Failures are cached for a short while, so a broken model is not re-read on every
 * keystroke, yet a passing engine failure (a restart) heals by itself.
 */
import type { ModelDescription } from '../../contracts/engineProtocol.ts';
import type { ModelDescriptionSource } from './modelDescriptions.ts';

export type DescriptionResult = { description: ModelDescription } | { error: string };

/** The file's modification time in ms, or undefined when it does not exist. */
export type ModifiedTime = (filePath: string) => Promise<number | undefined>;

interface Entry {
  mtime: number;
  result: Promise<DescriptionResult>;
  /** When the description failed (Date.now()), once it has. */
  failedAt?: number;
}

export const FAILURE_RETRY_MS = 15_000;

export class DescriptionCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly source: ModelDescriptionSource, private readonly modifiedTime: ModifiedTime, private readonly now: () => number = Date.now) {}

  /** The description of the model at an absolute path, or why there is none. */
  async get(modelPath: string): Promise<DescriptionResult> {
    const mtime = await this.modifiedTime(modelPath);
    if (mtime === undefined) {
      this.entries.delete(modelPath);
      return { error: 'the file does not exist' };
    }
    const cached = this.entries.get(modelPath);
    const stale = cached?.failedAt !== undefined && this.now() - cached.failedAt > FAILURE_RETRY_MS;
    if (cached && cached.mtime === mtime && !stale) return cached.result;
    const entry: Entry = { mtime, result: Promise.resolve({ error: '' }) };
    entry.result = this.source.describe(modelPath).then(
      (description): DescriptionResult => ({ description }),
      (error: unknown): DescriptionResult => {
        entry.failedAt = this.now();
        return { error: error instanceof Error ? error.message : String(error) };
      },
    );
    this.entries.set(modelPath, entry);
    return entry.result;
  }

  /** Forgets a file (it changed or was deleted). */
  invalidate(modelPath: string): void {
    this.entries.delete(modelPath);
  }

  clear(): void {
    this.entries.clear();
  }
}
