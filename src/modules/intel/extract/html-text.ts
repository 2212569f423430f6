import { Parser } from 'htmlparser2';

// Visible text of an HTML page as a reader would see it: no scripts or styles, line breaks at blocks,
// entities decoded, and the targets of links written after their text so that indicators behind a
// link ("<a href=http://evil/>click here</a>") are not lost.

const hidden = new Set(['script', 'style', 'template', 'noscript']);
const blocks = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'dd', 'div', 'dl', 'dt', 'figcaption', 'footer', 'form', 'h1', 'h2',
  'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'title', 'tr', 'ul',
]);
const cells = new Set(['td', 'th']);
const linkTarget = /^(?:https?|ftps?|mailto):/i;

/** Hidden by the page itself: the hidden attribute or an inline style (preheaders in mails, lures). */
function isHiddenElement(attributes: Record<string, string>): boolean {
  if ('hidden' in attributes) return true;
  const style = attributes['style'];
  return style !== undefined && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

export interface HtmlText {
  readonly text: string;
  readonly truncated: boolean;
}

export function htmlToText(html: string, maxChars: number): HtmlText {
  const parts: string[] = [];
  let length = 0;
  let truncated = false;
  let hiddenDepth = 0;
  const openHidden: boolean[] = [];
  let preDepth = 0;
  // Open links: href and the text length when the link opened, to compare with the link's text.
  const links: { href: string | undefined; textStart: number }[] = [];
  let linkText = '';

  const emit = (s: string): void => {
    if (truncated || s === '') return;
    let piece = s;
    if (length + s.length > maxChars) {
      truncated = true;
      piece = s.slice(0, maxChars - length);
    }
    parts.push(piece);
    length += piece.length;
    if (links.length > 0) linkText += piece;
  };

  const parser = new Parser(
    {
      onopentag(name, attributes) {
        // One flag per open element: htmlparser2 closes every element it opened, implied closes included.
        const isHidden = hidden.has(name) || isHiddenElement(attributes);
        openHidden.push(isHidden);
        if (isHidden) hiddenDepth++;
        if (name === 'pre') preDepth++;
        if (blocks.has(name)) emit('\n');
        if (cells.has(name)) emit('\t');
        if (name === 'a' || name === 'area') {
          const href = attributes['href']?.trim();
          links.push({ href: href !== undefined && linkTarget.test(href) && !/\s/.test(href) ? href : undefined, textStart: linkText.length });
        }
      },
      ontext(text) {
        if (hiddenDepth > 0) return;
        emit(preDepth > 0 ? text : text.replace(/[ \t\r\n\f]+/g, ' '));
      },
      onclosetag(name) {
        if (openHidden.pop() === true) hiddenDepth = Math.max(0, hiddenDepth - 1);
        if (name === 'pre') preDepth = Math.max(0, preDepth - 1);
        if ((name === 'a' || name === 'area') && links.length > 0) {
          const link = links.pop();
          const shown = linkText.slice(link?.textStart ?? 0);
          if (links.length === 0) linkText = '';
          const href = link?.href;
          const target = href !== undefined && /^mailto:/i.test(href) ? href.slice(7).replace(/\?.*$/, '') : href;
          if (target !== undefined && target !== '' && !shown.includes(target)) emit(` <${target}>`);
        }
        if (blocks.has(name)) emit('\n');
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  // Line by line: a regexp for trailing blanks backtracks quadratically over long runs of spaces.
  const text = parts
    .join('')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { text, truncated };
}
