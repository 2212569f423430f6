import { PlannedModule } from '../../components/planned-module';

export function GovernancePage() {
  return (
    <PlannedModule
      title="Governance"
      tracking="planned"
      summary="Security requirements, assessments and evidence for industrial control systems."
      capabilities={[
        'Assess sites and zones against IEC 62443 security levels and national requirements.',
        'Track findings, owners and deadlines, with the evidence that closed them.',
        'Derive required controls from asset criticality and network zone.',
        'Produce compliance reports for management and supervising authorities.',
      ]}
    >
      <p>
        Industrial operators answer to regulators and to their own safety management systems. Governance will connect the
        inventory with the security requirements that apply to it, so that assessments are based on the real assets and zones,
        and the evidence for each control is kept where auditors can find it.
      </p>
    </PlannedModule>
  );
}
