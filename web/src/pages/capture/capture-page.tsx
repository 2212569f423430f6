import { PlannedModule } from '../../components/planned-module';

export function CapturePage() {
  return (
    <PlannedModule
      title="Captures"
      tracking="issue #4"
      summary="Passive analysis of industrial network traffic from packet captures and sensors."
      capabilities={[
        'Upload PCAP files or stream from SPAN-port sensors, without sending a single packet into the process network.',
        'Dissect industrial protocols: Modbus/TCP, S7comm, DNP3, IEC 60870-5-104, EtherNet/IP and OPC UA.',
        'Discover assets passively and propose additions or corrections to the inventory.',
        'Flag risky operations such as writes, program downloads, firmware updates and CPU stop commands, and traffic that crosses zones.',
      ]}
    >
      <p>
        Active scanning can crash fragile field devices, so in OT the network is observed, not probed. Captures will decode the
        industrial protocols on the wire, learn who normally talks to whom, and highlight the commands that change a process:
        a new engineering workstation downloading logic to a PLC, a Modbus write from an unexpected host, or traffic between zones
        that should never connect.
      </p>
    </PlannedModule>
  );
}
