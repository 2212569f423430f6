// The engineering software browses the network: a ListIdentity broadcast on UDP 44818, answered
// by the EtherNet/IP device on the plant network after a short random delay.
import { type Host, udpFrame } from '../frames.js';
import { type CipIdentity, ENIP_PORT, listIdentityReply, listIdentityRequest } from '../protocols/enip.js';
import { type Actor, type ActorContext, ephemeralPort, ms } from './context.js';

export interface EnipDiscoveryOptions {
  readonly scanner: Host;
  readonly broadcast: { readonly ip: string; readonly mac: string };
  readonly device: Host;
  readonly identity: CipIdentity;
  /** When the broadcast goes out, µs since the epoch. */
  readonly at: number;
}

export function* enipDiscovery(ctx: ActorContext, o: EnipDiscoveryOptions): Actor {
  const port = ephemeralPort(ctx);
  // Sender context: the first two bytes ask for replies within 500 ms (tshark's "max response delay").
  const context = Uint8Array.of(0xf4, 0x01, 0, 0, 0, 0, 0, 0);
  yield { time: o.at, data: udpFrame(o.scanner, o.broadcast, port, ENIP_PORT, listIdentityRequest(context)) };
  const reply = o.at + ms(ctx.random.between(3, 120));
  yield { time: reply, data: udpFrame(o.device, o.scanner, ENIP_PORT, port, listIdentityReply(context, o.identity)) };
}
