// A CaptureSink that keeps everything it is told (copies of the reused objects), for tests and debugging.
import type { IdentityDraft, OperationDraft, OperationOutcome, ProtocolId } from '../dissectors/types.js';
import type { CaptureSink, Conversation, FrameInfo, MalformedLayer, PduAt } from '../types.js';

export interface RecordedAt {
  readonly frame: number;
  readonly time: number;
  readonly protocol: ProtocolId;
  readonly conversation: Conversation;
  readonly fromClient: boolean;
}

export interface RecordedField extends RecordedAt {
  readonly name: string;
  readonly value: string | number;
}

export class RecordingSink implements CaptureSink {
  readonly frames: FrameInfo[] = [];
  readonly fields: RecordedField[] = [];
  readonly operations: (RecordedAt & { readonly op: OperationDraft })[] = [];
  readonly outcomes: (RecordedAt & { readonly pairKey: string; readonly outcome: OperationOutcome })[] = [];
  readonly identities: (RecordedAt & { readonly fact: IdentityDraft })[] = [];
  readonly malformedReports: { readonly frame: number; readonly layer: MalformedLayer; readonly reason: string }[] = [];

  constructor(readonly wantFields = true) {}

  frame(info: FrameInfo): void {
    this.frames.push({ ...info });
  }

  field(at: PduAt, name: string, value: string | number): void {
    this.fields.push({ ...copy(at), name, value });
  }

  operation(at: PduAt, op: OperationDraft): void {
    this.operations.push({ ...copy(at), op });
  }

  outcome(at: PduAt, pairKey: string, outcome: OperationOutcome): void {
    this.outcomes.push({ ...copy(at), pairKey, outcome });
  }

  identity(at: PduAt, fact: IdentityDraft): void {
    this.identities.push({ ...copy(at), fact });
  }

  malformed(frame: number, layer: MalformedLayer, reason: string): void {
    this.malformedReports.push({ frame, layer, reason });
  }

  /** Values of one field name, in order. */
  values(name: string): (string | number)[] {
    return this.fields.filter((f) => f.name === name).map((f) => f.value);
  }
}

function copy(at: PduAt): RecordedAt {
  return { frame: at.frame, time: at.time, protocol: at.protocol, conversation: at.conversation, fromClient: at.fromClient };
}
