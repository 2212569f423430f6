// Curated spellings of industrial vendors. Names are matched after case, punctuation, diacritics
// and legal suffixes are removed and the words run together, so "Schneider-Electric",
// "schneider_electric" (CPE) and "SCHNEIDER ELECTRIC SE" are all "schneiderelectric".
// Grouping decisions (why Hitachi Energy is not ABB, what "ge" covers, former names merged into
// today's owner): docs/adr/004-vulnerability-grading.md.

export interface VendorAlias {
  readonly key: string;
  readonly display: string;
  readonly names: readonly string[];
}

export const vendorAliases: readonly VendorAlias[] = [
  { key: 'siemens', display: 'Siemens', names: ['Siemens', 'Siemens Industry', 'Siemens Schweiz'] },
  { key: 'siemens-energy', display: 'Siemens Energy', names: ['Siemens Energy'] },
  { key: 'siemens-healthineers', display: 'Siemens Healthineers', names: ['Siemens Healthineers', 'Siemens Healthcare'] },
  // CISA's CSAF files Modicon, EcoStruxure and IGSS under "Schneider Electric Software, LLC".
  { key: 'schneider-electric', display: 'Schneider Electric', names: ['Schneider Electric', 'Schneider Electric Software', 'Schneider Electric Systems', 'Schneider Electric USA', 'Schneider'] },
  // AVEVA answers today for Wonderware, InduSoft, Citect and the OSIsoft PI System.
  { key: 'aveva', display: 'AVEVA', names: ['AVEVA', 'AVEVA Software', 'AVEVA Group', 'Schneider Electric AVEVA', 'Wonderware', 'InduSoft', 'OSIsoft'] },
  { key: 'rockwell-automation', display: 'Rockwell Automation', names: ['Rockwell Automation', 'Rockwell', 'Allen-Bradley', 'Allen Bradley', 'Rockwell Software'] },
  { key: 'mitsubishi-electric', display: 'Mitsubishi Electric', names: ['Mitsubishi Electric', 'Mitsubishi Electric Europe', 'Mitsubishi Electric Automation'] },
  { key: 'hitachi-energy', display: 'Hitachi Energy', names: ['Hitachi Energy', 'Hitachi ABB Power Grids', 'Hitachi Power Grids'] },
  { key: 'abb', display: 'ABB', names: ['ABB', 'ABB Group', 'ASEA Brown Boveri'] },
  { key: 'hitachi', display: 'Hitachi', names: ['Hitachi'] },
  { key: 'hitachi-vantara', display: 'Hitachi Vantara', names: ['Hitachi Vantara'] },
  // One key for General Electric's industrial and energy lines before and after the 2024 split.
  { key: 'ge', display: 'GE', names: ['GE', 'General Electric', 'GE Digital', 'GE Vernova', 'GE Grid Solutions', 'GE Power', 'GE Gas Power', 'GE Renewable Energy', 'GE Intelligent Platforms', 'GE Automation'] },
  { key: 'ge-healthcare', display: 'GE HealthCare', names: ['GE Healthcare', 'GE HealthCare Technologies'] },
  { key: 'phoenix-contact', display: 'Phoenix Contact', names: ['Phoenix Contact', 'Innominate', 'Innominate Security Technologies'] },
  { key: 'honeywell', display: 'Honeywell', names: ['Honeywell', 'Honeywell International', 'Honeywell Process Solutions'] },
  { key: 'emerson', display: 'Emerson', names: ['Emerson', 'Emerson Electric', 'Emerson Process Management', 'Emerson Automation Solutions'] },
  { key: 'yokogawa', display: 'Yokogawa', names: ['Yokogawa', 'Yokogawa Electric'] },
  { key: 'omron', display: 'Omron', names: ['Omron'] },
  { key: 'moxa', display: 'Moxa', names: ['Moxa'] },
  { key: 'wago', display: 'WAGO', names: ['WAGO', 'WAGO Kontakttechnik'] },
  { key: 'beckhoff', display: 'Beckhoff', names: ['Beckhoff', 'Beckhoff Automation'] },
  { key: 'delta-electronics', display: 'Delta Electronics', names: ['Delta Electronics', 'deltaww'] },
  { key: 'delta-controls', display: 'Delta Controls', names: ['Delta Controls'] },
  { key: 'advantech', display: 'Advantech', names: ['Advantech', 'B+B SmartWorx', 'Advantech B+B SmartWorx'] },
  { key: 'johnson-controls', display: 'Johnson Controls', names: ['Johnson Controls', 'Johnson Controls International', 'JCI', 'Exacq Technologies'] },
  { key: 'fuji-electric', display: 'Fuji Electric', names: ['Fuji Electric'] },
  { key: 'unitronics', display: 'Unitronics', names: ['Unitronics'] },
  { key: 'inductive-automation', display: 'Inductive Automation', names: ['Inductive Automation', 'inductiveautomation'] },
  { key: 'hikvision', display: 'Hikvision', names: ['Hikvision', 'Hangzhou Hikvision Digital Technology'] },
  { key: 'dahua', display: 'Dahua', names: ['Dahua', 'Dahua Technology', 'Zhejiang Dahua Technology'] },
  { key: 'xiongmai', display: 'Xiongmai', names: ['Xiongmai', 'Xiongmai Technology', 'Hangzhou Xiongmai Technology'] },
  { key: 'sel', display: 'Schweitzer Engineering Laboratories (SEL)', names: ['Schweitzer Engineering Laboratories', 'SEL', 'selinc'] },
  { key: 'hirschmann', display: 'Hirschmann', names: ['Hirschmann', 'Hirschmann Automation and Control', 'Hirschmann Automation & Control'] },
  { key: 'belden', display: 'Belden', names: ['Belden'] },
  { key: 'codesys', display: 'CODESYS', names: ['CODESYS', '3S-Smart Software Solutions', '3S Smart Software Solutions'] },
  { key: 'automationdirect', display: 'AutomationDirect', names: ['AutomationDirect', 'Automation Direct'] },
  { key: 'sauter', display: 'Sauter', names: ['Sauter', 'Fr. Sauter'] },
  { key: 'pepperl-fuchs', display: 'Pepperl+Fuchs', names: ['Pepperl+Fuchs', 'Pepperl Fuchs'] },
  { key: 'weidmuller', display: 'Weidmüller', names: ['Weidmüller', 'Weidmueller', 'Weidmuller'] },
  { key: 'geutebruck', display: 'Geutebrück', names: ['Geutebrück', 'Geutebrueck'] },
  { key: 'trihedral', display: 'Trihedral', names: ['Trihedral', 'Trihedral Engineering'] },
  { key: 'loytec', display: 'LOYTEC', names: ['LOYTEC', 'LOYTEC electronics'] },
  { key: 'opw', display: 'OPW Fuel Management Systems', names: ['OPW Fuel Management Systems', 'OPW Fuel Managements Systems', 'OPW'] },
  { key: 'franklin-fueling-systems', display: 'Franklin Fueling Systems', names: ['Franklin Fueling Systems', 'Franklin Fueling System'] },
  // Linear eMerge: Nortek Security & Control, renamed Nice North America; CPE still says nortekcontrol.
  { key: 'nice', display: 'Nice (Nortek Security & Control)', names: ['Nice', 'Nice North America', 'Nortek', 'Nortek Control', 'Nortek Security & Control', 'nortekcontrol'] },
  // CISA misspelled Philips in two medical advisories.
  { key: 'philips', display: 'Philips', names: ['Philips', 'Koninklijke Philips', 'Phillips'] },
  { key: 'becton-dickinson', display: 'Becton, Dickinson and Company (BD)', names: ['Becton Dickinson', 'Becton, Dickinson and Company', 'BD'] },
  { key: 'lcds', display: 'LCDS - Leão Consultoria e Desenvolvimento de Sistemas', names: ['LCDS', 'LCDS Leão Consultoria e Desenvolvimento de Sistemas', 'Leão Consultoria e Desenvolvimento de Sistemas'] },
  { key: 'ininet', display: 'iniNet Solutions', names: ['iniNet Solutions'] },
  { key: 'd-link', display: 'D-Link', names: ['D-Link', 'dlink'] },
  { key: 'trendnet', display: 'TRENDnet', names: ['TRENDnet'] },
  { key: 'hewlett-packard', display: 'HP', names: ['Hewlett Packard', 'HP', 'Hewlett-Packard'] },
  { key: 'qnap', display: 'QNAP', names: ['QNAP', 'QNAP Systems'] },
  { key: 'apache', display: 'Apache Software Foundation', names: ['Apache', 'Apache Software Foundation'] },
  { key: 'microsoft', display: 'Microsoft', names: ['Microsoft'] },
  { key: 'palo-alto-networks', display: 'Palo Alto Networks', names: ['Palo Alto Networks'] },
  { key: 'fortinet', display: 'Fortinet', names: ['Fortinet'] },
  { key: 'cisco', display: 'Cisco', names: ['Cisco', 'Cisco Systems'] },
  { key: 'linux', display: 'Linux', names: ['Linux', 'The Linux Kernel Organization', 'Linux Kernel Organization'] },
];
