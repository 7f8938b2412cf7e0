/** Splits process output into lines; a line cut between two chunks waits for its end. */
export class LineSplitter {
  private partial = '';

  /** Adds a chunk; returns the non-empty lines it completed. */
  feed(chunk: string): string[] {
    const parts = (this.partial + chunk).split(/\r?\n/);
    this.partial = parts.pop() ?? '';
    return parts.filter((line) => line.trim() !== '');
  }

  /** What is left of an unfinished last line (the process ended without a newline). */
  flush(): string | undefined {
    const rest = this.partial;
    this.partial = '';
    return rest.trim() === '' ? undefined : rest;
  }
}

/** The last lines the engine wrote, kept to explain a crash without opening the log. */
export class RecentLines {
  private readonly lines: string[] = [];

  constructor(private readonly capacity = 50) {}

  push(line: string): void {
    this.lines.push(line);
    if (this.lines.length > this.capacity) this.lines.splice(0, this.lines.length - this.capacity);
  }

  /** The last `count` lines, oldest first. */
  last(count: number): string[] {
    return count <= 0 ? [] : this.lines.slice(-count);
  }

  clear(): void {
    this.lines.length = 0;
  }
}
