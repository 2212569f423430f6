import { ModuleLayout, type ModuleTab } from '../../components/module-layout';
import './intel.css';

const tabs: readonly ModuleTab[] = [
  { to: '/intel', label: 'Objects' },
  { to: '/intel/import', label: 'Import' },
  { to: '/intel/extract', label: 'Extract' },
  { to: '/intel/pattern', label: 'Pattern' },
  { to: '/intel/taxii', label: 'Collections' },
  { to: '/intel/feeds', label: 'Feeds' },
];

// An object's page counts as part of "Objects".
function isCurrent(tab: ModuleTab, pathname: string): boolean {
  return tab.to === '/intel'
    ? pathname === '/intel' || pathname === '/intel/' || pathname.startsWith('/intel/objects/')
    : pathname === tab.to || pathname.startsWith(`${tab.to}/`);
}

/** The intelligence module's tabs above each of its pages. */
export function IntelLayout() {
  return <ModuleLayout title="Intelligence" testId="intel-subnav" tabs={tabs} isCurrent={isCurrent} />;
}
