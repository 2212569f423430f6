import { z } from 'zod';
import { timestampText } from '../timestamp.js';

// CSAF 2.0 (OASIS), the parts Bulwark reads. Loose objects: publishers add fields, and unknown
// fields must not reject an advisory. Required fields are the ones the importer cannot do without.

const productIds = z.array(z.string());

export const csafNote = z.looseObject({
  category: z.string(),
  text: z.string(),
  title: z.string().optional(),
});

export const csafReference = z.looseObject({
  url: z.string().min(1),
  summary: z.string().optional(),
  category: z.string().optional(),
});

const productIdentificationHelper = z.looseObject({
  cpe: z.string().optional(),
  purl: z.string().optional(),
});

export const csafFullProductName = z.looseObject({
  name: z.string(),
  product_id: z.string().min(1),
  product_identification_helper: productIdentificationHelper.optional(),
});
export type CsafFullProductName = z.infer<typeof csafFullProductName>;

export interface CsafBranch {
  readonly category: string;
  readonly name: string;
  readonly product?: CsafFullProductName | undefined;
  readonly branches?: readonly CsafBranch[] | undefined;
}

export const csafBranch: z.ZodType<CsafBranch> = z.lazy(() =>
  z.looseObject({
    category: z.string(),
    name: z.string(),
    product: csafFullProductName.optional(),
    branches: z.array(csafBranch).optional(),
  }),
);

export const csafRelationship = z.looseObject({
  category: z.string(),
  product_reference: z.string(),
  relates_to_product_reference: z.string(),
  full_product_name: csafFullProductName,
});
export type CsafRelationship = z.infer<typeof csafRelationship>;

export const csafProductTree = z.looseObject({
  branches: z.array(csafBranch).optional(),
  full_product_names: z.array(csafFullProductName).optional(),
  relationships: z.array(csafRelationship).optional(),
  product_groups: z.array(z.looseObject({ group_id: z.string(), product_ids: productIds })).optional(),
});
export type CsafProductTree = z.infer<typeof csafProductTree>;

export const csafDocumentMeta = z.looseObject({
  category: z.string(),
  csaf_version: z.string(),
  title: z.string().min(1),
  publisher: z.looseObject({ name: z.string().min(1), category: z.string().optional() }),
  tracking: z.looseObject({
    id: z.string().trim().min(1),
    initial_release_date: timestampText,
    current_release_date: timestampText,
  }),
  distribution: z.looseObject({ tlp: z.looseObject({ label: z.string() }).optional() }).optional(),
  notes: z.array(csafNote).optional(),
  references: z.array(csafReference).optional(),
});

/** The document envelope; vulnerabilities are validated one by one so a bad one is skipped alone. */
export const csafDocument = z.looseObject({
  document: csafDocumentMeta,
  product_tree: z.unknown().optional(),
  vulnerabilities: z.array(z.unknown()).optional(),
});

const cvssV3 = z.looseObject({
  version: z.enum(['3.0', '3.1']).optional(),
  vectorString: z.string().regex(/^CVSS:3\.[01]\//, 'not a CVSS 3.x vector'),
  baseScore: z.number().optional(),
  baseSeverity: z.string().optional(),
});

const cvssV2 = z.looseObject({
  vectorString: z.string().min(1),
  baseScore: z.number().optional(),
});

// CSAF 2.1 adds cvss_v4; reading it now costs nothing.
const cvssV4 = z.looseObject({
  vectorString: z.string().regex(/^CVSS:4\.0\//, 'not a CVSS 4.0 vector'),
  baseScore: z.number().optional(),
  baseSeverity: z.string().optional(),
});

export const csafProductStatusLists = [
  'first_affected',
  'known_affected',
  'last_affected',
  'known_not_affected',
  'first_fixed',
  'fixed',
  'under_investigation',
] as const;
export type CsafProductStatusList = (typeof csafProductStatusLists)[number];

export const csafVulnerability = z.looseObject({
  cve: z
    .string()
    .trim()
    .regex(/^CVE-\d{4}-\d{4,}$/i, 'not a CVE id')
    .optional(),
  ids: z.array(z.looseObject({ system_name: z.string(), text: z.string() })).optional(),
  title: z.string().optional(),
  cwe: z.looseObject({ id: z.string().regex(/^CWE-\d+$/i, 'not a CWE id'), name: z.string().optional() }).optional(),
  notes: z.array(csafNote).optional(),
  product_status: z
    .looseObject({
      first_affected: productIds.optional(),
      known_affected: productIds.optional(),
      last_affected: productIds.optional(),
      known_not_affected: productIds.optional(),
      first_fixed: productIds.optional(),
      fixed: productIds.optional(),
      under_investigation: productIds.optional(),
    })
    .optional(),
  scores: z
    .array(z.looseObject({ products: productIds, cvss_v2: cvssV2.optional(), cvss_v3: cvssV3.optional(), cvss_v4: cvssV4.optional() }))
    .optional(),
  remediations: z
    .array(
      z.looseObject({
        category: z.string(),
        details: z.string(),
        url: z.string().optional(),
        product_ids: productIds.optional(),
        group_ids: productIds.optional(),
      }),
    )
    .optional(),
  references: z.array(csafReference).optional(),
  release_date: timestampText.optional(),
});
export type CsafVulnerability = z.infer<typeof csafVulnerability>;

// Distribution (CSAF 2.0 section 7): the ROLIE feed (RFC 8322 JSON) and provider-metadata.json.

const rolieLink = z.looseObject({ rel: z.string(), href: z.string().min(1) });

export const rolieEntry = z.looseObject({
  id: z.string().trim().min(1),
  title: z.string(),
  link: z.array(rolieLink).min(1),
  published: z.string().optional(),
  updated: z.string().min(1),
  content: z.looseObject({ src: z.string().min(1), type: z.string().optional() }).optional(),
});

export const rolieFeed = z.looseObject({
  feed: z.looseObject({
    id: z.string().min(1),
    title: z.string(),
    updated: z.string(),
    link: z.array(rolieLink).optional(),
    entry: z.array(z.unknown()),
  }),
});

export const tlpLabels = ['UNLABELED', 'WHITE', 'GREEN', 'AMBER', 'RED'] as const;

export const providerMetadata = z.looseObject({
  canonical_url: z.string().min(1),
  last_updated: z.string(),
  metadata_version: z.string(),
  role: z.string(),
  publisher: z.looseObject({ name: z.string(), namespace: z.string(), category: z.string() }),
  distributions: z
    .array(
      z.looseObject({
        directory_url: z.string().optional(),
        rolie: z
          .looseObject({
            feeds: z.array(z.looseObject({ url: z.string().min(1), tlp_label: z.enum(tlpLabels), summary: z.string().optional() })).min(1),
          })
          .optional(),
      }),
    )
    .optional(),
});
