// Where an organisation works: its industry and its region (issue 14). Both are data the project keeps,
// used to aggregate risk and alerts above enterprises and to aim warnings at a sector or a place.
//
// Industries follow the divisions of the national classification of economic activities (GB/T 4754-2017)
// in which industrial control systems run: mining, the process and discrete manufacturing divisions,
// utilities, transport and a few public services. The codes are the classification's (letter of the
// section, two digits of the division); the English names are ours. The list is data: a node may use
// any code of this table, nothing else, so aggregates add up across nodes.
// Regions are administrative division codes (GB/T 2260): six digits, the first two a province-level
// division. A code is checked for shape and province; the full list changes yearly and is not kept here.

export interface Industry {
  readonly code: string;
  readonly name: string;
  readonly nameZh: string;
  /** The broad sector the division belongs to, for grouping. */
  readonly sector: 'mining' | 'manufacturing' | 'utilities' | 'transport' | 'services';
}

const m = (code: string, name: string, nameZh: string, sector: Industry['sector']): Industry => ({ code, name, nameZh, sector });

export const industries: readonly Industry[] = [
  m('B06', 'Coal mining and washing', '煤炭开采和洗选业', 'mining'),
  m('B07', 'Oil and gas extraction', '石油和天然气开采业', 'mining'),
  m('B08', 'Ferrous metal ore mining', '黑色金属矿采选业', 'mining'),
  m('B09', 'Non-ferrous metal ore mining', '有色金属矿采选业', 'mining'),
  m('C13', 'Agricultural and sideline food processing', '农副食品加工业', 'manufacturing'),
  m('C14', 'Food manufacturing', '食品制造业', 'manufacturing'),
  m('C15', 'Beverages, liquor and refined tea', '酒、饮料和精制茶制造业', 'manufacturing'),
  m('C17', 'Textiles', '纺织业', 'manufacturing'),
  m('C22', 'Paper and paper products', '造纸和纸制品业', 'manufacturing'),
  m('C25', 'Petroleum, coal and other fuel processing', '石油、煤炭及其他燃料加工业', 'manufacturing'),
  m('C26', 'Chemical raw materials and chemical products', '化学原料和化学制品制造业', 'manufacturing'),
  m('C27', 'Pharmaceuticals', '医药制造业', 'manufacturing'),
  m('C28', 'Chemical fibres', '化学纤维制造业', 'manufacturing'),
  m('C29', 'Rubber and plastics products', '橡胶和塑料制品业', 'manufacturing'),
  m('C30', 'Non-metallic mineral products (cement, glass)', '非金属矿物制品业', 'manufacturing'),
  m('C31', 'Ferrous metal smelting and rolling (steel)', '黑色金属冶炼和压延加工业', 'manufacturing'),
  m('C32', 'Non-ferrous metal smelting and rolling', '有色金属冶炼和压延加工业', 'manufacturing'),
  m('C33', 'Metal products', '金属制品业', 'manufacturing'),
  m('C34', 'General-purpose machinery', '通用设备制造业', 'manufacturing'),
  m('C35', 'Special-purpose machinery', '专用设备制造业', 'manufacturing'),
  m('C36', 'Automobiles', '汽车制造业', 'manufacturing'),
  m('C37', 'Railway, ship, aerospace and other transport equipment', '铁路、船舶、航空航天和其他运输设备制造业', 'manufacturing'),
  m('C38', 'Electrical machinery and equipment', '电气机械和器材制造业', 'manufacturing'),
  m('C39', 'Computers, communication and other electronic equipment', '计算机、通信和其他电子设备制造业', 'manufacturing'),
  m('C40', 'Instruments and meters', '仪器仪表制造业', 'manufacturing'),
  m('D44', 'Electricity and heat production and supply', '电力、热力生产和供应业', 'utilities'),
  m('D45', 'Gas production and supply', '燃气生产和供应业', 'utilities'),
  m('D46', 'Water production and supply (incl. wastewater treatment)', '水的生产和供应业', 'utilities'),
  m('G53', 'Rail transport', '铁路运输业', 'transport'),
  m('G54', 'Road transport', '道路运输业', 'transport'),
  m('G55', 'Water transport (ports, shipping)', '水上运输业', 'transport'),
  m('G56', 'Air transport', '航空运输业', 'transport'),
  m('G57', 'Pipeline transport', '管道运输业', 'transport'),
  m('G59', 'Handling, warehousing and storage', '多式联运和运输代理业、装卸搬运和仓储业', 'transport'),
  m('I63', 'Telecommunications, broadcasting and satellite transmission', '电信、广播电视和卫星传输服务', 'services'),
  m('N77', 'Ecological protection and environmental governance', '生态保护和环境治理业', 'services'),
  m('N78', 'Public facilities management', '公共设施管理业', 'services'),
];

const byCode = new Map(industries.map((i) => [i.code, i]));
export const industryOf = (code: string): Industry | undefined => byCode.get(code);

/** Province-level divisions by the first two digits of their code (GB/T 2260). */
const provinces = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82',
]);

/** Why a region code is not one, or undefined when it is. */
export function regionProblem(code: string): string | undefined {
  if (!/^\d{6}$/.test(code)) return 'a region is a six-digit administrative division code (GB/T 2260), e.g. 320500';
  if (!provinces.has(code.slice(0, 2))) return `${code.slice(0, 2)} is not a province-level division`;
  return undefined;
}

/** The region codes a code lies within, broadest first: province, prefecture, itself (320506 → 320000, 320500, 320506). */
export function regionAncestors(code: string): string[] {
  const province = `${code.slice(0, 2)}0000`;
  const prefecture = `${code.slice(0, 4)}00`;
  return [...new Set([province, prefecture, code])];
}
