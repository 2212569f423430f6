// IEC 60870-5-101/104 vocabulary: type identifications (IEC 60870-5-101 clause 7.2.1, -104 and
// IEC 62351-5 additions) and causes of transmission.
import type { OperationClass } from '../types.js';

export const typeNames: readonly (string | undefined)[] = (() => {
  const names: (string | undefined)[] = new Array<string | undefined>(256).fill(undefined);
  const entries: ReadonlyArray<readonly [number, string]> = [
    [1, 'M_SP_NA_1'], [2, 'M_SP_TA_1'], [3, 'M_DP_NA_1'], [4, 'M_DP_TA_1'], [5, 'M_ST_NA_1'], [6, 'M_ST_TA_1'],
    [7, 'M_BO_NA_1'], [8, 'M_BO_TA_1'], [9, 'M_ME_NA_1'], [10, 'M_ME_TA_1'], [11, 'M_ME_NB_1'], [12, 'M_ME_TB_1'],
    [13, 'M_ME_NC_1'], [14, 'M_ME_TC_1'], [15, 'M_IT_NA_1'], [16, 'M_IT_TA_1'], [17, 'M_EP_TA_1'], [18, 'M_EP_TB_1'],
    [19, 'M_EP_TC_1'], [20, 'M_PS_NA_1'], [21, 'M_ME_ND_1'], [30, 'M_SP_TB_1'], [31, 'M_DP_TB_1'], [32, 'M_ST_TB_1'],
    [33, 'M_BO_TB_1'], [34, 'M_ME_TD_1'], [35, 'M_ME_TE_1'], [36, 'M_ME_TF_1'], [37, 'M_IT_TB_1'], [38, 'M_EP_TD_1'],
    [39, 'M_EP_TE_1'], [40, 'M_EP_TF_1'], [41, 'S_IT_TC_1'], [45, 'C_SC_NA_1'], [46, 'C_DC_NA_1'], [47, 'C_RC_NA_1'],
    [48, 'C_SE_NA_1'], [49, 'C_SE_NB_1'], [50, 'C_SE_NC_1'], [51, 'C_BO_NA_1'], [58, 'C_SC_TA_1'], [59, 'C_DC_TA_1'],
    [60, 'C_RC_TA_1'], [61, 'C_SE_TA_1'], [62, 'C_SE_TB_1'], [63, 'C_SE_TC_1'], [64, 'C_BO_TA_1'], [70, 'M_EI_NA_1'],
    [81, 'S_CH_NA_1'], [82, 'S_RP_NA_1'], [83, 'S_AR_NA_1'], [84, 'S_KR_NA_1'], [85, 'S_KS_NA_1'], [86, 'S_KC_NA_1'],
    [87, 'S_ER_NA_1'], [90, 'S_US_NA_1'], [91, 'S_UQ_NA_1'], [92, 'S_UR_NA_1'], [93, 'S_UK_NA_1'], [94, 'S_UA_NA_1'],
    [95, 'S_UC_NA_1'], [100, 'C_IC_NA_1'], [101, 'C_CI_NA_1'], [102, 'C_RD_NA_1'], [103, 'C_CS_NA_1'], [104, 'C_TS_NA_1'],
    [105, 'C_RP_NA_1'], [106, 'C_CD_NA_1'], [107, 'C_TS_TA_1'], [110, 'P_ME_NA_1'], [111, 'P_ME_NB_1'], [112, 'P_ME_NC_1'],
    [113, 'P_AC_NA_1'], [120, 'F_FR_NA_1'], [121, 'F_SR_NA_1'], [122, 'F_SC_NA_1'], [123, 'F_LS_NA_1'], [124, 'F_AF_NA_1'],
    [125, 'F_SG_NA_1'], [126, 'F_DR_TA_1'], [127, 'F_SC_NB_1'],
  ];
  for (const [type, name] of entries) names[type] = name;
  return names;
})();

/** Operation class of a control-direction type when activated; undefined for monitor-direction types. */
export function commandClass(type: number): OperationClass | undefined {
  if ((type >= 45 && type <= 51) || (type >= 58 && type <= 64)) return 'write';
  if (type >= 100 && type <= 102) return 'read';
  if (type === 103 || type === 106) return 'time-sync';
  if (type === 105) return 'restart';
  if (type === 104 || type === 107) return 'other';
  if (type >= 110 && type <= 113) return 'configuration-change';
  if (type >= 81 && type <= 95) return 'session';
  if (type >= 120 && type <= 127) return 'file-operation';
  return undefined;
}

/** Outcome text for the negative causes sent back by a controlled station. */
export const negativeCauses: ReadonlyMap<number, string> = new Map([
  [44, 'unknown type identification'],
  [45, 'unknown cause of transmission'],
  [46, 'unknown common address of ASDU'],
  [47, 'unknown information object address'],
]);

/** U-format functions by the control octet's bits 2-7 (tshark's UType). */
export const uFunctions: ReadonlyMap<number, string> = new Map([
  [0x01, 'STARTDT act'],
  [0x02, 'STARTDT con'],
  [0x04, 'STOPDT act'],
  [0x08, 'STOPDT con'],
  [0x10, 'TESTFR act'],
  [0x20, 'TESTFR con'],
]);
