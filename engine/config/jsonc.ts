/** Parses JSON with comments and trailing commas (the JSONC that VS Code writes). */

export class JsoncSyntaxError extends Error {
  constructor(message: string, readonly line: number, readonly column: number) {
    super(message);
  }
}

/** Replaces comments with spaces and drops trailing commas, keeping offsets of everything else. */
export function stripJsonc(text: string): string {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"') {
      const start = i;
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++;
      out.push(text.slice(start, i));
    } else if (ch === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') {
        out.push(' ');
        i++;
      }
    } else if (ch === '/' && text[i + 1] === '*') {
      while (i < text.length && !(text[i] === '*' && text[i + 1] === '/')) {
        out.push(text[i] === '\n' ? '\n' : ' ');
        i++;
      }
      out.push('  ');
      i += 2;
    } else if (ch === ',') {
      let j = i + 1;
      while (j < text.length && /\s/.test(text[j]!)) j++;
      // A comma followed by a comment then a closing bracket is also trailing.
      const rest = stripLeadingComments(text, j);
      out.push(rest !== undefined && (text[rest] === '}' || text[rest] === ']') ? ' ' : ',');
      i++;
    } else {
      out.push(ch);
      i++;
    }
  }
  return out.join('');
}

function stripLeadingComments(text: string, from: number): number | undefined {
  let j = from;
  for (;;) {
    while (j < text.length && /\s/.test(text[j]!)) j++;
    if (text[j] === '/' && text[j + 1] === '/') {
      while (j < text.length && text[j] !== '\n') j++;
    } else if (text[j] === '/' && text[j + 1] === '*') {
      const end = text.indexOf('*/', j + 2);
      if (end < 0) return undefined;
      j = end + 2;
    } else {
      return j;
    }
  }
}

export function parseJsonc(text: string): unknown {
  const stripped = stripJsonc(text);
  try {
    return JSON.parse(stripped);
  } catch (error) {
    const message = (error as Error).message;
    const match = /position (\d+)/.exec(message);
    const offset = match ? Number(match[1]) : 0;
    const before = stripped.slice(0, offset).split('\n');
    throw new JsoncSyntaxError(message.replace(/ in JSON at position \d+.*$/, ''), before.length, (before[before.length - 1]?.length ?? 0) + 1);
  }
}
