// Async driver: pulls chunks from a stream or async iterable into a CaptureReader, decompressing
// gzip input (magic 1f 8b) on the fly, and stops pulling as soon as the reader stops.
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { isGzipMagic, type CaptureReader } from './capture-reader.js';

/** Chunk size for file reads and decompression output. */
export const READ_CHUNK_SIZE = 1024 * 1024;

export type CaptureInput = AsyncIterable<Uint8Array> | NodeJS.ReadableStream;

/**
 * Feeds the whole input to `reader` and ends it. Format problems end up in reader.error; I/O errors
 * of the input itself (missing file, broken stream) are thrown.
 */
export async function readCapture(input: CaptureInput, reader: CaptureReader): Promise<void> {
  const iterator = (input as AsyncIterable<Uint8Array | string>)[Symbol.asyncIterator]();
  try {
    // Gather the two bytes that tell gzip apart (a first chunk of one byte is legal).
    let head: Uint8Array = new Uint8Array(0);
    while (head.length < 2) {
      const next = await iterator.next();
      if (next.done === true) break;
      head = concat(head, bytesOf(next.value));
    }
    if (!isGzipMagic(head)) {
      if (head.length > 0) reader.feed(head);
      while (!reader.stopped) {
        const next = await iterator.next();
        if (next.done === true) break;
        reader.feed(bytesOf(next.value));
      }
      reader.end();
      return;
    }
    await gunzipInto(head, iterator, reader);
  } finally {
    await iterator.return?.();
  }
}

async function gunzipInto(head: Uint8Array, rest: AsyncIterator<Uint8Array | string>, reader: CaptureReader): Promise<void> {
  async function* compressed(): AsyncGenerator<Uint8Array> {
    yield head;
    for (;;) {
      const next = await rest.next();
      if (next.done === true) return;
      yield bytesOf(next.value);
    }
  }
  const source = Readable.from(compressed(), { objectMode: false });
  const gunzip = createGunzip({ chunkSize: READ_CHUNK_SIZE });
  let inputError: unknown;
  source.on('error', (error) => {
    inputError = error;
    gunzip.destroy(error);
  });
  source.pipe(gunzip);
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      if (!reader.feed(chunk)) break;
    }
  } catch (error) {
    if (inputError !== undefined) throw inputError;
    // Keep what was decompressed before the damage; a reader error found earlier wins.
    reader.fail('decompress', `gzip: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    source.destroy();
    gunzip.destroy();
  }
  reader.end();
}

function bytesOf(chunk: Uint8Array | string): Uint8Array {
  if (typeof chunk === 'string') throw new TypeError('capture input must be binary: do not set an encoding on the stream');
  return chunk;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
