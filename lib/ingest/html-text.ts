// Telegram's HTML as a tree, and a message's text out of it as the JSON export and the API give
// it. The HTML export (messages.html) and the web preview (t.me/s/<channel>) both write a line
// break as <br>, a link as its text inside <a>, formatting as tags around the text, and an emoji
// as the character itself (the preview inside <i class="emoji"><b>…</b></i>, some pages as an
// <img> whose alt is the character). The markup is read with htmlparser2 only, never with
// patterns over it.
import { DomHandler, DomUtils, ElementType, Parser, type parseDocument } from 'htmlparser2';

export type HtmlDocument = ReturnType<typeof parseDocument>;
export type HtmlNode = HtmlDocument['children'][number];
export type HtmlElement = Parameters<typeof DomUtils.getAttributeValue>[0];
type HtmlText = Extract<HtmlNode, { type: typeof ElementType.Text }>;

/** An element (scripts and styles are elements too). */
export const isElement = (n: { type: string }): n is HtmlElement => ElementType.isTag(n as { type: ElementType.ElementType });
const isText = (n: HtmlNode | HtmlDocument): n is HtmlText => n.type === ElementType.Text;
const isDocument = (n: HtmlNode | HtmlDocument): n is HtmlDocument => n.type === ElementType.Root;

/** The classes of an element, as its class attribute lists them. */
export function classesOf(el: HtmlElement): string[] {
  const c = el.attribs.class;
  return c ? c.split(/[ \t\n\f\r]+/).filter(Boolean) : [];
}

/** Whether an element has every one of the classes. */
export function hasClass(el: HtmlElement, ...names: string[]): boolean {
  const own = classesOf(el);
  return names.every((n) => own.includes(n));
}

/** A test on elements: a tag name with classes ("div.text.bold"), or a function. */
export type Match = string | ((el: HtmlElement) => boolean);

function matcher(m: Match): (el: HtmlElement) => boolean {
  if (typeof m === 'function') return m;
  const [tag, ...classes] = m.split('.');
  return (el) => (tag === '' || el.name === tag) && hasClass(el, ...classes);
}

/** The element children of a node. */
export function childElements(node: HtmlElement | HtmlDocument): HtmlElement[] {
  return node.children.filter((c): c is HtmlElement => isElement(c));
}

/** The first child element that matches. */
export function child(node: HtmlElement | HtmlDocument, m: Match): HtmlElement | null {
  const test = matcher(m);
  return childElements(node).find(test) ?? null;
}

/**
 * The elements under a node that match, in document order, without looking inside the ones
 * `skip` names (a quoted reply, a link preview: their text is not the message's).
 */
export function findAll(node: HtmlElement | HtmlDocument, m: Match, skip?: Match): HtmlElement[] {
  const test = matcher(m);
  const avoid = skip === undefined ? null : matcher(skip);
  const out: HtmlElement[] = [];
  // Depth first with a stack of its own: a page nested deeper than the call stack is still read.
  const stack: HtmlNode[] = [...node.children].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    if (!isElement(n)) continue;
    if (test(n)) out.push(n);
    if (avoid?.(n)) continue;
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return out;
}

/** The first element under a node that matches (see findAll). */
export function findFirst(node: HtmlElement | HtmlDocument, m: Match, skip?: Match): HtmlElement | null {
  return findAll(node, m, skip)[0] ?? null;
}

/**
 * The text of a node (or of a piece of HTML) as Telegram stores it: text as written (entities
 * decoded, spaces kept), a <br> as a line break, an image as its alt text, scripts and styles
 * left out.
 */
export function htmlText(source: string | HtmlNode | HtmlDocument): string {
  let out = '';
  const stack: (HtmlNode | HtmlDocument)[] = [typeof source === 'string' ? parseHtml(source).document : source];
  while (stack.length) {
    const n = stack.pop()!;
    if (isText(n)) out += n.data;
    else if (isElement(n)) {
      if (n.name === 'br') out += '\n';
      else if (n.name === 'img') out += n.attribs.alt ?? '';
      else if (n.name !== 'script' && n.name !== 'style') for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
    } else if (isDocument(n)) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return out;
}

/** A DOM builder that can say which elements are still open: those the input has not closed. */
class OpenHandler extends DomHandler {
  openElements(): HtmlElement[] {
    return this.tagStack.filter((n): n is HtmlElement => isElement(n));
  }
}

/**
 * HTML read as it comes, piece by piece. `take` is handed each element as its end tag is read;
 * an element it takes (it returns true) is removed from the tree, so that memory holds what has
 * not been taken yet rather than the whole page.
 */
export class HtmlStream {
  private readonly handler: OpenHandler;
  private readonly parser: Parser;
  private ended = false;

  constructor(take: (el: HtmlElement) => boolean = () => false) {
    this.handler = new OpenHandler(null, null, (el) => {
      // What the end of the input closes was cut short, not written whole: it is not handed over.
      if (!this.ended && take(el)) DomUtils.removeElement(el);
    });
    this.parser = new Parser(this.handler);
  }

  write(text: string): void {
    this.parser.write(text);
  }

  /** The end of the input: the elements it left open, outermost first (none for a whole page). */
  end(): HtmlElement[] {
    const open = this.handler.openElements();
    this.ended = true;
    this.parser.end();
    return open;
  }

  /** What is left of the tree. */
  get document(): HtmlDocument {
    return this.handler.root;
  }
}

/** A whole page as a tree, with the elements its text left open (none when it is whole). */
export function parseHtml(html: string): { document: HtmlDocument; open: HtmlElement[] } {
  const stream = new HtmlStream();
  stream.write(html);
  const open = stream.end();
  return { document: stream.document, open };
}

/**
 * Whether a text starts as an HTML page does: a doctype or an <html> element first (comments
 * aside). The start of a file is enough; a text that merely has a tag in it is not a page.
 */
export function isHtmlPage(head: string): boolean {
  const { document } = parseHtml(head);
  for (const n of document.children) {
    if ((isText(n) && n.data.trim() === '') || n.type === ElementType.Comment) continue;
    if (n.type === ElementType.Directive) return n.name === '!doctype' && n.data.slice('!doctype'.length).trim().toLowerCase().startsWith('html');
    return isElement(n) && n.name === 'html';
  }
  return false;
}
