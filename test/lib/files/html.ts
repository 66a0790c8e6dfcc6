import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** A parsed element: tag name, attributes, children (fast-xml-parser's preserveOrder tree, simplified). */
export interface Element {
	tag: string;
	attributes: Record<string, string>;
	children: Element[];
	text: string;
}

/** Parses a (polyglot) HTML document strictly as XML; throws with the parser's message when it is not well-formed. */
export function parseStrict(markup: string): Element {
	const validation = XMLValidator.validate(markup);
	if (validation !== true) throw new Error(`not well-formed: ${JSON.stringify(validation.err)}`);
	const parser = new XMLParser({
		preserveOrder: true,
		ignoreAttributes: false,
		attributeNamePrefix: '',
		processEntities: true,
		htmlEntities: true,
	});
	const tree = parser.parse(markup) as unknown[];
	return { tag: '#document', attributes: {}, children: toElements(tree), text: '' };
}

function toElements(nodes: unknown[]): Element[] {
	const elements: Element[] = [];
	for (const node of nodes as Record<string, unknown>[]) {
		const tag = Object.keys(node).find((key) => key !== ':@');
		if (tag === undefined || tag === '#text' || tag.startsWith('!') || tag.startsWith('?'))
			continue;
		const children = toElements(node[tag] as unknown[]);
		const ownText = (node[tag] as Record<string, unknown>[])
			.filter((child) => '#text' in child)
			.map((child) => String(child['#text']))
			.join('');
		elements.push({
			tag,
			attributes: (node[':@'] as Record<string, string>) ?? {},
			children,
			text: ownText + children.map((child) => child.text).join(''),
		});
	}
	return elements;
}

/** Every descendant element matching the predicate. */
export function findAll(root: Element, match: (element: Element) => boolean): Element[] {
	const found: Element[] = [];
	const visit = (element: Element) => {
		if (match(element)) found.push(element);
		element.children.forEach(visit);
	};
	root.children.forEach(visit);
	return found;
}

export const byTag = (tag: string) => (element: Element) => element.tag === tag;
export const byClass = (tag: string, className: string) => (element: Element) =>
	element.tag === tag && (element.attributes.class ?? '').split(/\s+/).includes(className);
export const byId = (id: string) => (element: Element) => element.attributes.id === id;
