import type { FacetName } from '../../../api/knowledge-types';
import { isHazardGrade, isLifecycleState } from '../../../api/types';
import { causeLabel, deviceTypeLabel, gradeLabels, lifecycleLabels } from '../../../lib/knowledge-labels';
import type { FilterKey } from './search-state';

const yesNo: Readonly<Record<'kev' | 'hasFix', Readonly<Record<string, string>>>> = {
  kev: { true: 'Known exploited', false: 'Not known exploited' },
  hasFix: { true: 'Vendor fix available', false: 'No vendor fix' },
};

/** How a facet value reads in the sidebar and on a filter chip. */
export function facetValueLabel(facet: FacetName | FilterKey, value: string): string {
  switch (facet) {
    case 'grade':
      return isHazardGrade(value) ? `${gradeLabels[value].en} ${gradeLabels[value].zh}` : value;
    case 'kev':
    case 'hasFix':
      return yesNo[facet][value] ?? value;
    case 'deviceType':
      return deviceTypeLabel(value);
    case 'cause':
      return causeLabel(value).en;
    case 'lifecycle':
      return isLifecycleState(value) ? lifecycleLabels[value] : value;
    default:
      return value;
  }
}
