// An alert's packet evidence: the frames its events came from, as one small pcap. The alert is read as
// the caller may read it, and each capture job's frames only where the caller may read that job and its
// file is kept; the capture module reads the frames (the detection module never opens a capture file).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../platform/access.js';
import { NotFoundError } from '../../platform/errors.js';
import { actorOf } from '../../http/auth.js';
import { commonErrors } from '../../http/schemas.js';
import type { SensedEvent } from '../sensing/index.js';
import type { AlertService } from './alerts.service.js';
import { alertIdParams } from './schemas.js';

export interface FramePacket {
  readonly frame: number;
  readonly time: number;
  readonly linkType: number;
  readonly originalLength: number;
  readonly data: Uint8Array;
}

export interface PacketSource {
  /** The frames of a capture job, or undefined when the caller may not read it or its file is not kept. */
  frames(actor: Actor, jobId: string, frames: readonly number[]): Promise<readonly FramePacket[] | undefined>;
  /** One file of the packets. */
  file(packets: readonly FramePacket[]): { readonly bytes: Uint8Array; readonly format: 'pcap' | 'pcapng' };
}

/** Capture job → frame numbers the events name (an operation's first and last frame). */
export function framesByJob(events: readonly unknown[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const e of events as readonly Partial<Pick<SensedEvent, 'origin' | 'fields'>>[]) {
    const stream = typeof e.origin?.stream === 'string' ? /^capture\/(.+)$/.exec(e.origin.stream)?.[1] : undefined;
    if (stream === undefined) continue;
    const lastFrame = (e.fields as { labels?: { last_frame?: unknown } } | undefined)?.labels?.last_frame;
    const frames = [e.origin?.frame, typeof lastFrame === 'string' ? Number(lastFrame) : lastFrame].filter((f): f is number => typeof f === 'number' && Number.isInteger(f) && f > 0);
    const list = out.get(stream) ?? [];
    list.push(...frames);
    out.set(stream, list);
  }
  return out;
}

export function alertEvidenceRoutes(alerts: AlertService, packets: PacketSource): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/alerts/:id/evidence.pcap',
      {
        schema: {
          tags: ['detection'],
          summary: "The frames of the alert's events as a pcap (pcapng when link types differ), from the captures you may read whose files are kept",
          params: alertIdParams,
          response: { 200: z.unknown().describe('application/vnd.tcpdump.pcap'), ...commonErrors },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const alert = await alerts.get(actor, request.params.id);
        const found: FramePacket[] = [];
        for (const [job, frames] of framesByJob(alert.events)) found.push(...((await packets.frames(actor, job, frames)) ?? []));
        if (found.length === 0) throw new NotFoundError(`no packets are kept for alert ${alert.id}: its events came from no capture you may read whose file is kept`);
        const file = packets.file(found);
        const type = file.format === 'pcap' ? 'application/vnd.tcpdump.pcap' : 'application/x-pcapng';
        return reply.type(type).header('content-disposition', `attachment; filename="alert-${alert.id}.${file.format}"`).send(Buffer.from(file.bytes));
      },
    );
  };
}
