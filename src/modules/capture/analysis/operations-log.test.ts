import { describe, expect, it } from 'vitest';
import type { Conversation, PduAt } from '../types.js';
import { createOperationsLog } from './operations-log.js';

const conversation: Conversation = {
  id: 1,
  transport: 'tcp',
  client: { mac: '00:00:00:00:00:01', ip: '10.0.0.1', port: 40000 },
  server: { mac: '00:00:00:00:00:02', ip: '10.0.0.2', port: 502 },
  protocol: 'modbus',
};
const at = (frame: number, fromClient: boolean, seconds = frame): PduAt => ({ frame, time: seconds * 1e6, protocol: 'modbus', conversation, fromClient });

describe('operations log', () => {
  it('pairs responses with requests and folds identical polling within a minute', () => {
    const log = createOperationsLog();
    for (let i = 0; i < 10; i++) {
      log.operation(at(2 * i + 1, true), { operation: 'read', name: 'Read Holding Registers', code: 3, target: 'holding registers 0-9', pairKey: String(i) });
      log.outcome(at(2 * i + 2, false), String(i), { result: 'ok', values: String(i) });
    }
    log.operation(at(30, true), { operation: 'write', name: 'Write Single Register', code: 6, target: 'holding register 5', values: '7', pairKey: 'w' });
    log.outcome(at(31, false), 'w', { result: 'exception', detail: 'Illegal Data Address (2)' });
    log.finish();
    const records = log.drain();
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({ operation: 'read', count: 10, frame: 1, lastFrame: 20, values: '9', result: 'ok', source: '10.0.0.1', destination: '10.0.0.2' });
    expect(records[1]).toMatchObject({ operation: 'write', count: 1, result: 'exception', detail: 'Illegal Data Address (2)', values: '7' });
  });

  it('folds writes only of the same values, never commands; starts a new record after a minute; keeps unanswered requests', () => {
    const log = createOperationsLog();
    log.operation(at(1, true, 0), { operation: 'write', name: 'W', values: '1', pairKey: 'a' });
    log.operation(at(2, true, 1), { operation: 'write', name: 'W', values: '2', pairKey: 'b' });
    log.operation(at(6, true, 3), { operation: 'write', name: 'W', values: '2' });
    log.operation(at(7, true, 3), { operation: 'stop', name: 'PLC Stop' });
    log.operation(at(8, true, 3), { operation: 'stop', name: 'PLC Stop' });
    log.operation(at(3, true, 2), { operation: 'read', name: 'R' });
    log.operation(at(4, true, 90), { operation: 'read', name: 'R' });
    log.outcome(at(5, false, 91), 'unknown-key', { result: 'ok' });
    log.finish();
    const records = log.drain();
    expect(records.map((r) => [r.operation, r.values, r.count, r.result])).toEqual([
      ['write', '1', 1, null],
      ['write', '2', 2, null],
      ['read', null, 1, null],
      ['read', null, 1, null],
      ['stop', null, 1, null],
      ['stop', null, 1, null],
    ]);
  });
});

describe('operations log memory', () => {
  it('closes runs and unanswered requests as capture time moves on, without changing what is logged', () => {
    const log = createOperationsLog();
    const conversations = 40_000;
    let frame = 0;
    for (let i = 0; i < conversations; i++) {
      const c: Conversation = { ...conversation, id: i + 10 };
      const when = (s: number): PduAt => {
        // the pipeline ticks the log's clock with every frame: that drives the sweeps
        log.clock((i * 10 + s) * 1e6);
        return { frame: ++frame, time: (i * 10 + s) * 1e6, protocol: 'modbus', conversation: c, fromClient: true };
      };
      log.operation(when(0), { operation: 'read', name: 'R', target: 'x', pairKey: 'a' });
      log.outcome({ ...when(1), fromClient: false }, 'a', { result: 'ok' });
      log.operation(when(2), { operation: 'read', name: 'R', target: 'x', pairKey: 'b' });
      log.outcome({ ...when(3), fromClient: false }, 'b', { result: 'ok' });
    }
    // long before the end, most records have been handed over already
    expect(log.emitted).toBeGreaterThan(conversations * 0.75);
    log.finish();
    const records = log.drain();
    expect(records).toHaveLength(conversations);
    expect(records.every((r) => r.count === 2)).toBe(true);
  });
});
