// What crosses the boundary for the console's detection reads and the alert queue's saved views.
import { z } from 'zod';
import { alertListQuery } from './schemas.js';

const isoTime = z.string().max(40).refine((v) => !Number.isNaN(Date.parse(v)), 'an ISO 8601 time');

/** The queue's filters as a view keeps them: the list's, without paging. */
export const alertViewFilterSchema = alertListQuery.omit({ limit: true, cursor: true });

export const alertViewBody = z.strictObject({ name: z.string().trim().min(1).max(100), filter: alertViewFilterSchema });

/** Counts by severity and status over the list's filters (the severity filter is left out: the counts are per severity). */
export const alertCountsQuery = alertListQuery.omit({ limit: true, cursor: true, severity: true });

export const similarAlertsQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(100).optional() });

export const coverageQuery = z.strictObject({
  /** Alerts seen since (default: 90 days back). */
  from: isoTime.optional(),
  to: isoTime.optional(),
});
