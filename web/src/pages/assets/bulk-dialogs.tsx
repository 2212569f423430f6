import './assets.css';
import { useState } from 'react';
import { z } from 'zod';
import { bulkDeleteAssets, bulkUpdateAssets } from '../../api/assets';
import { criticalities, tlpLevels, type Asset, type AssetBulkPatch, type AssetBulkResult } from '../../api/types';
import { ErrorBanner, FormErrorBanner } from '../../components/error-banner';
import { FormDialog } from '../../components/form-dialog';
import { FormSelectField, FormTextField, useZodForm } from '../../components/form-kit';
import { tlpLabel } from '../../components/tlp-badge';
import { capitalise } from '../../lib/format';

interface BulkDialogProps {
  readonly assets: readonly Asset[];
  readonly onDone: (result: AssetBulkResult) => void;
  readonly onClose: () => void;
}

const BulkDialog = FormDialog;

const keep = 'keep';
const bulkSchema = z
  .object({
    criticality: z.enum([keep, ...criticalities]),
    zone: z.string().trim().max(100, 'At most 100 characters.'),
    zoneAction: z.enum([keep, 'set', 'clear']),
    tlp: z.enum([keep, ...tlpLevels]),
    sharing: z.enum([keep, 'share', 'private']),
  })
  .refine((v) => v.zoneAction !== 'set' || v.zone !== '', { path: ['zone'], message: 'Enter the zone, or choose to clear it.' })
  .refine((v) => v.criticality !== keep || v.zoneAction !== keep || v.tlp !== keep || v.sharing !== keep, { path: ['criticality'], message: 'Choose at least one change.' });

type BulkValues = z.infer<typeof bulkSchema>;

function patchOf(v: BulkValues): AssetBulkPatch {
  return {
    ...(v.criticality === keep ? {} : { criticality: v.criticality }),
    ...(v.zoneAction === 'set' ? { zone: v.zone } : v.zoneAction === 'clear' ? { zone: null } : {}),
    ...(v.tlp === keep ? {} : { tlp: v.tlp }),
    ...(v.sharing === keep ? {} : { sharedUpward: v.sharing === 'share' }),
  };
}

const keepOption = { value: keep, label: 'Leave as is' } as const;

/** Sets criticality, zone, TLP or sharing on the selected assets at once; all or nothing. */
export function BulkEditDialog({ assets, onDone, onClose }: BulkDialogProps) {
  const form = useZodForm(bulkSchema, { criticality: keep, zone: '', zoneAction: keep, tlp: keep, sharing: keep });
  const [error, setError] = useState<unknown>(null);
  const zoneAction = form.watch('zoneAction');
  const submit = form.handleSubmit(async (values) => {
    setError(null);
    try {
      onDone(await bulkUpdateAssets(assets.map((a) => a.id), patchOf(values)));
    } catch (e) {
      setError(e);
    }
  });
  return (
    <BulkDialog title={`Edit ${assets.length} assets`} description="The changes apply to every selected asset, or to none if any of them cannot be changed." testId="bulk-edit-dialog" onClose={onClose}>
      <form className="bulk-form" onSubmit={(e) => void submit(e)} noValidate>
        <FormErrorBanner error={error} fieldErrorCount={0} />
        <FormSelectField control={form.control} name="criticality" label="Criticality" options={[keepOption, ...criticalities.map((c) => ({ value: c, label: capitalise(c) }))]} />
        <FormSelectField
          control={form.control}
          name="zoneAction"
          label="Zone"
          options={[keepOption, { value: 'set', label: 'Set to…' }, { value: 'clear', label: 'Clear' }]}
        />
        {zoneAction === 'set' ? <FormTextField control={form.control} name="zone" label="New zone" placeholder="Level 1 - Control" /> : null}
        <FormSelectField control={form.control} name="tlp" label="TLP marking" options={[keepOption, ...tlpLevels.map((t) => ({ value: t, label: tlpLabel(t) }))]} />
        <FormSelectField
          control={form.control}
          name="sharing"
          label="Sharing with parent organisations"
          options={[keepOption, { value: 'share', label: 'Share upward (TLP permitting)' }, { value: 'private', label: 'Keep inside the organisation' }]}
        />
        <div className="overlay-footer-inline">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={form.formState.isSubmitting}>
            Apply to {assets.length} assets
          </button>
        </div>
      </form>
    </BulkDialog>
  );
}

/** Asks before deleting the selected assets, naming them; all or nothing. */
export function BulkDeleteDialog({ assets, onDone, onClose }: BulkDialogProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function remove() {
    setBusy(true);
    setError(null);
    try {
      onDone(await bulkDeleteAssets(assets.map((a) => a.id)));
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }
  const shown = assets.slice(0, 8);
  return (
    <BulkDialog title={`Delete ${assets.length} assets?`} description="Their exposures, discovery conflicts and decisions go with them. This cannot be undone." testId="bulk-delete-dialog" onClose={onClose}>
      <ErrorBanner error={error} title="Nothing was deleted." />
      <ul className="plain-list">
        {shown.map((a) => (
          <li key={a.id}>{a.name}</li>
        ))}
        {assets.length > shown.length ? <li className="muted">and {assets.length - shown.length} more</li> : null}
      </ul>
      <div className="overlay-footer-inline">
        <button type="button" className="btn" onClick={onClose} disabled={busy}>
          Keep them
        </button>
        <button type="button" className="btn btn-danger" onClick={() => void remove()} disabled={busy}>
          Delete {assets.length} assets
        </button>
      </div>
    </BulkDialog>
  );
}
