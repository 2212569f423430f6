import type { Tlp } from '../../../api/types';
import { tlpOptions } from '../../assets/options';

interface MarkingFieldsProps {
  /** Prefix of the fields' ids and names, so two forms on one page do not clash ("import", "bulk"). */
  readonly prefix: string;
  readonly tlp: Tlp;
  readonly onTlp: (tlp: Tlp) => void;
  readonly sharedUpward: boolean;
  readonly onSharedUpward: (shared: boolean) => void;
  readonly disabled: boolean;
}

/** The marking an organisation's imported records get: TLP, and whether parents may see them. */
export function MarkingFields({ prefix, tlp, onTlp, sharedUpward, onSharedUpward, disabled }: MarkingFieldsProps) {
  return (
    <>
      <div className="field">
        <label className="field-label" htmlFor={`${prefix}-tlp`}>
          TLP marking
        </label>
        <select id={`${prefix}-tlp`} name={prefix === 'import' ? 'tlp' : `${prefix}Tlp`} className="input select" value={tlp} onChange={(e) => onTlp(tlpOptions.find((o) => o.value === e.target.value)?.value ?? 'amber')} disabled={disabled}>
          {tlpOptions.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <label className="check">
        <input type="checkbox" name={prefix === 'import' ? 'sharedUpward' : `${prefix}SharedUpward`} checked={sharedUpward} onChange={(e) => onSharedUpward(e.target.checked)} disabled={disabled} />
        <span>Share upward</span>
      </label>
    </>
  );
}
