// Device class of a product from its name, as data: the first rule whose pattern matches the
// normalized product name (lower case, vendor prefix removed) wins. Vendor-restricted rules name
// product lines a generic word would misread ("Samba" is a Unitronics PLC, and an SMB server).

export const deviceTypes = [
  'plc',
  'rtu',
  'hmi',
  'engineering_workstation',
  'historian',
  'dcs_controller',
  'ied',
  'safety_controller',
  'gateway',
  'switch',
  'firewall',
  'software',
  'unknown',
] as const;
export type DeviceType = (typeof deviceTypes)[number];

export interface DeviceTypeRule {
  readonly id: string;
  readonly type: DeviceType;
  readonly pattern: RegExp;
  /** 0..1: how sure a match makes us. */
  readonly confidence: number;
  /** Only for these vendor keys; undefined: any vendor. */
  readonly vendors?: readonly string[];
}

export const deviceTypeRules: readonly DeviceTypeRule[] = [
  // Products outside the OT device classes: matched first so their words ("safety", "switch") do not mislead.
  { id: 'not-ot:drive', type: 'unknown', confidence: 0.6, pattern: /\b(ac drives?|drives?|powerflex|sinamics|altivar|frenic|servo|inverter|alpha ?[57])\b/ },
  { id: 'not-ot:video', type: 'unknown', confidence: 0.6, pattern: /\b(cameras?|nvrs?|dvrs?|video|cctv|exacqvision|illustra|softnvr)\b/ },
  { id: 'not-ot:medical', type: 'unknown', confidence: 0.6, pattern: /\b(infusion|pumps?|ventilator|ultrasound|anesthesia|patient|pacs|imaging|defibrillator|pacemaker|insulin|glucose|x-?ray|mri|ct scanner|dialysis|cardio\w*|holter|carestation)\b/ },
  { id: 'not-ot:rfid-vision', type: 'unknown', confidence: 0.5, pattern: /\b(simatic rf\d+\w*|rfid|simatic mv\d+|reader rf\d+)\b/ },
  { id: 'not-ot:charger', type: 'unknown', confidence: 0.5, pattern: /\b(evlink|ev charg\w*|charging station|wallbox)\b/ },

  // Siemens lines no generic word names (issue 11): order numbers alone, building automation, metering, industrial PCs, software brands.
  { id: 'plc:siemens-order-number', type: 'plc', confidence: 0.7, vendors: ['siemens'], pattern: /^(6es7|6ed1|6ag1|6ag2)\s?\d/ },
  { id: 'switch:siemens-order-number', type: 'switch', confidence: 0.7, vendors: ['siemens'], pattern: /^6gk5\s?\d/ },
  { id: 'hmi:siemens-order-number', type: 'hmi', confidence: 0.7, vendors: ['siemens'], pattern: /^6av\d/ },
  { id: 'plc:siemens-comm-processor', type: 'plc', confidence: 0.6, vendors: ['siemens'], pattern: /\b(cp ?1[2-6]\d\d\w*|6gk7\s?\d\w*)/ },
  { id: 'plc:siemens-controllers', type: 'plc', confidence: 0.7, vendors: ['siemens'], pattern: /\b(simotion\w*|simatic winac\w*|simatic tdc|simatic drive controller\w*|desigo (px|pxc|automation controllers?)\w*|apogee (pxc|modular building controller)\w*|pxc\d+\w*|talon\w*)/ },
  { id: 'switch:siemens-network', type: 'switch', confidence: 0.8, vendors: ['siemens'], pattern: /\b(scalance (xrm|xcm|xch|xrh|xcr)-?\d+\w*|ruggedcom ros\w*)/ },
  { id: 'ews:siemens-ipc', type: 'engineering_workstation', confidence: 0.6, vendors: ['siemens'], pattern: /\bsimatic (ipc|field ?pg|itp)\w*/ },
  { id: 'ied:siemens-power', type: 'ied', confidence: 0.6, vendors: ['siemens'], pattern: /\b(sentron\w*|simocode\w*|7km pac\w*)/ },
  { id: 'hmi:siemens-desigo-cc', type: 'hmi', confidence: 0.6, vendors: ['siemens'], pattern: /\bdesigo (cc|insight|operator unit)\w*/ },
  { id: 'software:siemens-brands', type: 'software', confidence: 0.7, vendors: ['siemens'], pattern: /\b(teamcenter|mendix|simcenter|parasolid|tecnomatix|solid edge|nx|nucleus|opcenter|sinec (nms|ins|pni)\w*|simatic (batch|logon|it|route control)\w*|comos|xhq|spectrum power\w*|siveillance\w*|polarion|capital|jt2go|sinetplan|simit|s7-pct|tia administrator)\b/ },
  { id: 'safety:product-line', type: 'safety_controller', confidence: 0.9, pattern: /\b(triconex|tricon|trident|guardlogix|guardplc|safety manager|prosafe(-rs)?|hima\w*|pnoz\w*|pss ?4000|deltav sis|ac 800m hi|safety plc|safety controller|safety relays?|safety instrumented|sil ?[23] controller|codesys v3 safety|s7-\d{3,4}f\w*|cpu \d{3,4}\w* f-\d|cpu \d{3,4}f\w*)\b/ },
  { id: 'historian:product-line', type: 'historian', confidence: 0.9, pattern: /\b(historian|pi (server|data archive|web api|vision|asset framework|af|sql|integrator|system|interfaces?|connector|api|sdk|analysis)|infoplus\.?21|ip\.?21|phd|process historian|citecthistorian|archestra logger)\b/ },
  { id: 'ews:product-line', type: 'engineering_workstation', confidence: 0.9, pattern: /\b(studio 5000|logix designer|rslogix\w*|step ?7|simatic manager|simatic pdm|unity pro|control expert|ecostruxure (control|machine) expert|somachine|soft ?machine|zelio soft|gx works\d?|gx developer|gt designer\d?|iq works|cx-one|cx-programmer|cx-protocol|sysmac studio|twincat|codesys (v\d )?development system|automation studio|isagraf|(pac|proficy) machine edition|connected components workbench|rsnetworx|pc worx|e!cockpit|panel builder|hmi designer|hmi editor|designer|dopsoft|ispsoft|wplsoft|screeneditor|tpeditor|diascreen|cncsoft|visilogic|unilogic|gp-pro ex|v-sft|levi ?studio\w*|pi studio|plc editor|elcsoft|pmsoft|dvpsimulator|loader|network configurator|digsi ?\d*|automation tool|engineering (tool|software|workstation|station)|programming (software|tool))\b/ },
  { id: 'ews:tia-portal', type: 'engineering_workstation', confidence: 0.85, pattern: /^(?!.*\bwincc\b).*\b(tia portal|totally integrated automation portal)\b/ },
  { id: 'hmi:product-line', type: 'hmi', confidence: 0.9, pattern: /\b(wincc|factorytalk view|panelview|intouch|ifix|cimplicity|citect\w*|vijeo|igss|simatic hmi|comfort panel|basic panel|mobile panel|ignition|vtscada|webaccess|monitouch|tellus|v-server|cx-supervisor|mc works\w*|genesis ?64|got\d{4}|fast\/tools|plantcruise|operator panel|web ?op|ecostruxure (power )?scada|power scada|indusoft web studio|edge hmi)\b/ },
  { id: 'dcs:product-line', type: 'dcs_controller', confidence: 0.85, pattern: /\b(dcs|deltav|800xa|centum\w*|experion|ovation|\w*pcs ?7|pcs ?neo|freelance|symphony plus|infi ?90|foxboro|mark ?vi\w*|ac 800m|c300)\b/ },
  { id: 'rtu:product-line', type: 'rtu', confidence: 0.85, pattern: /\b(rtu\w*|scadapack|remote terminal( unit)?|sicam (a8000|ak\w*|tm|mic)|cp-8\d{3}|tim \d\w*|ace3600|controlwave|roc ?8\d\d|fcn-rtu|stardom|flow computer)\b/ },
  { id: 'ied:product-line', type: 'ied', confidence: 0.85, pattern: /\b(relays?|sel-\d+\w*|ied|(feeder|motor|generator|transformer|line|bus|distance) protection|protection relay|relion|siprotec\w*|multilin|micom|easergy|ur ?plus|universal relay|reason rt\w*|bay control\w*|merging unit|en100|iec 61850)\b/ },
  { id: 'plc:unitronics', type: 'plc', confidence: 0.9, vendors: ['unitronics'], pattern: /\b(vision|samba|jazz|unistream|v\d{3,4})\b/ },
  { id: 'plc:siemens-logo', type: 'plc', confidence: 0.9, vendors: ['siemens'], pattern: /\blogo\b/ },
  { id: 'plc:product-line', type: 'plc', confidence: 0.9, pattern: /\b(\w*plcs?|s7-\d{3,4}\w*|simatic s7|et ?200\w*|controllogix|compactlogix|micrologix|micro8\d\d|slc ?500|plc-5|modicon|m2[2-5]\d|m340|m580|melsec\w*|iq-[rf]|fx\d\w*|pacsystems?|rx3i|rx7i|rsti-ep|versamax|cj\d\w*|cp1[ehlw]\w*|nj\d{3}\w*|nx\d\w*|cs1\w*|pfc ?\d{3}|750-8\d{2,3}|ilc ?\d{3}|axc ?[fs]?\d{4}|plcnext|codesys control\w*|controledge|programmable (logic )?controllers?|dvp\w*|fcn-\d+|fcj|homelynk controller|17(56|62|63|66|69|34|94)-\w+|5069-\w+|\w*cpu(-\w+)?)\b/ },
  { id: 'plc:comm-module', type: 'plc', confidence: 0.6, pattern: /\b(simatic (net )?c[pm] ?\d{3,4}\w*|communications? modules?|ethernet module)\b/ },
  { id: 'firewall:product-line', type: 'firewall', confidence: 0.85, pattern: /\b(firewalls?|fortigate|fortios|security appliance|mguard|tofino|scalance s[c]?\d*\w*|eagle ?(20|30|one)\w*|stratix 5950|isa-?3000|asa ?55\d\d|pa-\d+|pan-os|sonicos|edr-\d+\w*|secure router)\b/ },
  { id: 'gateway:product-line', type: 'gateway', confidence: 0.8, pattern: /\b(gateways?|routers?|modems?|oncell\w*|nport\w*|mgate\w*|device servers?|serial (device )?servers?|protocol converter|anybus\w*|ewon\w*|flexy|netbiter|cellular|lte|hspa|hsdpa|ruggedcom (rx|rox|win|rm)\w*|scalance (m|w|wam|wum|wub)\d*\w*|access points?|wireless|m2m|link ?150|airlink|tropos|mds \w+|couplers?|rtls gateway|ip gateway|codesys gateway)\b/ },
  { id: 'switch:product-line', type: 'switch', confidence: 0.85, pattern: /\b(switch(es)?|scalance (x|xb|xc|xm|xp|xr|xf)-?\d+\w*|hirschmann|ruggedcom (rs|rsg|rst|rmc|m|i)\d*\w*|ruggedswitch|stratix( \d{4})?|mach ?\d+|octopus|rsp\d*|afs\d+\w*|afr\d+|eds-\d+\w*|iks-\d+\w*|ies-\d+\w*|fl switch)\b/ },
  { id: 'hmi:generic', type: 'hmi', confidence: 0.7, pattern: /\b(hmi|panels?|touch ?screen|operator (terminal|interface|station)|scada)\b/ },
  { id: 'software:vendor', type: 'software', confidence: 0.5, vendors: ['adobe', 'apache', 'atlassian', 'drupal', 'gitlab', 'jenkins', 'joomla', 'microsoft', 'oracle', 'php', 'sap', 'vmware', 'wordpress', 'zoho'], pattern: /./ },
  { id: 'software:generic', type: 'software', confidence: 0.5, pattern: /\b(software|server|client|web (service|server|application|portal)|portal|manager|management|suite|studio|platform|applications?|apps?|services?|rtos|vxworks|operating system|tcp\/ip stack|database|license|opc|api|sdk|library|toolkit|viewer|editor|utility|framework|windows|linux|android|ios|cloud|dashboard|analytics|report\w*|monitoring|add-on|plug-?in)\b/ },
];
