import { PlannedModule } from '../../components/planned-module';

export function IntelPage() {
  return (
    <PlannedModule
      title="Intelligence"
      tracking="issue #5"
      summary="Threat intelligence exchange in STIX 2.1 over TAXII 2.1, between the organisations of the hierarchy."
      capabilities={[
        'Store indicators, malware, threat actors and attack patterns (including MITRE ATT&CK for ICS) as STIX 2.1 objects.',
        'Publish and subscribe to TAXII 2.1 collections, with TLP 2.0 markings enforced on every object.',
        'Pass intelligence down from national and provincial centres to industries and enterprises, and sightings back up.',
        'Correlate indicators with captures and assets to show which sites are concerned.',
      ]}
    >
      <p>
        Campaigns against industrial sites reuse tools and infrastructure across victims, so what one operator sees can warn
        the others. This module will let national and provincial centres distribute indicators to the industries and
        enterprises below them, and let those enterprises report sightings upward, all in standard STIX objects over TAXII, and
        always within the TLP marking the originator chose.
      </p>
    </PlannedModule>
  );
}
