// Where the NATS JetStream settings come from: the environment, read once (README's configuration table).
import { z } from 'zod';
import { InputError } from '../../../platform/errors.js';
import type { NatsQueueOptions } from './nats-queue.js';

const natsEnvSchema = z.object({
  BULWARK_NATS_URL: z.string().regex(/^(nats|tls|wss?):\/\/\S+$/, 'nats://host:port').optional(),
  BULWARK_NATS_STREAM: z.string().regex(/^[\w-]{1,64}$/, 'letters, digits, _ and -').optional(),
  BULWARK_NATS_SUBJECT: z.string().regex(/^[\w-]+(\.[\w-]+)*$/, 'dot-separated tokens').optional(),
  BULWARK_NATS_ACK_WAIT_MS: z.coerce.number().int().min(1000).max(3_600_000).optional(),
});

/** The queue's options when BULWARK_NATS_URL is set; undefined when it is not (the in-process queue). */
export function natsOptionsFromEnv(env: NodeJS.ProcessEnv): Omit<NatsQueueOptions, 'logger'> | undefined {
  const parsed = natsEnvSchema.safeParse(env);
  if (!parsed.success) throw new InputError('invalid NATS settings', parsed.error.issues.map((i) => ({ path: String(i.path[0] ?? ''), message: i.message })));
  const c = parsed.data;
  if (c.BULWARK_NATS_URL === undefined) return undefined;
  return {
    url: c.BULWARK_NATS_URL,
    ...(c.BULWARK_NATS_STREAM === undefined ? {} : { stream: c.BULWARK_NATS_STREAM }),
    ...(c.BULWARK_NATS_SUBJECT === undefined ? {} : { subjectPrefix: c.BULWARK_NATS_SUBJECT }),
    ...(c.BULWARK_NATS_ACK_WAIT_MS === undefined ? {} : { ackWaitMs: c.BULWARK_NATS_ACK_WAIT_MS }),
  };
}
