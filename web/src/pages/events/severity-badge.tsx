export function SeverityBadge({ severity }: { readonly severity: string | undefined }) {
  return <span className={`pill event-severity event-severity-${severity ?? 'info'}`}>{severity ?? 'info'}</span>;
}
