import { ModuleLayout, type ModuleTab } from '../../components/module-layout';
import './capture.css';

const tabs: readonly ModuleTab[] = [
  { to: '/capture', label: 'Capture jobs' },
  { to: '/capture/fingerprints', label: 'Fingerprint rules' },
];

// A job's page counts as part of "Capture jobs".
function isCurrent(tab: ModuleTab, pathname: string): boolean {
  const onRules = pathname.startsWith('/capture/fingerprints');
  return tab.to === '/capture/fingerprints' ? onRules : !onRules;
}

/** The capture module's own tabs above each of its pages. */
export function CaptureLayout() {
  return <ModuleLayout title="Captures" testId="capture-subnav" tabs={tabs} isCurrent={isCurrent} />;
}
