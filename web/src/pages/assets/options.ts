import { criticalities, tlpLevels, type Criticality, type Tlp } from '../../api/types';
import type { SelectOption } from '../../components/form-field';
import { tlpLabel } from '../../components/tlp-badge';
import { capitalise } from '../../lib/format';

export const criticalityOptions: readonly SelectOption<Criticality>[] = criticalities.map((c) => ({ value: c, label: capitalise(c) }));
export const tlpOptions: readonly SelectOption<Tlp>[] = tlpLevels.map((t) => ({ value: t, label: tlpLabel(t) }));
