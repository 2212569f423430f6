// Bridges a dissector's DissectSink to the CaptureSink: the adapter carries the PDU's position
// (PduAt) and context, both reused from PDU to PDU, so dispatching a PDU allocates nothing.
import type {
  CotpPayloadDissector,
  Dissector,
  DissectSink,
  IdentityDraft,
  OperationDraft,
  OperationOutcome,
  PduContext,
  ProtocolId,
} from '../dissectors/types.js';
import type { CaptureSink, Conversation, MalformedLayer, PduAt } from '../types.js';

/** The CaptureSink plus the malformed counter of the summary. */
export class CaptureOutput {
  malformed = 0;
  /** Set while a shard decodes what every shard decodes (see Shard): one of them reports it. */
  muted = false;
  constructor(readonly sink: CaptureSink) {}

  report(frame: number, layer: MalformedLayer, reason: string): void {
    if (this.muted) return;
    this.malformed++;
    this.sink.malformed(frame, layer, reason);
  }
}

const noConversation: Conversation = {
  id: 0,
  transport: 'ethernet',
  client: { mac: '' },
  server: { mac: '' },
  protocol: undefined,
};

class ReusedPduAt implements PduAt {
  frame = 0;
  time = 0;
  protocol: ProtocolId = 'modbus';
  conversation: Conversation = noConversation;
  fromClient = false;
}

class ReusedContext implements PduContext<unknown> {
  frame = 0;
  time = 0;
  toServer = false;
  state: unknown = undefined;
}

/** One per call site: set() it, then dissect(). */
export class SinkAdapter implements DissectSink {
  readonly wantFields: boolean;
  private readonly at = new ReusedPduAt();
  private readonly ctx = new ReusedContext();

  constructor(private readonly out: CaptureOutput) {
    this.wantFields = out.sink.wantFields;
  }

  /** Runs one dissector on one PDU; an exception becomes a malformed report and analysis goes on. */
  dissect(
    d: Dissector | CotpPayloadDissector,
    pdu: Uint8Array,
    conversation: Conversation,
    fromClient: boolean,
    state: unknown,
    frame: number,
    time: number,
  ): void {
    const at = this.at;
    at.frame = frame;
    at.time = time;
    at.protocol = d.protocol;
    at.conversation = conversation;
    at.fromClient = fromClient;
    const ctx = this.ctx;
    ctx.frame = frame;
    ctx.time = time;
    ctx.toServer = fromClient;
    ctx.state = state;
    try {
      d.dissect(pdu, ctx, this);
    } catch (error) {
      this.out.report(frame, d.protocol, `dissector error: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  field(name: string, value: string | number): void {
    this.out.sink.field(this.at, name, value);
  }

  operation(op: OperationDraft): void {
    this.out.sink.operation(this.at, op);
  }

  outcome(pairKey: string, outcome: OperationOutcome): void {
    this.out.sink.outcome(this.at, pairKey, outcome);
  }

  identity(fact: IdentityDraft): void {
    this.out.sink.identity(this.at, fact);
  }

  malformed(reason: string): void {
    this.out.report(this.at.frame, this.at.protocol, reason);
  }
}

/** createState() that cannot throw. */
export function createStateSafely(
  d: Dissector | CotpPayloadDissector,
  out: CaptureOutput,
  frame: number,
): unknown {
  try {
    return d.createState();
  } catch (error) {
    out.report(frame, d.protocol, `dissector error in createState: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}
