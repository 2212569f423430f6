import { PlannedModule } from '../../components/planned-module';

export function KnowledgePage() {
  return (
    <PlannedModule
      title="Knowledge base"
      tracking="issue #3"
      summary="Vulnerabilities and security advisories for industrial products, matched against your asset inventory."
      capabilities={[
        'Import ICS advisories (CISA ICSA, vendor PSIRTs, national CERTs) with their CVEs, CVSS scores and affected product ranges.',
        'Match advisories to assets by vendor, model and firmware version, and list the exposed assets per advisory.',
        'Record remediation and compensating controls where patching a running process is not possible.',
        'Share advisory notes with member organisations under TLP markings.',
      ]}
    >
      <p>
        Most controllers and HMIs in a plant cannot be patched on the day an advisory appears: a firmware update needs a
        maintenance window, vendor approval and re-commissioning. The knowledge base will keep a curated record of industrial
        advisories and show, for each one, exactly which of your PLCs, RTUs and engineering workstations run an affected version,
        so that you can plan patches by criticality and put mitigations in place in the meantime.
      </p>
    </PlannedModule>
  );
}
