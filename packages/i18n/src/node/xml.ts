import { KomekError } from '@komek/core';
/** A strict reader for the subset of XML 1.0 a translation file uses: no DTDs, no external entities. */

/** An element: name, attributes and children in document order. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: (XmlElement | string)[];
  /** 1-based line of the start tag. */
  line: number;
}

/** An XML syntax error with its 1-based line. */
export class XmlError extends KomekError {
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super('KOMEK_FILE_FORMAT', `XML line ${line}: ${reason}`);
    this.name = 'XmlError';
  }
}

const NAME = /^[A-Za-z_:][\w.:-]*/;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Characters XML 1.0 allows. */
function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/** Escapes text for element content or a double-quoted attribute; throws on characters XML 1.0 cannot hold. */
export function escapeXml(text: string, attribute = false): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (!isXmlChar(cp))
      throw new Error(`character U+${cp.toString(16).toUpperCase().padStart(4, '0')} cannot be written in XML`);
    if (ch === '&') out += '&amp;';
    else if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else if (ch === '"' && attribute) out += '&quot;';
    else if (ch === '\r') out += '&#13;';
    else if (attribute && (ch === '\n' || ch === '\t')) out += `&#${cp};`;
    else out += ch;
  }
  return out;
}

/** Parses a document and returns its root element. */
/** How deep elements may nest in a file Komek reads. */
const MAX_DEPTH = 32;

export function parseXml(source: string): XmlElement {
  // XML normalises line ends before parsing; `&#13;` written by escapeXml survives as a carriage return.
  const text = source.replace(/\r\n?/g, '\n');
  let i = 0;
  let line = 1;
  const fail = (reason: string): never => {
    throw new XmlError(line, reason);
  };
  const advance = (n: number) => {
    for (let k = 0; k < n; k++) if (text[i + k] === '\n') line++;
    i += n;
  };
  const decode = (raw: string): string =>
    raw.replace(/&([^;&\s]*);?/g, (m, ref: string) => {
      if (!m.endsWith(';')) fail(`"&" must be escaped as &amp; (${JSON.stringify(m)})`);
      if (ref in PREDEFINED) return PREDEFINED[ref]!;
      const num = /^#x([0-9A-Fa-f]+)$/.exec(ref) ?? /^#(\d+)$/.exec(ref);
      if (num) {
        const cp = parseInt(num[1]!, ref[1] === 'x' ? 16 : 10);
        if (!isXmlChar(cp)) fail(`character reference ${m} is not allowed in XML`);
        return String.fromCodePoint(cp);
      }
      return fail(`unknown entity ${m}`);
    });
  for (const ch of text)
    if (!isXmlChar(ch.codePointAt(0)!))
      fail(`character U+${ch.codePointAt(0)!.toString(16).toUpperCase()} is not allowed in XML`);

  const skipMisc = () => {
    for (;;) {
      const ws = /^\s*/.exec(text.slice(i))![0];
      advance(ws.length);
      if (text.startsWith('<!--', i)) {
        const end = text.indexOf('-->', i + 4);
        if (end < 0) fail('comment not closed');
        advance(end + 3 - i);
      } else if (text.startsWith('<?', i)) {
        const end = text.indexOf('?>', i + 2);
        if (end < 0) fail('processing instruction not closed');
        const pi = text.slice(i + 2, end);
        const enc = /^xml\s[^]*?encoding\s*=\s*["']([^"']+)["']/.exec(pi);
        if (enc && !/^utf-?8$/i.test(enc[1]!)) fail(`the file declares encoding "${enc[1]}"; only UTF-8 is accepted`);
        advance(end + 2 - i);
      } else if (text.startsWith('<!DOCTYPE', i) || text.startsWith('<!ENTITY', i)) {
        fail('a DOCTYPE is not allowed in a translation file');
      } else return;
    }
  };

  // XLIFF needs five levels; a bound keeps a hostile file's nesting from overflowing the stack.
  const parseElement = (depth: number): XmlElement => {
    if (depth > MAX_DEPTH) fail(`elements nested more than ${MAX_DEPTH} deep`);
    const startLine = line;
    advance(1); // <
    const name = NAME.exec(text.slice(i))?.[0] ?? fail('element name expected');
    advance(name.length);
    const attrs: Record<string, string> = {};
    for (;;) {
      const ws = /^\s*/.exec(text.slice(i))![0];
      advance(ws.length);
      if (text.startsWith('/>', i)) {
        advance(2);
        return { name, attrs, children: [], line: startLine };
      }
      if (text[i] === '>') {
        advance(1);
        break;
      }
      if (ws.length === 0) fail(`space expected before an attribute in <${name}>`);
      const attr = NAME.exec(text.slice(i))?.[0] ?? fail(`attribute name expected in <${name}>`);
      advance(attr.length);
      const eq = /^\s*=\s*/.exec(text.slice(i))?.[0] ?? fail(`"=" expected after ${attr}`);
      advance(eq.length);
      const quote = text[i];
      if (quote !== '"' && quote !== "'") fail(`quoted value expected for ${attr}`);
      const end = text.indexOf(quote!, i + 1);
      if (end < 0) fail(`value of ${attr} not closed`);
      const raw = text.slice(i + 1, end);
      if (raw.includes('<')) fail(`"<" in the value of ${attr}`);
      if (attr in attrs) fail(`attribute ${attr} repeated in <${name}>`);
      // Attribute values normalise white space to spaces (character references excepted).
      attrs[attr] = decode(raw.replace(/[\t\n]/g, ' '));
      advance(end + 1 - i);
    }
    const children: (XmlElement | string)[] = [];
    let textBuf = '';
    const flush = () => {
      if (textBuf !== '') children.push(textBuf);
      textBuf = '';
    };
    for (;;) {
      if (i >= text.length) fail(`<${name}> (line ${startLine}) is not closed`);
      if (text.startsWith('</', i)) {
        const close = /^<\/([A-Za-z_:][\w.:-]*)\s*>/.exec(text.slice(i)) ?? fail('malformed end tag');
        if (close[1] !== name) fail(`</${close[1]}> closes <${name}> (line ${startLine})`);
        advance(close[0].length);
        flush();
        return { name, attrs, children, line: startLine };
      }
      if (text.startsWith('<![CDATA[', i)) {
        const end = text.indexOf(']]>', i);
        if (end < 0) fail('CDATA section not closed');
        textBuf += text.slice(i + 9, end);
        advance(end + 3 - i);
      } else if (text.startsWith('<!--', i)) {
        const end = text.indexOf('-->', i + 4);
        if (end < 0) fail('comment not closed');
        advance(end + 3 - i);
      } else if (text.startsWith('<?', i)) {
        const end = text.indexOf('?>', i + 2);
        if (end < 0) fail('processing instruction not closed');
        advance(end + 2 - i);
      } else if (text.startsWith('<!', i)) {
        fail('declarations are not allowed inside elements');
      } else if (text[i] === '<') {
        flush();
        children.push(parseElement(depth + 1));
      } else {
        const next = text.indexOf('<', i);
        const raw = text.slice(i, next < 0 ? text.length : next);
        if (raw.includes(']]>')) fail('"]]>" must be escaped in text');
        textBuf += decode(raw);
        advance(raw.length);
      }
    }
  };

  skipMisc();
  if (text[i] !== '<') fail('root element expected');
  const root = parseElement(0);
  skipMisc();
  if (i < text.length) fail('content after the root element');
  return root;
}

/** The child elements of an element with a name (namespace prefix ignored). */
export function childElements(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c !== 'string' && c.name.replace(/^.*:/, '') === name);
}

/** The text of an element; undefined when it holds child elements (inline markup). */
export function textOf(el: XmlElement): string | undefined {
  const texts = el.children.filter((c) => typeof c === 'string');
  return texts.length === el.children.length ? texts.join('') : undefined;
}
