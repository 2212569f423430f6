// Text answers that stream (exports): read from a server, written to a file or the terminal.
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parsedBody } from './api.js';
import type { CliContext } from './context.js';

/** The body of a streamed text answer, chunk by chunk; an error answer throws its RemoteError. */
export async function* textChunks(response: Response): AsyncGenerator<string> {
  if (!response.ok || response.body === null) {
    await parsedBody(response);
    return;
  }
  const decoder = new TextDecoder();
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) yield decoder.decode(chunk, { stream: true });
  const tail = decoder.decode();
  if (tail !== '') yield tail;
}

/** Streams to `out` when given (saying so on stderr), else prints the whole text. */
export async function writeChunks(ctx: CliContext, chunks: AsyncIterable<string>, out: string | undefined, what: string): Promise<void> {
  if (out !== undefined) {
    await pipeline(Readable.from(chunks), createWriteStream(out));
    ctx.out.error(`${what} written to ${out}`);
    return;
  }
  let text = '';
  for await (const chunk of chunks) text += chunk;
  ctx.out.line(text.trimEnd());
}
