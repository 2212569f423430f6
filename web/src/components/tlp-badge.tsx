import type { Tlp } from '../api/types';

const labels: Record<Tlp, string> = {
  clear: 'TLP:CLEAR',
  green: 'TLP:GREEN',
  amber: 'TLP:AMBER',
  'amber+strict': 'TLP:AMBER+STRICT',
  red: 'TLP:RED',
};

const meanings: Record<Tlp, string> = {
  clear: 'Recipients can spread this to the world; there is no limit on disclosure.',
  green: 'Limited disclosure: recipients can spread this within their community.',
  amber: 'Limited disclosure: recipients can only spread this on a need-to-know basis within their organisation and its clients.',
  'amber+strict': 'Limited disclosure: recipients can only spread this on a need-to-know basis within their organisation only.',
  red: 'For the eyes and ears of individual recipients only, no further disclosure.',
};

export function tlpLabel(tlp: Tlp): string {
  return labels[tlp];
}

/** A TLP 2.0 label in the FIRST colours: coloured text on black. */
export function TlpBadge({ tlp }: { readonly tlp: Tlp }) {
  return (
    <span className={`tlp tlp-${tlp.replace('+', '-')}`} title={meanings[tlp]} data-tlp={tlp}>
      {labels[tlp]}
    </span>
  );
}
