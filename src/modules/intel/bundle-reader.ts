// Reads a STIX bundle (or a TAXII envelope) from a byte stream one object at a time, so that a
// bundle of hundreds of megabytes never sits in memory: stream-json's tokenizer is fed chunk by
// chunk and each element of `objects` is assembled on its own.
import type { Readable } from 'node:stream';
import { jsonParser, type Token } from 'stream-json/parser.js';
import Assembler from 'stream-json/assembler.js';

/** Deeper nesting than this inside one object is refused (no STIX object needs it). */
export const MAX_OBJECT_DEPTH = 64;

export type BundleItem =
  | { readonly kind: 'object'; readonly index: number; readonly value: unknown }
  /** An element that could not become a value (too deeply nested); the rest goes on. */
  | { readonly kind: 'skipped'; readonly index: number; readonly message: string };

export interface BundleHeader {
  readonly type: unknown;
  readonly id: unknown;
  readonly objects: number;
}

/** The byte stream is not JSON, or not an object with an `objects` array; nothing after `offset` was read. */
export class BundleSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'BundleSyntaxError';
  }
}

const NONE = Symbol.for('object-stream.none');
const MANY = Symbol.for('object-stream.many');

type Flushable = (chunk: string | symbol) => unknown;

function tokensOf(result: unknown): readonly Token[] {
  if (result === NONE || result === undefined) return [];
  const r = result as { [MANY]?: number; values?: Token[] };
  if (r[MANY] === 1 && Array.isArray(r.values)) return r.values;
  return [result as Token];
}

/** Tracks where the tokenizer is in the bundle and assembles elements of the top-level `objects`. */
class BundleWalker {
  depth = 0;
  key: string | null = null;
  inObjects = false;
  index = 0;
  header: { type: unknown; id: unknown; sawObjects: boolean } = { type: undefined, id: undefined, sawObjects: false };
  private asm: Assembler | null = null;
  private elementDepth = 0;
  private tooDeep = false;

  constructor(private readonly out: BundleItem[]) {}

  push(tok: Token): void {
    if (this.asm !== null || this.tooDeep) {
      this.inElement(tok);
      return;
    }
    switch (tok.name) {
      case 'startObject':
        if (this.depth === 0) {
          this.depth = 1;
          return;
        }
        if (this.inObjects && this.depth === 2) {
          this.startElement(tok);
          return;
        }
        this.depth++;
        return;
      case 'startArray':
        if (this.depth === 0) throw new BundleSyntaxError('a bundle is a JSON object with an "objects" array, not an array', 0);
        if (this.depth === 1 && this.key === 'objects') {
          this.inObjects = true;
          this.header.sawObjects = true;
        } else if (this.inObjects && this.depth === 2) {
          this.startElement(tok);
          return;
        }
        this.depth++;
        return;
      case 'endObject':
      case 'endArray':
        this.depth--;
        if (this.depth === 1) this.inObjects = false;
        return;
      case 'keyValue':
        if (this.depth === 1) this.key = tok.value;
        return;
      case 'stringValue':
      case 'numberValue':
      case 'nullValue':
      case 'trueValue':
      case 'falseValue':
        if (this.depth === 0) throw new BundleSyntaxError('a bundle is a JSON object, not a single value', 0);
        if (this.inObjects && this.depth === 2) {
          // A scalar where an object belongs: the validator says what is wrong with it.
          this.out.push({ kind: 'object', index: this.index++, value: tok.name === 'numberValue' ? Number(tok.value) : tok.value });
          return;
        }
        if (this.depth === 1 && this.key === 'type') this.header.type = tok.value;
        if (this.depth === 1 && this.key === 'id') this.header.id = tok.value;
        return;
      default:
        return;
    }
  }

  private startElement(tok: Token): void {
    this.asm = new Assembler();
    this.elementDepth = 0;
    this.tooDeep = false;
    this.inElement(tok);
  }

  private inElement(tok: Token): void {
    if (tok.name === 'startObject' || tok.name === 'startArray') {
      this.elementDepth++;
      if (this.elementDepth > MAX_OBJECT_DEPTH && !this.tooDeep) {
        this.tooDeep = true;
        this.asm = null;
      }
    } else if (tok.name === 'endObject' || tok.name === 'endArray') {
      this.elementDepth--;
    }
    if (this.asm !== null) this.asm.consume(tok);
    if (this.elementDepth === 0) {
      if (this.tooDeep) {
        this.out.push({ kind: 'skipped', index: this.index++, message: `nested more than ${MAX_OBJECT_DEPTH} levels deep` });
      } else if (this.asm !== null) {
        this.out.push({ kind: 'object', index: this.index++, value: this.asm.current });
      }
      this.asm = null;
      this.tooDeep = false;
    }
  }
}

/**
 * Yields the bundle's objects in order, in small groups (one per input chunk), and returns its
 * header. Throws BundleSyntaxError on malformed JSON or a top level that is not a bundle.
 */
export async function* readBundle(input: Readable | AsyncIterable<Uint8Array | string>): AsyncGenerator<BundleItem[], BundleHeader, void> {
  const tokenize = jsonParser({ packValues: true, streamValues: false }) as unknown as Flushable;
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  const items: BundleItem[] = [];
  const walker = new BundleWalker(items);
  let offset = 0;
  const feed = (text: string | symbol) => {
    let result: unknown;
    try {
      result = tokenize(text);
    } catch (error) {
      throw new BundleSyntaxError(`not valid JSON near byte ${offset}: ${(error as Error).message}`, offset);
    }
    for (const tok of tokensOf(result)) walker.push(tok);
  };
  for await (const chunk of input) {
    let text: string;
    try {
      text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    } catch {
      throw new BundleSyntaxError(`not UTF-8 near byte ${offset}`, offset);
    }
    feed(text);
    offset += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
    if (items.length > 0) yield items.splice(0, items.length);
  }
  feed(NONE);
  if (walker.depth !== 0) throw new BundleSyntaxError(`the JSON ends early, at byte ${offset}`, offset);
  if (walker.index === 0 && !walker.header.sawObjects && walker.header.type === undefined) {
    throw new BundleSyntaxError('empty input or no "objects" array', offset);
  }
  if (items.length > 0) yield items.splice(0, items.length);
  return { type: walker.header.type, id: walker.header.id, objects: walker.index };
}
