import type { Asset, AssetFieldSource } from '../assets/types.js';
import type { DiscoveryConflict } from '../assets/discovery-merge.js';
import type { AssetCaptureActivity } from '../capture/asset-activity.js';
import type { QueryShape } from './recognise.js';

export const hitKinds = ['asset', 'vulnerability', 'intel'] as const;
export type HitKind = (typeof hitKinds)[number];

/** One thing a search found, with where the console shows it. */
export interface SearchHit {
  readonly kind: HitKind;
  readonly id: string;
  readonly label: string;
  /** A second line: address and model, a vulnerability's title, an intelligence object's type. */
  readonly detail: string | null;
  /** The console path of the thing. */
  readonly link: string;
  /** The query names exactly this (its id, address, name or value), not just text in it. */
  readonly exact: boolean;
}

export interface SearchAnswer {
  readonly query: string;
  readonly recognised: QueryShape['kind'];
  readonly hits: SearchHit[];
}

/** An intelligence object that mentions one of the asset's identifiers. */
export interface AssetSighting {
  readonly id: string;
  readonly type: string;
  readonly name: string | null;
  readonly orgName: string;
  readonly tlp: string;
  readonly matched: 'ip' | 'mac' | 'name';
  readonly value: string;
}

/** Everything the asset page shows but the exposures (which have their own, paged, answer). */
export interface AssetContext extends AssetCaptureActivity {
  readonly asset: Asset;
  readonly sources: AssetFieldSource[];
  readonly conflicts: DiscoveryConflict[];
  readonly sightings: AssetSighting[];
}
