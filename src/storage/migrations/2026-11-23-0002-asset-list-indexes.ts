import { sql, type Kysely } from 'kysely';

// Listing reads two index-ordered branches (own organisation, shared from below) instead of
// scanning and sorting every visible row; the shared branch needs its own ordered index.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index assets_shared_name_idx on assets (name, id)
    where shared_upward and tlp in ('clear', 'green', 'amber')`.execute(db);
}
