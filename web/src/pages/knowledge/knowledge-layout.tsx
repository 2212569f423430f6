import { ModuleLayout, type ModuleTab } from '../../components/module-layout';
import { canWrite, useMe } from '../../session/session-context';

interface KnowledgeTab extends ModuleTab {
  /** Other paths under which the tab counts as the current one. */
  readonly also?: readonly string[];
  readonly writersOnly?: boolean;
}

const tabs: readonly KnowledgeTab[] = [
  { to: '/knowledge', label: 'Search', also: ['/knowledge/vulnerabilities/'] },
  { to: '/knowledge/vendors', label: 'Vendors', also: ['/knowledge/products'] },
  { to: '/knowledge/attack', label: 'ATT&CK for ICS' },
  { to: '/knowledge/imports', label: 'Imports' },
  { to: '/knowledge/feeds', label: 'Feeds' },
  { to: '/knowledge/submit', label: 'Submit', writersOnly: true },
];

function isCurrent(tab: KnowledgeTab, pathname: string): boolean {
  return pathname === tab.to || (tab.to !== '/knowledge' && pathname.startsWith(`${tab.to}/`)) || (tab.also ?? []).some((p) => pathname.startsWith(p));
}

/** The knowledge base's own tabs above each of its pages. */
export function KnowledgeLayout() {
  const me = useMe();
  const shown = tabs.filter((tab) => tab.writersOnly !== true || canWrite(me.role));
  return <ModuleLayout title="Knowledge base" testId="kb-subnav" tabs={shown} isCurrent={isCurrent} />;
}
