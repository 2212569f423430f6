import { z } from 'zod';

export const sensorInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(100).regex(/^[\w.:@-]+$/, 'letters, digits and . _ - : @'),
  /** Organisation id; defaults to the caller's own. */
  orgId: z.string().min(1).max(100).optional(),
});
export type SensorInput = z.infer<typeof sensorInputSchema>;

export const sensorIdParams = z.strictObject({ id: z.string().min(1).max(100) });

/** What a sensor reports about itself; unknown keys are ignored, wrong types dropped. */
const count = z.number().finite().nonnegative();
export const sensorReportSchema = z.object({
  packets: count.optional(),
  packetsPerSecond: count.optional(),
  eventsShipped: count.optional(),
  eventsPerSecond: count.optional(),
  spooledEvents: count.optional(),
  spooledBytes: count.optional(),
  droppedEvents: count.optional(),
  droppedSegments: count.optional(),
  rejectedEvents: count.optional(),
});
