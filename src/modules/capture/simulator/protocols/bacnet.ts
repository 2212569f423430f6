// BACnet/IP (ASHRAE 135 Annex J) as a building controller's operator workstation sends it: BVLC
// Original-Unicast-NPDU, an NPDU expecting a reply, and confirmed requests with their simple acks.
import { bytes } from '../../reader/byte-builder.js';

export const BACNET_PORT = 47808;
export const SERVICE_DEVICE_COMMUNICATION_CONTROL = 17;
export const SERVICE_REINITIALIZE_DEVICE = 20;

/** Communication states of DeviceCommunicationControl and states of ReinitializeDevice (enumerations). */
export const DCC_DISABLE = 1;
export const REINIT_WARMSTART = 1;

function npdu(expectingReply: boolean, apdu: Uint8Array): Uint8Array {
  const body = bytes().u8(0x01).u8(expectingReply ? 0x04 : 0x00).bytes(apdu).build();
  return bytes().u8(0x81).u8(0x0a).u16be(4 + body.length).bytes(body).build();
}

/** Confirmed request, unsegmented, up to 1476-octet answers accepted. */
function confirmed(invokeId: number, service: number, parameters: Uint8Array): Uint8Array {
  return npdu(true, bytes().u8(0x00).u8(0x05).u8(invokeId).u8(service).bytes(parameters).build());
}

/** DeviceCommunicationControl: enable-disable as context tag 1 (no duration, no password). */
export function deviceCommunicationControl(invokeId: number, state: number): Uint8Array {
  return confirmed(invokeId, SERVICE_DEVICE_COMMUNICATION_CONTROL, Uint8Array.of(0x19, state));
}

/** ReinitializeDevice: reinitialized state as context tag 0. */
export function reinitializeDevice(invokeId: number, state: number): Uint8Array {
  return confirmed(invokeId, SERVICE_REINITIALIZE_DEVICE, Uint8Array.of(0x09, state));
}

export function simpleAck(invokeId: number, service: number): Uint8Array {
  return npdu(false, Uint8Array.of(0x20, invokeId, service));
}
