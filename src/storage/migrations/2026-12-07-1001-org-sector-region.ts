import { sql, type Kysely } from 'kysely';

// Organisations gain an industry (a division code of the project's list, platform/orgs/sectors.ts) and
// a region (an administrative division code), both set by the parent's admins (issue 14). Nullable: an
// organisation is placed when someone above it knows where it is.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table organisations add column industry text, add column region text check (region ~ '^[0-9]{6}$')`.execute(db);
  await sql`create index organisations_industry_idx on organisations (industry) where industry is not null`.execute(db);
  await sql`create index organisations_region_idx on organisations (region) where region is not null`.execute(db);
}
