/** Reads the Python dict literal in an .npy header: {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), } */

export type HeaderValue = string | boolean | number | HeaderValue[] | { kind: 'other'; text: string };

export interface NpyHeader {
  descr: HeaderValue;
  fortranOrder: boolean;
  shape: number[];
}

/** Throws a plain Error with the problem; the caller adds the file name. */
export function parseNpyHeader(text: string): NpyHeader {
  const reader = new LiteralReader(text);
  const entries = reader.readDict();
  const descr = entries.get('descr');
  const fortranOrder = entries.get('fortran_order');
  const shape = entries.get('shape');
  if (descr === undefined || fortranOrder === undefined || shape === undefined) {
    throw new Error(`header ${JSON.stringify(text.trim())} lacks one of 'descr', 'fortran_order', 'shape'`);
  }
  if (typeof fortranOrder !== 'boolean') throw new Error(`header 'fortran_order' is not True or False`);
  if (!Array.isArray(shape) || !shape.every((dim): dim is number => typeof dim === 'number')) {
    throw new Error(`header 'shape' is not a tuple of integers`);
  }
  return { descr, fortranOrder, shape };
}

class LiteralReader {
  private position = 0;

  constructor(private readonly text: string) {}

  readDict(): Map<string, HeaderValue> {
    const entries = new Map<string, HeaderValue>();
    this.expect('{');
    while (!this.accept('}')) {
      const key = this.readValue();
      if (typeof key !== 'string') throw this.error('a dict key is not a string');
      this.expect(':');
      entries.set(key, this.readValue());
      if (!this.accept(',')) {
        this.expect('}');
        break;
      }
    }
    return entries;
  }

  private readValue(): HeaderValue {
    this.skipSpace();
    const char = this.text[this.position];
    if (char === "'" || char === '"') return this.readString(char);
    if (char === '(' || char === '[') return this.readSequence(char === '(' ? ')' : ']');
    if (char === '{') {
      const start = this.position;
      this.readDict();
      return { kind: 'other', text: this.text.slice(start, this.position) };
    }
    const word = /^[A-Za-z0-9_+-]+/.exec(this.text.slice(this.position))?.[0];
    if (word === undefined) throw this.error('unexpected character');
    this.position += word.length;
    if (word === 'True') return true;
    if (word === 'False') return false;
    const integer = /^(\d+)L?$/.exec(word); // Python 2 wrote longs as 3L
    if (integer) return Number(integer[1]);
    return { kind: 'other', text: word };
  }

  private readSequence(close: string): HeaderValue[] {
    this.position++;
    const items: HeaderValue[] = [];
    while (!this.accept(close)) {
      items.push(this.readValue());
      if (!this.accept(',')) {
        this.expect(close);
        break;
      }
    }
    return items;
  }

  private readString(quote: string): string {
    const end = this.text.indexOf(quote, this.position + 1);
    if (end < 0) throw this.error('unterminated string');
    const value = this.text.slice(this.position + 1, end);
    this.position = end + 1;
    return value;
  }

  private accept(token: string): boolean {
    this.skipSpace();
    if (this.text[this.position] !== token) return false;
    this.position++;
    return true;
  }

  private expect(token: string): void {
    if (!this.accept(token)) throw this.error(`expected '${token}'`);
  }

  private skipSpace(): void {
    while (/\s/.test(this.text[this.position] ?? '')) this.position++;
  }

  private error(problem: string): Error {
    return new Error(`cannot read the header ${JSON.stringify(this.text.trim())}: ${problem} at character ${this.position}`);
  }
}
