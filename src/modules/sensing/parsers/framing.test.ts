import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createOctetCountingDecoder, createSyslogFrameDecoder, parseSyslogMessage } from './index.js';
import { samplePath } from './test-samples.js';

const encoder = new TextEncoder();

function decodeAll(chunks: readonly Uint8Array[], options = {}) {
  const decoder = createSyslogFrameDecoder(options);
  const frames: string[] = [];
  const issues: { line: number; message: string }[] = [];
  for (const chunk of chunks) {
    const out = decoder.push(chunk);
    frames.push(...out.frames);
    issues.push(...out.issues);
  }
  const out = decoder.end();
  frames.push(...out.frames);
  issues.push(...out.issues);
  return { frames, issues };
}

function octet(message: string): string {
  return `${encoder.encode(message).length} ${message}`;
}

describe('RFC 6587 frame decoder', () => {
  it('decodes the Dynatrace octet-counted sample (no trailing newline) into a valid RFC 5424 message', () => {
    const bytes = readFileSync(samplePath('syslog/Dynatrace__dynatrace-otel-collector/rfc6587-octet-counting'));
    const { frames, issues } = decodeAll([bytes]);
    expect(issues).toEqual([]);
    expect(frames).toHaveLength(1);
    expect(frames[0]).toMatch(/^<86>1 2015-08-05T21:58:59\.693Z 192\.168\.2\.132 SecureAuth0 /);
    const parsed = parseSyslogMessage(frames[0]!);
    expect('draft' in parsed && parsed.draft.fields.log?.syslog?.msgid).toBe('ID52020');
  });

  it('decodes octet counting and LF framing mixed on one connection, byte counts in UTF-8', () => {
    const messages = ['<13>1 - h a - - - héllo wörld', '<13>Feb  1 10:00:00 h a: plain line', '<13>1 - h a - - - multi\nline'];
    const stream = `${octet(messages[0]!)}${messages[1]}\n${octet(messages[2]!)}`;
    expect(decodeAll([encoder.encode(stream)]).frames).toEqual(messages);
  });

  it('takes CRLF and skips empty lines between frames', () => {
    expect(decodeAll([encoder.encode('<13>a\r\n\r\n\n<13>b\n')]).frames).toEqual(['<13>a', '<13>b']);
  });

  it('treats a line starting with digits but no space after them as a line (syslog without PRI)', () => {
    expect(decodeAll([encoder.encode('2019-06-14T10:40:20 host app: x\n')]).frames).toEqual(['2019-06-14T10:40:20 host app: x']);
  });

  it('reports an oversized octet-counted frame, skips exactly its bytes and goes on', () => {
    const big = 'x'.repeat(100);
    const { frames, issues } = decodeAll([encoder.encode(`${octet(big)}${octet('<13>after')}`)], { maxFrameBytes: 50 });
    expect(frames).toEqual(['<13>after']);
    expect(issues).toEqual([{ line: 1, path: '', message: 'frame of 100 bytes exceeds the 50-byte limit, skipped' }]);
  });

  it('reports an oversized line without holding it and resynchronises at the next LF', () => {
    const decoder = createSyslogFrameDecoder({ maxFrameBytes: 16 });
    const first = decoder.push('<13>' + 'y'.repeat(40));
    expect(first.issues).toHaveLength(1);
    expect(decoder.pendingBytes).toBe(0);
    const second = decoder.push('yyy\n<13>ok\n');
    expect(second.frames).toEqual(['<13>ok']);
  });

  it('reports a connection closed inside an octet-counted frame', () => {
    const { frames, issues } = decodeAll([encoder.encode('20 <13>short')]);
    expect(frames).toEqual([]);
    expect(issues[0]?.message).toBe('connection closed after 9 of 20 bytes');
  });

  it('in forced octet-counting mode reports a frame without a count', () => {
    const { frames, issues } = decodeAll([encoder.encode(`<13>nope\n${octet('<13>fine')}`)], { framing: 'octet-counting' });
    expect(frames).toEqual(['<13>fine']);
    expect(issues.map((issue) => issue.message)).toEqual(['expected an octet count (digits and a space)']);
  });

  it('gives the same frames whatever the chunk boundaries (property)', () => {
    const message = fc.string({ minLength: 1, maxLength: 60 }).map((s) => `<13>${s}`);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(message, fc.boolean()), { minLength: 1, maxLength: 12 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 30 }),
        (items, cuts) => {
          // LF-framed messages cannot contain LF; octet-counted ones can.
          const wire = items.map(([text, counted]) => (counted ? octet(text) : `${text.replace(/[\r\n]/g, ' ')}\n`)).join('');
          const expected = items.map(([text, counted]) => (counted ? text : text.replace(/[\r\n]/g, ' ')).replace(/[\r\n\0]+$/, ''));
          const bytes = encoder.encode(wire);
          const chunks: Uint8Array[] = [];
          let at = 0;
          for (let i = 0; at < bytes.length; i += 1) {
            const size = cuts[i % cuts.length]!;
            chunks.push(bytes.subarray(at, at + size));
            at += size;
          }
          const whole = decodeAll([bytes]);
          const split = decodeAll(chunks);
          expect(split).toEqual(whole);
          expect(whole.frames).toEqual(expected);
          expect(whole.issues).toEqual([]);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('createOctetCountingDecoder is the auto-detecting decoder', () => {
    const decoder = createOctetCountingDecoder();
    expect(decoder.push(octet('<13>a') + '<13>b\n').frames).toEqual(['<13>a', '<13>b']);
  });
});
