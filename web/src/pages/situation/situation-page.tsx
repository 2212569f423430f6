import { PlannedModule } from '../../components/planned-module';

export function SituationPage() {
  return (
    <PlannedModule
      title="Situation awareness"
      tracking="planned"
      summary="A consolidated picture of industrial cyber risk across your organisation and the members that share with it."
      capabilities={[
        'Exposure views by province, industry and enterprise: vulnerable assets, unpatched critical systems, open findings.',
        'Trends over time, so that centres can see whether risk goes down after advisories and campaigns.',
        'Drill-down from the aggregate to the shared assets behind a number, within TLP limits.',
        'Periodic reports for supervisors and regulators.',
      ]}
    >
      <p>
        A national or provincial centre needs to answer questions such as “how many critical water-treatment controllers run a
        firmware with a known remote-code-execution flaw?” within minutes of a new advisory. Situation awareness will aggregate what
        member organisations share upward into such answers, without revealing more than each organisation chose to share.
      </p>
    </PlannedModule>
  );
}
