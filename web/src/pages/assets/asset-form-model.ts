import type { Asset, AssetWrite, Criticality, Tlp } from '../../api/types';

/** What the asset form edits: every text field as a string, empty meaning "not set". */
export interface AssetFormValues {
  readonly name: string;
  readonly zone: string;
  readonly ip: string;
  readonly mac: string;
  readonly vendor: string;
  readonly model: string;
  readonly firmwareVersion: string;
  readonly criticality: Criticality;
  readonly tlp: Tlp;
  readonly sharedUpward: boolean;
}

export const optionalTextFields = ['zone', 'ip', 'mac', 'vendor', 'model', 'firmwareVersion'] as const;
type OptionalTextField = (typeof optionalTextFields)[number];

// The server's defaults for a new asset, so the form shows what will be stored.
export const newAssetValues: AssetFormValues = {
  name: '',
  zone: '',
  ip: '',
  mac: '',
  vendor: '',
  model: '',
  firmwareVersion: '',
  criticality: 'medium',
  tlp: 'amber',
  sharedUpward: false,
};

export function valuesOf(asset: Asset): AssetFormValues {
  return {
    name: asset.name,
    zone: asset.zone ?? '',
    ip: asset.ip ?? '',
    mac: asset.mac ?? '',
    vendor: asset.vendor ?? '',
    model: asset.model ?? '',
    firmwareVersion: asset.firmwareVersion ?? '',
    criticality: asset.criticality,
    tlp: asset.tlp,
    sharedUpward: asset.sharedUpward,
  };
}

/** The POST body: empty optional fields are left out, as the API asks. */
export function createBody(values: AssetFormValues): AssetWrite {
  const body: AssetWrite = {
    name: values.name.trim(),
    criticality: values.criticality,
    tlp: values.tlp,
    sharedUpward: values.sharedUpward,
  };
  for (const field of optionalTextFields) {
    const text = values[field].trim();
    if (text !== '') body[field] = text;
  }
  return body;
}

/** The PATCH body: only fields that changed; a cleared text field becomes null. */
export function patchBody(original: Asset, values: AssetFormValues): AssetWrite {
  const patch: AssetWrite = {};
  const name = values.name.trim();
  if (name !== original.name) patch.name = name;
  for (const field of optionalTextFields) {
    const text = values[field].trim();
    const before: string | null = original[field satisfies OptionalTextField];
    if (text !== (before ?? '')) patch[field] = text === '' ? null : text;
  }
  if (values.criticality !== original.criticality) patch.criticality = values.criticality;
  if (values.tlp !== original.tlp) patch.tlp = values.tlp;
  if (values.sharedUpward !== original.sharedUpward) patch.sharedUpward = values.sharedUpward;
  return patch;
}
