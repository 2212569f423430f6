import { z } from 'zod';

function plural(n: number | bigint, one: string, many: string): string {
  return `${n} ${Number(n) === 1 ? one : many}`;
}

const typeNames: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'yes or no',
  array: 'a list',
  object: 'a group of fields',
  date: 'a date',
};

const formatNames: Readonly<Record<string, string>> = {
  email: 'an e-mail address',
  url: 'a web address (https://…)',
  uuid: 'an id',
  ipv4: 'an IPv4 address',
  ipv6: 'an IPv6 address',
  cidrv4: 'an IPv4 network (a.b.c.d/n)',
  cidrv6: 'an IPv6 network',
  datetime: 'a date and time',
  date: 'a date',
  mac: 'a MAC address',
};

const sizeUnits: Readonly<Record<string, [string, string]>> = {
  string: ['character', 'characters'],
  array: ['item', 'items'],
  set: ['item', 'items'],
  file: ['byte', 'bytes'],
};

/**
 * Human sentences for zod's issues, for the console's own forms: "Required." rather than "Too small:
 * expected string to have >=1 characters". Installed once with `z.config({ customError })`.
 */
export const humanErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null || issue.input === '') return 'Required.';
      return `Enter ${typeNames[issue.expected] ?? issue.expected}.`;
    case 'too_small': {
      const unit = sizeUnits[issue.origin];
      if (unit !== undefined) return Number(issue.minimum) <= 1 && issue.origin === 'string' ? 'Required.' : `At least ${plural(issue.minimum, ...unit)}.`;
      return `Must be ${issue.inclusive === false ? 'more than' : 'at least'} ${issue.minimum}.`;
    }
    case 'too_big': {
      const unit = sizeUnits[issue.origin];
      if (unit !== undefined) return `At most ${plural(issue.maximum, ...unit)}.`;
      return `Must be ${issue.inclusive === false ? 'less than' : 'at most'} ${issue.maximum}.`;
    }
    case 'invalid_format':
      return issue.format === 'regex' ? 'Not in the expected format.' : `Enter ${formatNames[issue.format] ?? `a valid ${issue.format}`}.`;
    case 'invalid_value':
      return `Choose one of: ${issue.values.map(String).join(', ')}.`;
    case 'unrecognized_keys':
      return `Unknown field${issue.keys.length === 1 ? '' : 's'}: ${issue.keys.join(', ')}.`;
    case 'not_multiple_of':
      return `Must be a multiple of ${issue.divisor}.`;
    default:
      return undefined;
  }
};

let installed = false;
/** Makes every zod schema of the console speak in these sentences (idempotent). */
export function installHumanErrors(): void {
  if (installed) return;
  z.config({ customError: humanErrorMap });
  installed = true;
}

const serverPatterns: ReadonlyArray<[RegExp, (m: RegExpMatchArray) => string]> = [
  [/^Invalid input: expected (\w+), received (undefined|null)$/i, () => 'Required.'],
  [/^Invalid input: expected (\w+), received \w+$/i, (m) => `Enter ${typeNames[m[1] ?? ''] ?? m[1]}.`],
  [/^Too small: expected string to have >=?1 characters?$/i, () => 'Required.'],
  [/^Too small: expected (\w+) to have >=?(\d+) (\w+)$/i, (m) => `At least ${m[2]} ${m[3]}.`],
  [/^Too big: expected (\w+) to have <=?(\d+) (\w+)$/i, (m) => `At most ${m[2]} ${m[3]}.`],
  [/^Too small: expected number to be >(=?)(-?[\d.]+)$/i, (m) => `Must be ${m[1] === '=' ? 'at least' : 'more than'} ${m[2]}.`],
  [/^Too big: expected number to be <(=?)(-?[\d.]+)$/i, (m) => `Must be ${m[1] === '=' ? 'at most' : 'less than'} ${m[2]}.`],
  [/^Invalid option: expected one of (.+)$/i, (m) => `Choose one of: ${(m[1] ?? '').replaceAll('"', '').split('|').join(', ')}.`],
  [/^Invalid input: expected "(.+)"$/i, (m) => `Must be ${m[1]}.`],
  [/^Invalid string: must match pattern .+$/i, () => 'Not in the expected format.'],
  [/^Invalid (UUID|GUID)$/i, () => 'Enter an id.'],
  [/^Invalid (email address|URL|IPv4 address|IPv6 address|ISO datetime|ISO date)$/i, (m) => `Enter ${formatNames[(m[1] ?? '').toLowerCase().replace(' address', '').replace('iso ', '')] ?? `a valid ${m[1]}`}.`],
  [/^Unrecognized keys?: (.+)$/i, (m) => `Unknown field: ${(m[1] ?? '').replaceAll('"', '')}.`],
];

/**
 * The API's validator texts (zod's defaults) as sentences a person understands; messages the API
 * wrote itself ("not an IPv4 or IPv6 address") pass unchanged.
 */
export function humanMessage(message: string): string {
  for (const [pattern, say] of serverPatterns) {
    const match = pattern.exec(message.trim());
    if (match !== null) return say(match);
  }
  return message;
}
