import { z } from 'zod';
import { dateText } from '../timestamp.js';

// CISA Known Exploited Vulnerabilities catalog (kev-data schema, draft-07). Loose objects: CISA
// has added fields over time (cwes, notes) and may add more.

const isoDate = dateText;

/** The catalog envelope; entries are validated one by one so a bad one is skipped alone. */
export const kevCatalog = z.looseObject({
  title: z.string().optional(),
  catalogVersion: z.string().optional(),
  dateReleased: z.string().optional(),
  count: z.number().int().optional(),
  vulnerabilities: z.array(z.unknown()),
});

export const kevEntry = z.looseObject({
  cveID: z.string().trim().regex(/^CVE-\d{4}-\d{4,19}$/i, 'not a CVE id'),
  vendorProject: z.string(),
  product: z.string(),
  vulnerabilityName: z.string(),
  dateAdded: isoDate,
  shortDescription: z.string(),
  requiredAction: z.string(),
  dueDate: isoDate.optional(),
  // "Known" or "Unknown"; anything else is read as not confirmed.
  knownRansomwareCampaignUse: z
    .string()
    .optional()
    .transform((v) => (v?.trim().toLowerCase() === 'known' ? ('Known' as const) : ('Unknown' as const))),
  notes: z.string().optional(),
  cwes: z.array(z.string().trim().regex(/^CWE-\d+$/i, 'not a CWE id')).optional(),
});
export type KevEntry = z.infer<typeof kevEntry>;
