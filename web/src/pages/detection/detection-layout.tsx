import { ModuleLayout, type ModuleTab } from '../../components/module-layout';
import './detection.css';

const tabs: readonly ModuleTab[] = [
  { to: '/detection', label: 'Alert queue' },
  { to: '/detection/rules', label: 'Rules' },
  { to: '/detection/coverage', label: 'ATT&CK coverage' },
];

// An alert's page belongs to the queue; the workbench to the rules.
function isCurrent(tab: ModuleTab, pathname: string): boolean {
  if (tab.to === '/detection') return pathname === '/detection' || pathname.startsWith('/detection/alerts');
  return pathname === tab.to || pathname.startsWith(`${tab.to}/`);
}

/** The detection module's own tabs above each of its pages. */
export function DetectionLayout() {
  return <ModuleLayout title="Detection" testId="detection-subnav" tabs={tabs} isCurrent={isCurrent} />;
}
