import { PlannedModule } from '../../components/planned-module';

export function ResponsePage() {
  return (
    <PlannedModule
      title="Response"
      tracking="planned"
      summary="Incident handling for industrial sites, with playbooks that respect the safety of the process."
      capabilities={[
        'Open incidents from alerts, advisories or reports, and link the affected assets and indicators.',
        'Run CACAO playbooks step by step, with hand-offs between operators, responders and the upstream centre.',
        'Record decisions and evidence in an immutable timeline for later review.',
        'Escalate to the parent organisation and receive its guidance in the same case.',
      ]}
    >
      <p>
        Containment in OT is not “pull the cable”: isolating a controller may stop a production line or disable a safety
        function. Response will guide teams through playbooks written for industrial environments, in which every action states
        its impact on the process and who must approve it, and keep the coordination with the upstream centre in one place.
      </p>
    </PlannedModule>
  );
}
