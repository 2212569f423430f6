// One TCP connection as both stacks would put it on the wire: three-way handshake, data with correct
// sequence and acknowledgement numbers, delayed pure ACKs when a side has nothing to piggyback them
// on, and an orderly FIN close. Frames come out in time order; going back in time is a script bug.
import type { Host, SimFrame } from './frames.js';
import { TCP_ACK, TCP_FIN, TCP_PSH, TCP_SYN, tcpFrame } from './frames.js';
import type { Random } from './random.js';

interface Side {
  readonly host: Host;
  readonly port: number;
  /** Next sequence number this side sends. */
  seq: number;
  /** When this side owes the peer an ACK for data it has not answered yet. */
  ackDue: number | undefined;
}

/** MSS 1460, the option every stack here puts on its SYN. */
const mssOption = Uint8Array.of(2, 4, 0x05, 0xb4);

export class TcpConnection {
  private readonly sides: [Side, Side];
  private last = 0;
  private closed = false;

  constructor(
    client: Host,
    server: Host,
    clientPort: number,
    serverPort: number,
    private readonly random: Random,
  ) {
    this.sides = [
      { host: client, port: clientPort, seq: random.int(0, 0xffffffff), ackDue: undefined },
      { host: server, port: serverPort, seq: random.int(0, 0xffffffff), ackDue: undefined },
    ];
  }

  /** Time of the last frame on this connection. */
  get now(): number {
    return this.last;
  }

  /** SYN at `time`, the server's SYN-ACK and the client's ACK a little later. */
  open(time: number): SimFrame[] {
    const [c, s] = this.sides;
    const synAck = time + this.random.int(150, 900);
    const ack = synAck + this.random.int(40, 200);
    const frames = [this.frame(time, c, s, TCP_SYN, mssOption)];
    c.seq = (c.seq + 1) >>> 0; // the SYN counts as one byte
    frames.push(this.frame(synAck, s, c, TCP_SYN | TCP_ACK, mssOption));
    s.seq = (s.seq + 1) >>> 0;
    frames.push(this.frame(ack, c, s, TCP_ACK));
    return frames;
  }

  /** Data from one side (pushed, acknowledging everything received), after any ACK that fell due first. */
  send(fromClient: boolean, time: number, payload: Uint8Array): SimFrame[] {
    const frames = this.flush(time);
    const [from, to] = fromClient ? this.sides : [this.sides[1], this.sides[0]];
    frames.push(this.frame(time, from, to, TCP_PSH | TCP_ACK, undefined, payload));
    from.seq = (from.seq + payload.length) >>> 0;
    from.ackDue = undefined;
    to.ackDue ??= time + to.host.delayedAck;
    return frames;
  }

  /** Pure ACKs that fall due up to `time` (delayed ACKs nobody piggybacked). */
  flush(time: number): SimFrame[] {
    if (this.sides[0].ackDue === undefined && this.sides[1].ackDue === undefined) return [];
    const due = this.sides
      .map((side, i) => ({ side, i, at: side.ackDue }))
      .filter((d): d is { side: Side; i: number; at: number } => d.at !== undefined && d.at <= time)
      .sort((a, b) => a.at - b.at);
    return due.map(({ side, i, at }) => {
      side.ackDue = undefined;
      return this.frame(at, side, this.sides[1 - i]!, TCP_ACK);
    });
  }

  /** Orderly close started by one side: FIN-ACK, the peer's FIN-ACK, the last ACK. */
  close(fromClient: boolean, time: number): SimFrame[] {
    const frames = this.flush(time);
    const [from, to] = fromClient ? this.sides : [this.sides[1], this.sides[0]];
    from.ackDue = undefined;
    to.ackDue = undefined;
    frames.push(this.frame(time, from, to, TCP_FIN | TCP_ACK));
    from.seq = (from.seq + 1) >>> 0;
    const reply = time + this.random.int(100, 1500);
    frames.push(this.frame(reply, to, from, TCP_FIN | TCP_ACK));
    to.seq = (to.seq + 1) >>> 0;
    frames.push(this.frame(reply + this.random.int(40, 200), from, to, TCP_ACK));
    this.closed = true;
    return frames;
  }

  private frame(time: number, from: Side, to: Side, flags: number, options?: Uint8Array, payload?: Uint8Array): SimFrame {
    if (this.closed) throw new Error(`TCP ${from.host.name} → ${to.host.name}: frame after close`);
    if (time < this.last) throw new Error(`TCP ${from.host.name} → ${to.host.name}: frame at ${time} before ${this.last}`);
    this.last = time;
    const data = tcpFrame(from.host, to.host, {
      sport: from.port,
      dport: to.port,
      seq: from.seq,
      ack: to.seq,
      flags,
      window: from.host.window,
      ...(options !== undefined ? { options } : {}),
      ...(payload !== undefined ? { payload } : {}),
    });
    return { time, data };
  }
}
