import { useState, type FormEvent } from 'react';
import { createAsset, deleteAsset, updateAsset } from '../../api/assets';
import { ApiError, fieldErrors } from '../../api/client';
import type { Asset } from '../../api/types';
import { ConfirmDelete } from '../../components/confirm-delete';
import { FormErrorBanner } from '../../components/error-banner';
import { CheckboxField, SelectField, TextField } from '../../components/form-field';
import { Drawer } from '../../components/modal';
import { formatDateTime } from '../../lib/format';
import { createBody, newAssetValues, patchBody, valuesOf, type AssetFormValues } from './asset-form-model';
import { criticalityOptions, tlpOptions } from './options';

interface AssetFormProps {
  /** null for a new asset. */
  readonly asset: Asset | null;
  readonly onSaved: (asset: Asset, created: boolean) => void;
  readonly onDeleted: (asset: Asset) => void;
  readonly onClose: () => void;
}

// A duplicate name is a conflict without details; it belongs next to the name all the same.
function withNameConflict(error: unknown): unknown {
  if (error instanceof ApiError && error.status === 409 && error.details.length === 0) {
    return new ApiError(409, error.code, error.message, [{ path: 'body.name', message: error.message }]);
  }
  return error;
}

export function AssetForm({ asset, onSaved, onDeleted, onClose }: AssetFormProps) {
  const [values, setValues] = useState<AssetFormValues>(asset === null ? newAssetValues : valuesOf(asset));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(error);

  function set<K extends keyof AssetFormValues>(key: K) {
    return (value: AssetFormValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (asset !== null && Object.keys(patchBody(asset, values)).length === 0) {
      onClose();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      if (asset === null) onSaved(await createAsset(createBody(values)), true);
      else onSaved(await updateAsset(asset.id, patchBody(asset, values)), false);
    } catch (e) {
      setError(withNameConflict(e));
      setBusy(false);
    }
  }

  async function onDelete(deleted: Asset) {
    setBusy(true);
    setError(null);
    await deleteAsset(deleted.id);
    onDeleted(deleted);
  }

  const footer = (
    <>
      {asset === null ? null : (
        <ConfirmDelete
          question="Delete this asset?"
          testId="confirm-delete"
          disabled={busy}
          onDelete={() => onDelete(asset)}
          onError={(e) => {
            setError(e);
            setBusy(false);
          }}
        />
      )}
      <span className="spacer" />
      <button type="button" className="btn" onClick={onClose} disabled={busy}>
        Cancel
      </button>
      <button type="submit" form="asset-form" className="btn btn-primary" disabled={busy}>
        {busy ? 'Saving…' : 'Save'}
      </button>
    </>
  );

  return (
    <Drawer
      title={asset === null ? 'New asset' : `Edit ${asset.name}`}
      onClose={onClose}
      footer={footer}
      testId="asset-drawer"
    >
      <FormErrorBanner error={error} fieldErrorCount={Object.keys(errors).length} />
      <form id="asset-form" className="form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <fieldset className="fieldset" disabled={busy}>
          <TextField
            name="name"
            label="Name"
            value={values.name}
            onChange={set('name')}
            error={errors['name']}
            required
            autoFocus={asset === null}
            placeholder="e.g. PLC-Boiler-01"
          />
          <div className="form-row">
            <TextField
              name="zone"
              label="Zone"
              value={values.zone}
              onChange={set('zone')}
              error={errors['zone']}
              placeholder="e.g. Level 1 - Control"
            />
            <TextField
              name="ip"
              label="IP address"
              value={values.ip}
              onChange={set('ip')}
              error={errors['ip']}
              placeholder="e.g. 10.10.1.20"
            />
          </div>
          <div className="form-row">
            <TextField
              name="mac"
              label="MAC address"
              value={values.mac}
              onChange={set('mac')}
              error={errors['mac']}
              placeholder="e.g. 00:1d:9c:aa:bb:cc"
            />
            <TextField
              name="vendor"
              label="Vendor"
              value={values.vendor}
              onChange={set('vendor')}
              error={errors['vendor']}
              placeholder="e.g. Siemens"
            />
          </div>
          <div className="form-row">
            <TextField
              name="model"
              label="Model"
              value={values.model}
              onChange={set('model')}
              error={errors['model']}
              placeholder="e.g. S7-1500"
            />
            <TextField
              name="firmwareVersion"
              label="Firmware version"
              value={values.firmwareVersion}
              onChange={set('firmwareVersion')}
              error={errors['firmwareVersion']}
              placeholder="e.g. V2.9.4"
            />
          </div>
          <div className="form-row">
            <SelectField
              name="criticality"
              label="Criticality"
              value={values.criticality}
              onChange={set('criticality')}
              options={criticalityOptions}
              error={errors['criticality']}
            />
            <SelectField
              name="tlp"
              label="TLP marking"
              value={values.tlp}
              onChange={set('tlp')}
              options={tlpOptions}
              error={errors['tlp']}
            />
          </div>
          <CheckboxField
            name="sharedUpward"
            label="Share upward with parent organisations"
            checked={values.sharedUpward}
            onChange={set('sharedUpward')}
            error={errors['sharedUpward']}
            hint="Analysts of parent organisations may then see it, within its TLP marking (never for AMBER+STRICT or RED)."
          />
        </fieldset>
      </form>
      {asset === null ? null : (
        <dl className="meta">
          <div>
            <dt>Organisation</dt>
            <dd>{asset.orgName}</dd>
          </div>
          <div>
            <dt>Created</dt>
            <dd>
              {formatDateTime(asset.createdAt)} by {asset.createdBy}
            </dd>
          </div>
          <div>
            <dt>Updated</dt>
            <dd>
              {formatDateTime(asset.updatedAt)} by {asset.updatedBy}
            </dd>
          </div>
        </dl>
      )}
    </Drawer>
  );
}
