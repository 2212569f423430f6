// Turns dissector operations into the operations log: requests paired with their responses, and
// identical reads/publishes/subscribes of a conversation within one minute folded into one record
// with a count (cyclic polling would otherwise drown the log). Writes fold only when they write the
// same values to the same target (cyclic output refresh): any changed value starts a new record.
// Commands (program transfer, mode changes, restarts, firmware, configuration) are never folded.
// Hot path: state lives per conversation and open runs are compared field by field, no string keys.
import type { OperationDraft, OperationOutcome } from '../dissectors/types.js';
import type { Conversation, PduAt } from '../types.js';
import type { OperationRecord } from './types.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Draft = Mutable<OperationRecord>;

const foldable = new Set(['read', 'publish', 'subscribe', 'write']);
const maxPendingPerConversation = 256;
const maxRunsPerDirection = 64;
/** Past this many conversations with open state, everything open is closed (memory stays bounded). */
const maxConversations = 100_000;
/** A request unanswered for this long (capture time) is logged without a result. */
const responseTimeoutUs = 300_000_000;
/**
 * Every so many frames, runs that can no longer grow are closed and idle conversations dropped. Counted
 * in frames, not operations: every shard of an analysis split by conversation sees every frame, so it
 * sweeps each of its conversations at the same points as a single pass does. (Not by capture time:
 * where the clock jumps back and forth between merged sources, frequent sweeps close runs early.)
 */
const sweepEvery = 16_384;
/** A folded record covers at most one minute of capture time, so the timeline still shows activity. */
const foldWindowUs = 60_000_000;

interface ConversationLog {
  /** Requests waiting for their response, by pair key (insertion-ordered for eviction). */
  readonly pending: Map<string, { record: Draft; fromClient: boolean }>;
  /** Open folded records per direction: [client → server, server → client]. */
  readonly runs: [Draft[], Draft[]];
}

export interface OperationsLog {
  operation(at: PduAt, op: OperationDraft): void;
  outcome(at: PduAt, pairKey: string, outcome: OperationOutcome): void;
  /** Every frame's time, whichever conversation it belongs to: the clock that drives the sweeps. */
  clock(time: number): void;
  /** Records completed so far (handed over and forgotten). */
  drain(): OperationRecord[];
  /** Closes every open record; call once at the end. */
  finish(): void;
  /**
   * Live capture: closes what can no longer grow by `now` (capture clock, µs), as the periodic sweep
   * does, so a quiet network still hands its records over within a fold window.
   */
  closeIdle(now: number): void;
  readonly emitted: number;
}

export function createOperationsLog(): OperationsLog {
  const conversations = new Map<number, ConversationLog>();
  let ready: OperationRecord[] = [];
  let emitted = 0;
  let latest = 0;
  let untilSweep = sweepEvery;

  const endpoint = (c: Conversation, client: boolean) => {
    const e = client ? c.client : c.server;
    return e.ip ?? e.mac;
  };

  const logOf = (c: Conversation): ConversationLog => {
    let log = conversations.get(c.id);
    if (!log) {
      if (conversations.size >= maxConversations) closeAll();
      conversations.set(c.id, (log = { pending: new Map(), runs: [[], []] }));
    }
    return log;
  };

  /**
   * Closes runs whose minute has passed and requests that will not be answered any more, and drops
   * conversations with nothing open: without it, state would grow with every conversation ever seen.
   */
  function sweep(): void {
    for (const [id, log] of conversations) {
      for (const [key, { record, fromClient }] of log.pending) {
        if (latest - record.time < responseTimeoutUs) break; // insertion order: the rest are newer
        log.pending.delete(key);
        settle(log, fromClient, record);
      }
      for (const runs of log.runs) {
        for (let i = runs.length - 1; i >= 0; i--) {
          const run = runs[i] as Draft;
          if (latest - run.time >= foldWindowUs) {
            close(run);
            runs.splice(i, 1);
          }
        }
      }
      if (log.pending.size === 0 && log.runs[0].length === 0 && log.runs[1].length === 0) conversations.delete(id);
    }
  }

  /** Settles unanswered requests and closes every open run. */
  function closeAll(): void {
    for (const log of conversations.values()) {
      for (const { record, fromClient } of log.pending.values()) settle(log, fromClient, record);
      log.pending.clear();
      for (const runs of log.runs) for (const run of runs.splice(0)) close(run);
    }
    conversations.clear();
  }

  const close = (record: Draft) => {
    ready.push(record);
    emitted++;
  };

  /** A record whose result is known: fold it into an open run or start a new one. */
  const settle = (log: ConversationLog, fromClient: boolean, record: Draft) => {
    if (!foldable.has(record.operation)) {
      close(record);
      return;
    }
    const runs = log.runs[fromClient ? 0 : 1];
    for (let i = 0; i < runs.length; i++) {
      const run = runs[i] as Draft;
      if (!sameKind(run, record)) continue;
      if (record.time - run.time >= foldWindowUs) {
        close(run);
        runs[i] = record;
        return;
      }
      run.count += record.count;
      // a request settled late (its response never came) may be older than the run it joins
      if (record.frame < run.frame) {
        run.frame = record.frame;
        run.time = record.time;
      }
      if (record.lastFrame > run.lastFrame) run.lastFrame = record.lastFrame;
      if (record.lastTime > run.lastTime) run.lastTime = record.lastTime;
      if (record.values !== null) run.values = record.values;
      return;
    }
    runs.push(record);
    if (runs.length > maxRunsPerDirection) close(runs.shift() as Draft);
  };

  return {
    get emitted() {
      return emitted;
    },
    clock(time) {
      if (time > latest) latest = time;
      if (--untilSweep > 0) return;
      untilSweep = sweepEvery;
      sweep();
    },
    operation(at, op) {
      const c = at.conversation;
      const record: Draft = {
        frame: at.frame,
        lastFrame: at.frame,
        time: at.time,
        lastTime: at.time,
        count: 1,
        protocol: at.protocol,
        operation: op.operation,
        name: op.name,
        code: op.code ?? null,
        target: op.target ?? null,
        values: op.values ?? null,
        unit: op.unit ?? null,
        source: endpoint(c, at.fromClient),
        destination: endpoint(c, !at.fromClient),
        result: null,
        detail: null,
      };
      const log = logOf(c);
      if (op.pairKey === undefined) {
        settle(log, at.fromClient, record);
        return;
      }
      const previous = log.pending.get(op.pairKey);
      if (previous) {
        log.pending.delete(op.pairKey);
        settle(log, previous.fromClient, previous.record); // a reused key: the earlier request never got an answer
      }
      log.pending.set(op.pairKey, { record, fromClient: at.fromClient });
      if (log.pending.size > maxPendingPerConversation) {
        const [oldestKey, oldest] = log.pending.entries().next().value as [string, { record: Draft; fromClient: boolean }];
        log.pending.delete(oldestKey);
        settle(log, oldest.fromClient, oldest.record);
      }
    },
    outcome(at, pairKey, outcome) {
      const log = conversations.get(at.conversation.id);
      const entry = log?.pending.get(pairKey);
      if (!log || !entry) return; // response to a request before the capture started
      log.pending.delete(pairKey);
      const record = entry.record;
      record.result = outcome.result;
      record.detail = outcome.detail ?? null;
      if (outcome.values !== undefined) record.values = outcome.values;
      if (at.frame > record.lastFrame) record.lastFrame = at.frame;
      if (at.time > record.lastTime) record.lastTime = at.time;
      settle(log, entry.fromClient, record);
    },
    drain() {
      const out = ready;
      ready = [];
      return out;
    },
    finish() {
      closeAll();
      ready.sort((a, b) => a.frame - b.frame);
    },
    closeIdle(now) {
      if (now > latest) latest = now;
      sweep();
    },
  };
}

function sameKind(a: Draft, b: Draft): boolean {
  return (
    a.operation === b.operation &&
    a.name === b.name &&
    a.code === b.code &&
    a.target === b.target &&
    a.unit === b.unit &&
    a.result === b.result &&
    a.detail === b.detail &&
    (a.operation !== 'write' || a.values === b.values)
  );
}
