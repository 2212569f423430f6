// MMS over the OSI upper layers (session, presentation, ACSE) on COTP user data, TCP 102.
import type { CotpPayloadDissector } from '../types.js';
import { dissectSession, looksLikeSession } from './iso-stack.js';
import type { MmsState } from './mms-pdu.js';

export const mmsDissector: CotpPayloadDissector<MmsState> = {
  protocol: 'mms',
  probe: looksLikeSession,
  createState: () => ({ pending: new Map() }),
  dissect: dissectSession,
};
