import { sql, type Kysely } from 'kysely';

// Detection (issue 13): Sigma rules an organisation (or the platform, org_id null) keeps, the alerts
// they raise, deduplicated by rule and entity within a window (ADR 019), their comments and status
// history, and suppression rules with a scope and an expiry.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table detection_rules (
      id text primary key,
      org_id text references organisations(id),
      sigma_id text not null,
      kind text not null check (kind in ('rule', 'correlation', 'filter')),
      title text not null,
      level text not null default 'medium',
      status text,
      tags text[] not null default '{}',
      techniques text[] not null default '{}',
      logsource jsonb not null default '{}'::jsonb,
      source text not null,
      enabled boolean not null default true,
      version integer not null default 1,
      imported_by text not null,
      created_at timestamptz not null default now(),
      modified_at timestamptz not null default now(),
      hit_count bigint not null default 0,
      last_hit_at timestamptz
    )`.execute(db);
  // One rule per Sigma id per owner; the platform's rules (org_id null) share the empty owner.
  await sql`create unique index detection_rules_owner_sigma_idx on detection_rules (coalesce(org_id, ''), sigma_id)`.execute(db);
  await sql`create index detection_rules_enabled_idx on detection_rules (enabled)`.execute(db);

  await sql`
    create table alerts (
      id text primary key,
      org_id text not null references organisations(id),
      org_path text not null,
      rule_id text not null,
      rule_title text not null,
      entity text not null,
      open_key text unique,
      severity text not null,
      level text not null,
      status text not null default 'new' check (status in ('new', 'acknowledged', 'in_progress', 'resolved', 'false_positive')),
      assignee text,
      tlp text not null,
      shared_upward boolean not null default false,
      techniques text[] not null default '{}',
      asset_ids text[] not null default '{}',
      event_ids text[] not null default '{}',
      selections text[] not null default '{}',
      count bigint not null default 0,
      first_seen timestamptz not null,
      last_seen timestamptz not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index alerts_org_seen_idx on alerts (org_id, last_seen desc, id desc)`.execute(db);
  await sql`create index alerts_path_idx on alerts (org_path text_pattern_ops)`.execute(db);
  await sql`create index alerts_techniques_idx on alerts using gin (techniques)`.execute(db);
  await sql`create index alerts_rule_idx on alerts (rule_id)`.execute(db);

  await sql`
    create table alert_comments (
      id text primary key,
      alert_id text not null references alerts(id) on delete cascade,
      author text not null,
      body text not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index alert_comments_alert_idx on alert_comments (alert_id, created_at)`.execute(db);

  await sql`
    create table alert_status_history (
      id text primary key,
      alert_id text not null references alerts(id) on delete cascade,
      from_status text,
      to_status text not null,
      assignee text,
      actor text not null,
      note text,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index alert_status_history_alert_idx on alert_status_history (alert_id, created_at)`.execute(db);

  await sql`
    create table alert_suppressions (
      id text primary key,
      org_id text not null references organisations(id),
      rule_id text,
      entity text,
      asset_id text,
      field text,
      value text,
      reason text not null default '',
      expires_at timestamptz,
      created_by text not null,
      created_at timestamptz not null default now(),
      hit_count bigint not null default 0
    )`.execute(db);
  await sql`create index alert_suppressions_org_idx on alert_suppressions (org_id)`.execute(db);
}
