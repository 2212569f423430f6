// CWE → GB/T 30279-2020 cause category, as data. Each CWE sits in one category; the choice follows
// CNNVD's published CWE anchors for its types (e.g. CWE-119 buffer error, CWE-255 trust management,
// CWE-287 authorization issue, CWE-264/284 access control), then the CWE-1000 pillar the weakness
// descends from. The pillars themselves are listed too, as fallbacks for callers that know a CWE's
// ancestors. Rationale per group: docs/adr/004-vulnerability-grading.md.
import type { CauseCategoryId } from './cause-tree.js';

export const cweCauseTable: Readonly<Partial<Record<CauseCategoryId, readonly number[]>>> = {
  // Generic code weaknesses with no narrower GB/T category; CWE-710 is the coding-standards pillar.
  code: [17, 18, 398, 477, 657, 710, 1061, 1357, 1395],
  // Memory, buffers and resource lifecycle; CWE-664 (improper control of a resource) is the pillar.
  'resource-management': [
    118, 119, 120, 121, 122, 123, 124, 125, 126, 127, 131, 170, 399, 400, 401, 404, 405, 406, 407, 410, 415, 416, 457, 476,
    591, 664, 665, 672, 674, 762, 770, 772, 776, 785, 787, 789, 805, 822, 823, 824, 825, 834, 835, 843, 908, 909, 920, 1325, 1333,
  ],
  // Injection, traversal, parsing; CWE-707 (improper neutralization) is the pillar.
  'input-validation': [
    19, 20, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50,
    51, 52, 53, 54, 55, 56, 57, 58, 59, 61, 62, 64, 65, 66, 67, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87,
    88, 89, 90, 91, 93, 94, 95, 96, 97, 98, 99, 112, 113, 114, 116, 117, 129, 130, 134, 138, 140, 146, 150, 158, 159, 172, 173,
    174, 176, 177, 178, 179, 180, 182, 183, 184, 352, 434, 444, 470, 472, 473, 502, 601, 610, 611, 641, 643, 644, 652, 706, 707,
    790, 791, 915, 917, 918, 1173, 1236, 1284, 1285, 1286, 1287, 1288, 1289, 1321, 1336, 1386,
  ],
  // Calculation and conversion; CWE-682 (incorrect calculation) is the pillar.
  numeric: [128, 189, 190, 191, 192, 193, 194, 195, 196, 197, 369, 468, 680, 681, 682, 704, 1335, 1339],
  'race-condition': [362, 364, 365, 366, 367, 368, 412, 413, 414, 567, 662, 663, 667, 820, 821, 1223],
  // Control flow, error handling, comparisons, UI; pillars CWE-435, 691, 697, 703.
  'processing-logic': [
    222, 248, 252, 253, 356, 357, 388, 390, 391, 392, 393, 394, 395, 396, 397, 435, 436, 440, 451, 460, 617, 670, 691, 696, 697, 703, 705,
    754, 755, 783, 799, 837, 840, 841, 1021, 1023, 1024, 1025,
  ],
  cryptography: [
    261, 310, 311, 312, 313, 314, 315, 316, 317, 318, 319, 320, 321, 322, 323, 324, 325, 326, 327, 328, 329, 330, 331, 332, 333,
    334, 335, 336, 337, 338, 339, 340, 341, 342, 343, 344, 347, 523, 614, 757, 759, 760, 916, 1204, 1240,
  ],
  // CNNVD's 授权问题 is anchored on CWE-287: authentication and session weaknesses.
  authorization: [287, 288, 289, 290, 291, 293, 294, 301, 302, 303, 304, 305, 306, 307, 308, 309, 384, 521, 592, 603, 613, 620, 640, 836, 1004, 1390, 1391],
  // CNNVD's 信任管理 is anchored on CWE-255 (credentials); also certificates and data authenticity.
  'trust-management': [255, 256, 257, 258, 259, 260, 295, 296, 297, 298, 299, 300, 345, 346, 348, 349, 350, 351, 353, 354, 494, 522, 547, 798, 923, 924, 940, 1326],
  // Permissions, privileges, authorization checks; pillars CWE-284 and CWE-693.
  'access-control': [
    250, 254, 264, 266, 267, 268, 269, 270, 271, 272, 273, 274, 279, 280, 281, 282, 283, 284, 285, 286, 358, 378, 379, 420, 421,
    422, 424, 425, 426, 427, 428, 441, 552, 565, 602, 623, 639, 642, 647, 648, 653, 668, 669, 693, 732, 749, 782, 807, 842, 862,
    863, 939, 1220,
  ],
  'undeclared-function': [489, 506, 507, 508, 509, 510, 511, 512, 912, 1242],
  // Shipped defaults and deployment settings (CWE-16 is CNNVD's anchor for 配置错误).
  configuration: [2, 16, 276, 453, 942, 1188, 1327, 1392, 1393, 1394],
  'information-disclosure': [
    200, 201, 202, 203, 204, 205, 206, 207, 208, 209, 210, 211, 212, 213, 214, 215, 219, 359, 488, 497, 524, 526, 527, 528, 529,
    530, 531, 532, 533, 535, 536, 537, 538, 539, 540, 541, 548, 598, 615, 922, 1295,
  ],
  'fault-injection': [1247, 1319, 1332],
};

/** NVD's placeholders in place of a CWE id. */
export const nvdCweTokens: Readonly<Record<string, CauseCategoryId>> = {
  'NVD-CWE-noinfo': 'insufficient-information',
  'NVD-CWE-Other': 'other',
};
