// Placeholder until the winevent parser lands: every line is reported, nothing is invented.
import { oneIssue, type LineParser, type ParseOrigin } from './line-parser.js';

export function createWinEventLineParser(_origin: ParseOrigin): LineParser {
  return { push: (_line, lineNo) => oneIssue(lineNo, '', 'winevent parsing is not available yet'), end: () => ({ events: [], issues: [] }) };
}
