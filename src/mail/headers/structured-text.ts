/**
 * The small lexical pieces RFC 5322 structured headers share: comments (which nest and may contain
 * escaped characters), quoted strings, and splitting on a separator outside of both.
 * Every function is a single forward scan, so hostile input costs linear time.
 */

export interface Scanned {
  /** The content without delimiters, escapes resolved. */
  text: string;
  /** Index just past the closing delimiter (or the end of input when it is missing). */
  end: number;
}

/** Reads a comment starting at `start` (which must be "("); nested comments are kept inside the text. */
export function readComment(input: string, start: number): Scanned {
  // Text is collected as slices between escapes: per-character concatenation is slow on huge headers.
  const parts: string[] = [];
  let depth = 0;
  let segment = start + 1;
  for (let i = start; i < input.length; i++) {
    const char = input[i];
    if (char === '\\' && i + 1 < input.length) {
      parts.push(input.slice(segment, i));
      segment = i + 1; // the escaped character starts the next slice
      i++;
    } else if (char === '(') {
      depth++;
    } else if (char === ')') {
      depth--;
      if (depth === 0) {
        parts.push(input.slice(segment, i));
        return { text: parts.join(''), end: i + 1 };
      }
    }
  }
  parts.push(input.slice(segment));
  return { text: parts.join(''), end: input.length };
}

/** Reads a quoted string starting at `start` (which must be a double quote). */
export function readQuoted(input: string, start: number): Scanned {
  const parts: string[] = [];
  let segment = start + 1;
  for (let i = start + 1; i < input.length; i++) {
    const char = input[i];
    if (char === '\\' && i + 1 < input.length) {
      parts.push(input.slice(segment, i));
      segment = i + 1;
      i++;
    } else if (char === '"') {
      parts.push(input.slice(segment, i));
      return { text: parts.join(''), end: i + 1 };
    }
  }
  parts.push(input.slice(segment));
  return { text: parts.join(''), end: input.length };
}

/**
 * Splits on `separator` where it is not inside a comment, a quoted string or (optionally) angle
 * brackets. Pieces are returned untrimmed, with their comments and quotes intact.
 */
export function splitOutside(input: string, separator: string, options: { angles?: boolean } = {}): string[] {
  const pieces: string[] = [];
  let pieceStart = 0;
  let inAngles = false;
  for (let i = 0; i < input.length; i++) {
    const char = input[i];
    if (char === '(') {
      i = readComment(input, i).end - 1;
    } else if (char === '"') {
      i = readQuoted(input, i).end - 1;
    } else if (options.angles && char === '<') {
      inAngles = true;
    } else if (options.angles && char === '>') {
      inAngles = false;
    } else if (char === separator && !inAngles) {
      pieces.push(input.slice(pieceStart, i));
      pieceStart = i + 1;
    }
  }
  pieces.push(input.slice(pieceStart));
  return pieces;
}

/** The input with every top-level comment removed (each replaced by a space). */
export function stripComments(input: string): string {
  if (!input.includes('(')) return input;
  const parts: string[] = [];
  let segment = 0;
  for (let i = 0; i < input.length; i++) {
    const char = input[i];
    if (char === '(') {
      parts.push(input.slice(segment, i), ' ');
      i = readComment(input, i).end - 1;
      segment = i + 1;
    } else if (char === '"') {
      i = readQuoted(input, i).end - 1;
    }
  }
  parts.push(input.slice(segment));
  return parts.join('');
}

/**
 * The input with every comment's text (parentheses included) replaced by spaces of the same length,
 * so positions found in the result are positions in the input.
 */
export function blankComments(input: string): string {
  if (!input.includes('(')) return input;
  const parts: string[] = [];
  let segment = 0;
  for (let i = 0; i < input.length; i++) {
    if (input[i] === '(') {
      const end = readComment(input, i).end;
      parts.push(input.slice(segment, i), ' '.repeat(end - i));
      i = end - 1;
      segment = end;
    }
  }
  parts.push(input.slice(segment));
  return parts.join('');
}

/** The contents of every top-level comment, in order. */
export function collectComments(input: string): string[] {
  const comments: string[] = [];
  for (let i = 0; i < input.length; i++) {
    const char = input[i];
    if (char === '(') {
      const comment = readComment(input, i);
      comments.push(comment.text.trim());
      i = comment.end - 1;
    } else if (char === '"') {
      i = readQuoted(input, i).end - 1;
    }
  }
  return comments;
}
