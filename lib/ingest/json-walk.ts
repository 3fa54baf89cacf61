// A JSON document read as it streams in, in the memory of its largest kept part: the caller
// says, container by container, which values to build whole, which to walk member by member
// and which to check and drop. The whole document is checked all the same, so that a file is
// refused for the same syntax errors as JSON.parse refuses it, and at the same place.
import { Tokenizer, TokenizerError, TokenType, type ParsedTokenInfo } from '@streamparser/json';

export type Kind = 'object' | 'array' | 'scalar';

/** What to do with a container's members, each decided when its first token is read. */
export interface Walk {
  /** The plan for a member: its name (an index in an array) and what kind of value it is. */
  member(key: string | number, kind: Kind): Plan;
  /** The container is closed. */
  end?(): void;
}

/** Build the value whole and hand it over; walk its members (containers only); or check and drop it (null). */
export type Plan = { keep: (value: unknown) => void } | { walk: Walk } | null;

/**
 * Where a text stops being JSON: the byte offset (of the bytes written) of the first byte that
 * cannot be part of a JSON document, or the end of the text when it stops short of one.
 */
export class JsonSyntaxError extends Error {
  constructor(
    readonly offset: number,
    readonly atEnd: boolean,
    detail: string,
  ) {
    super(detail);
    this.name = 'JsonSyntaxError';
  }
}

const enum State {
  Key,
  Colon,
  Value,
  Comma,
}

interface Frame {
  obj: boolean;
  state: State;
  /** The member being read: its name, or its index. */
  key: string | number;
  count: number;
  walk: Walk | null;
  /** The container being built, when it is kept (alone or as part of a kept value). */
  value: unknown[] | Record<string, unknown> | null;
  /** Who gets the container when it closes, when it is the top of a kept value. */
  keep: ((value: unknown) => void) | null;
}

/**
 * How far into a token the tokenizer was when it gave up, for the states whose token started
 * before the byte it stopped at: JSON.parse's position (and jsonErrorWhere's) is the token's
 * first byte for a broken literal ("tru"), a "-" with no digits, and "\u" with too few hex digits,
 * and the "." or "e" that no digit follows.
 */
const BACK: Record<string, number> = {
  TRUE1: 1,
  TRUE2: 2,
  TRUE3: 3,
  FALSE1: 1,
  FALSE2: 2,
  FALSE3: 3,
  FALSE4: 4,
  NULL1: 1,
  NULL2: 2,
  NULL3: 3,
  NUMBER_AFTER_INITIAL_MINUS: 1,
  NUMBER_AFTER_FULL_STOP: 1,
  NUMBER_AFTER_E: 1,
  NUMBER_AFTER_E_AND_SIGN: 2,
  STRING_UNICODE_DIGIT_1: 1,
  STRING_UNICODE_DIGIT_2: 2,
  STRING_UNICODE_DIGIT_3: 3,
  STRING_UNICODE_DIGIT_4: 4,
};

function put(into: unknown[] | Record<string, unknown>, key: string | number, value: unknown): void {
  if (Array.isArray(into)) into.push(value);
  // As JSON.parse does: "__proto__" is a member like any other, not the object's prototype.
  else if (key === '__proto__') Object.defineProperty(into, key, { value, writable: true, enumerable: true, configurable: true });
  else into[key] = value;
}

/**
 * The tokenizer of @streamparser/json 0.0.26 as this reader needs it. It takes U+FEFF for a byte
 * order mark wherever it comes: every piece of a string is decoded by a TextDecoder that drops a
 * leading U+FEFF ("te\uFEFFxt" reads as "text"), and until its first string or number it takes
 * the bytes EF BB BF between tokens for a mark to skip ("[\uFEFF1]" passes, where JSON.parse
 * refuses it). The reader drops a file's own mark before the tokenizer sees a byte, so the
 * tokenizer is given a decoder that keeps U+FEFF and is started past the state that looks for
 * a mark. Both are its private fields: a version that changes them fails here, at once, and the
 * version is pinned.
 */
function strictTokenizer(): Tokenizer {
  const tokenizer = new Tokenizer();
  const inner = tokenizer as unknown as { state?: unknown; bufferedString?: { decoder?: unknown } };
  if (inner.state !== 29 || !(inner.bufferedString?.decoder instanceof TextDecoder)) {
    throw new Error('@streamparser/json: its tokenizer is not the one this reader was written for (see json-walk.ts)');
  }
  inner.bufferedString.decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  // START, the state between tokens.
  inner.state = 0;
  return tokenizer;
}

/** Where the string being read began (the tokenizer keeps its opening quote's offset). */
function stringStart(tokenizer: Tokenizer): number | null {
  const offset = (tokenizer as unknown as { offset?: unknown }).offset;
  return typeof offset === 'number' ? offset : null;
}

export class JsonWalker {
  private readonly tokenizer = strictTokenizer();
  private readonly stack: Frame[] = [];
  private done = false;
  private bytes = 0;
  private newlines = 0;
  /** Whether the document has any token at all (else it is blank). */
  sawToken = false;

  constructor(private readonly root: (kind: Kind) => Plan) {
    this.tokenizer.onToken = (t) => this.token(t);
    // What a token's handler throws (an InputError about a post) comes out of write() as it is.
    this.tokenizer.onError = (e) => {
      throw e;
    };
  }

  /** The line the end of the text so far is on, from 1. */
  get line(): number {
    return this.newlines + 1;
  }

  write(chunk: Uint8Array): void {
    // Lines are counted as the bytes go by, for the message of a file cut short.
    for (let i = chunk.indexOf(0x0a); i >= 0; i = chunk.indexOf(0x0a, i + 1)) this.newlines++;
    try {
      this.tokenizer.write(chunk);
    } catch (e) {
      throw this.syntaxError(e, false);
    }
    this.bytes += chunk.length;
  }

  end(): void {
    try {
      this.tokenizer.end();
    } catch (e) {
      throw this.syntaxError(e, true);
    }
    if (!this.done) throw new JsonSyntaxError(this.bytes, true, 'unexpected end of input');
  }

  private syntaxError(e: unknown, atEnd: boolean): unknown {
    if (!(e instanceof TokenizerError)) return e;
    const state = /in state (\w+)|\(state: (\w+)\)/.exec(e.message);
    const name = state ? (state[1] ?? state[2]!) : '';
    // A string that cannot stand where it starts (after a value, where a comma should be) is
    // the error, at its opening quote, whatever breaks inside it or however it ends.
    if (name.startsWith('STRING') && !this.takesString()) {
      const start = stringStart(this.tokenizer);
      if (start !== null) return new JsonSyntaxError(start, false, e.message);
    }
    const at = /absolute position "(\d+)"/.exec(e.message);
    const pos = at ? Number(at[1]) : this.bytes;
    const back = BACK[name];
    if (atEnd && back === undefined) return new JsonSyntaxError(this.bytes, true, e.message);
    return new JsonSyntaxError(pos - (back ?? 0), false, e.message);
  }

  /** Whether a string may come next: as a value, as a member's name, or as the document. */
  private takesString(): boolean {
    const top = this.stack.length ? this.stack[this.stack.length - 1] : null;
    return top ? top.state === State.Value || top.state === State.Key : !this.done;
  }

  private fail(t: ParsedTokenInfo): never {
    throw new JsonSyntaxError(t.offset, false, `unexpected ${TokenType[t.token]}`);
  }

  private token(t: ParsedTokenInfo): void {
    this.sawToken = true;
    const top = this.stack.length ? this.stack[this.stack.length - 1] : null;
    if (!top) {
      if (this.done) this.fail(t);
      this.value(t, null);
      return;
    }
    switch (top.state) {
      case State.Value:
        if (!top.obj && top.count === 0 && t.token === TokenType.RIGHT_BRACKET) this.close();
        else this.value(t, top);
        return;
      case State.Key:
        if (t.token === TokenType.STRING) {
          top.key = t.value as string;
          top.state = State.Colon;
        } else if (t.token === TokenType.RIGHT_BRACE && top.count === 0) this.close();
        else this.fail(t);
        return;
      case State.Colon:
        if (t.token === TokenType.COLON) top.state = State.Value;
        else this.fail(t);
        return;
      case State.Comma:
        if (t.token === TokenType.COMMA) top.state = top.obj ? State.Key : State.Value;
        else if (t.token === (top.obj ? TokenType.RIGHT_BRACE : TokenType.RIGHT_BRACKET)) this.close();
        else this.fail(t);
        return;
    }
  }

  private value(t: ParsedTokenInfo, parent: Frame | null): void {
    const kind: Kind | null =
      t.token === TokenType.LEFT_BRACE
        ? 'object'
        : t.token === TokenType.LEFT_BRACKET
          ? 'array'
          : t.token === TokenType.STRING || t.token === TokenType.NUMBER || t.token === TokenType.TRUE || t.token === TokenType.FALSE || t.token === TokenType.NULL
            ? 'scalar'
            : null;
    if (kind === null) this.fail(t);
    let key: string | number = 0;
    if (parent) {
      if (!parent.obj) parent.key = parent.count;
      key = parent.key;
    }
    let into: unknown[] | Record<string, unknown> | null = null;
    let plan: Plan = null;
    if (!parent) plan = this.root(kind);
    else if (parent.walk) plan = parent.walk.member(key, kind);
    else into = parent.value;
    const keep = plan && 'keep' in plan ? plan.keep : null;
    const walk = plan && 'walk' in plan ? plan.walk : null;
    if (kind === 'scalar') {
      if (into) put(into, key, t.value);
      else keep?.(t.value);
      this.after(parent);
      return;
    }
    const value = into || keep ? (kind === 'object' ? {} : []) : null;
    if (into && value) put(into, key, value);
    this.stack.push({ obj: kind === 'object', state: kind === 'object' ? State.Key : State.Value, key: 0, count: 0, walk: into ? null : walk, value, keep });
  }

  private close(): void {
    const frame = this.stack.pop();
    if (!frame) return;
    if (frame.keep) frame.keep(frame.value);
    frame.walk?.end?.();
    this.after(this.stack.length ? this.stack[this.stack.length - 1]! : null);
  }

  private after(parent: Frame | null): void {
    if (parent) {
      parent.state = State.Comma;
      parent.count++;
    } else this.done = true;
  }
}
