/** The highlights painted by the extension, read as a page script could: `CSS.highlights` entries named `alliance-lens--<conceptId>`. */
export interface Painted {
  conceptId: string;
  range: AbstractRange;
}

export function paintedRanges(): Painted[] {
  return [...(CSS.highlights as unknown as Map<string, Set<AbstractRange>>)].flatMap(([name, ranges]) =>
    name.startsWith('alliance-lens--') ? [...ranges].map((range) => ({ conceptId: name.slice('alliance-lens--'.length), range })) : [],
  );
}

/** A painted range as comparable values: the same text nodes and offsets compare equal. */
export const paintedKey = (nodes: Node[], { conceptId, range }: Painted) =>
  `${conceptId}@${nodes.indexOf(range.startContainer)}:${range.startOffset}-${nodes.indexOf(range.endContainer)}:${range.endOffset}`;
