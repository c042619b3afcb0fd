/**
 * Very long text nodes (a 10 MB log or transcript in one node) are cut into
 * pieces of at most PIECE_CHARS at whitespace, so matching and wrapping work
 * on bounded strings and fit in short tasks; stop() joins them back into the
 * original node, whose identity pages may rely on.
 */
export const PIECE_CHARS = 32_768;
/** Text nodes longer than this are matched (for counts) but not wrapped: see WalkOptions.readOnlyAbove. */
export const READ_ONLY_CHARS = 1_000_000;

/** Piece nodes → the original node they were cut from. */
const pieceOf = new WeakMap<Text, Text>();

/** Where to cut `data` near `at`: after the last whitespace before it (or at `at` when there is none nearby). */
function cutNear(data: string, from: number, at: number): number {
  const space = data.lastIndexOf(' ', at);
  if (space > from + PIECE_CHARS / 2) return space + 1;
  const newline = data.lastIndexOf('\n', at);
  return newline > from + PIECE_CHARS / 2 ? newline + 1 : at;
}

/**
 * Cuts `node` into pieces (in O(length), with one insertion) and returns all
 * of them, `node` first. Nodes no longer than PIECE_CHARS are returned as is.
 */
export function cutLargeText(node: Text): Text[] {
  const data = node.data;
  if (data.length <= PIECE_CHARS || !node.parentNode) return [node];
  const bounds: number[] = [0];
  for (let from = 0; data.length - from > PIECE_CHARS; ) {
    from = cutNear(data, from, from + PIECE_CHARS);
    bounds.push(from);
  }
  bounds.push(data.length);
  const doc = node.ownerDocument;
  const fragment = doc.createDocumentFragment();
  const pieces = [node];
  for (let i = 1; i < bounds.length - 1; i++) {
    const piece = doc.createTextNode(data.slice(bounds[i], bounds[i + 1]));
    pieceOf.set(piece, node);
    pieces.push(piece);
    fragment.append(piece);
  }
  node.parentNode.insertBefore(fragment, node.nextSibling);
  node.data = data.slice(0, bounds[1]);
  return pieces;
}

/** Joins the pieces that follow `node` back into it (after the marks in them were unwrapped). */
export function joinPieces(node: Text) {
  const parts = [node.data];
  const pieces: Text[] = [];
  for (let n = node.nextSibling; n && n.nodeType === 3 && pieceOf.get(n as Text) === node; n = n.nextSibling) {
    parts.push((n as Text).data);
    pieces.push(n as Text);
  }
  if (!pieces.length) return;
  for (const p of pieces) p.remove();
  node.data = parts.join('');
}
