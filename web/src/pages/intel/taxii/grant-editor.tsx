import { useId } from 'react';
import { grantRoles, type TaxiiGrant } from '../../../api/taxii';
import type { Organisation, Role } from '../../../api/types';

export interface GrantDraft {
  readonly orgId: string;
  readonly roles: readonly Role[];
  readonly descendants: boolean;
}

export const newGrant = (): GrantDraft => ({ orgId: '', roles: ['analyst'], descendants: false });

/** Grants without an organisation are unfinished rows; they are left out rather than sent. */
export function grantsOf(drafts: readonly GrantDraft[]): TaxiiGrant[] {
  return drafts.filter((g) => g.orgId.trim() !== '' && g.roles.length > 0).map((g) => ({ orgId: g.orgId.trim(), roles: [...g.roles], descendants: g.descendants }));
}

interface GrantEditorProps {
  /** "Readers" or "Writers": names the rows for screen readers. */
  readonly title: string;
  readonly hint: string;
  readonly grants: readonly GrantDraft[];
  readonly organisations: readonly Organisation[];
  readonly onChange: (grants: readonly GrantDraft[]) => void;
  readonly disabled: boolean;
}

/** Who besides the owning organisation may use the collection: organisations (optionally with those below) and roles. */
export function GrantEditor({ title, hint, grants, organisations, onChange, disabled }: GrantEditorProps) {
  const id = useId();
  const listId = `${id}-orgs`;
  const change = (i: number, patch: Partial<GrantDraft>) => onChange(grants.map((g, j) => (j === i ? { ...g, ...patch } : g)));
  const singular = title.replace(/s$/, '').toLowerCase();
  return (
    <fieldset className="fieldset intel-grants" data-testid={`grants-${title.toLowerCase()}`}>
      <legend className="field-label">{title}</legend>
      <p className="field-hint">{hint}</p>
      <datalist id={listId}>
        {organisations.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </datalist>
      {grants.map((g, i) => (
        <div key={i} className="intel-grant-row">
          <label className="field-label" htmlFor={`${id}-org-${i}`}>
            {`${title.slice(0, -1)} organisation ${i + 1}`}
          </label>
          <input
            id={`${id}-org-${i}`}
            className="input"
            list={listId}
            value={g.orgId}
            placeholder="Organisation id"
            onChange={(e) => change(i, { orgId: e.target.value })}
            disabled={disabled}
          />
          <span className="intel-grant-roles" role="group" aria-label={`Roles of ${singular} ${i + 1}`}>
            {grantRoles.map((r) => (
              <label key={r} className="check">
                <input
                  type="checkbox"
                  checked={g.roles.includes(r)}
                  onChange={(e) => change(i, { roles: e.target.checked ? [...g.roles, r] : g.roles.filter((x) => x !== r) })}
                  disabled={disabled}
                />
                <span>{r}</span>
              </label>
            ))}
          </span>
          <label className="check">
            <input type="checkbox" checked={g.descendants} onChange={(e) => change(i, { descendants: e.target.checked })} disabled={disabled} />
            <span>and those below</span>
          </label>
          <button type="button" className="btn btn-small" onClick={() => onChange(grants.filter((_, j) => j !== i))} disabled={disabled} aria-label={`Remove ${singular} ${i + 1}`}>
            Remove
          </button>
        </div>
      ))}
      <button type="button" className="btn btn-small" onClick={() => onChange([...grants, newGrant()])} disabled={disabled}>
        Add {singular}
      </button>
    </fieldset>
  );
}
