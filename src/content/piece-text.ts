import { formats } from './channels.js';
import type { ContentPiece } from './types.js';

/** A piece as one text: its fields in the format's order, separated by blank lines. */
export function pieceText(piece: ContentPiece): string {
  return formats[piece.format].fields
    .map((f) => piece.fields[f.name] ?? '')
    .filter((t) => t !== '')
    .join('\n\n');
}
