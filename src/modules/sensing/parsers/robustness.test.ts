// Every parser, the same robustness suite: arbitrary lines and arbitrary JSON never make a parser throw
// (a throw would only be caught by pushBounded and reported as "parser failed"), and every issue names
// the line it came from.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createParser, parserFormats } from './index.js';
import { readSample } from './test-samples.js';

const zeekHeader = readSample('zeek/cisagov__icsnpp-s7comm/analyzer.snap7/s7comm.log').split('\n').filter((line) => line.startsWith('#'));

const json = fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value));
const eveLike = fc
  .record({
    event_type: fc.constantFrom('alert', 'flow', 'netflow', 'anomaly', 'fileinfo', 'http', 'dns', 'modbus', 'dnp3', 'enip', 'tls'),
    timestamp: fc.oneof(fc.constant('2024-01-01T00:00:00.000000+0000'), fc.string()),
    alert: fc.jsonValue({ maxDepth: 2 }),
    flow: fc.jsonValue({ maxDepth: 2 }),
    modbus: fc.jsonValue({ maxDepth: 3 }),
    dnp3: fc.jsonValue({ maxDepth: 3 }),
    enip: fc.jsonValue({ maxDepth: 3 }),
    dns: fc.jsonValue({ maxDepth: 3 }),
    http: fc.jsonValue({ maxDepth: 2 }),
    src_ip: fc.jsonValue({ maxDepth: 1 }),
  }, { requiredKeys: ['event_type', 'timestamp'] })
  .map((value) => JSON.stringify(value));
const winLike = fc
  .record({ EventID: fc.oneof(fc.integer(), fc.string()), TimeCreated: fc.oneof(fc.constant('2024-01-01T00:00:00Z'), fc.string()), Provider: fc.string(), EventData: fc.jsonValue({ maxDepth: 2 }), winlog: fc.jsonValue({ maxDepth: 2 }), Event: fc.jsonValue({ maxDepth: 3 }) }, { requiredKeys: [] })
  .map((value) => JSON.stringify(value));
const tsvLike = fc.array(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('-', '(empty)', 'XXXXXXXXXX.XXXXXX', '1700000000.5', 'PLC Stop')), { minLength: 1, maxLength: 22 }).map((cells) => cells.join('\t'));

describe.each(parserFormats)('%s parser robustness', (format) => {
  it('never throws on arbitrary lines and numbers every issue', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 120 }), json, eveLike, winLike, tsvLike), { maxLength: 20 }), fc.boolean(), (lines, withHeader) => {
        const parser = createParser(format, { file: 'fuzz.log', receivedAt: new Date('2024-01-01T00:00:00Z'), invalidTime: 'use-received' });
        const all = format === 'zeek' && withHeader ? [...zeekHeader, ...lines] : lines;
        all.forEach((line, index) => {
          const out = parser.push(line, index + 1);
          for (const issue of out.issues) expect(issue.line).toBe(index + 1);
          for (const event of out.events) expect(Number.isNaN(Date.parse(event.time))).toBe(false);
        });
        parser.end();
      }),
      { numRuns: 300 },
    );
  });
});
