// eslint-disable-next-line no-control-regex -- control characters are exactly what must go
const UNSAFE_IN_FILE_NAMES = /[\u0000-\u001f\u007f/\\:*?"<>|]+/g;
// Content-Disposition values per RFC 6266: an ASCII `filename` for old clients plus `filename*` (RFC 8187,
// UTF-8, percent-encoded) carrying the real name.

export function contentDisposition(type: 'attachment' | 'inline', fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encodeRfc8187(fileName)}`;
}

function encodeRfc8187(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A file name from a subject: no path separators or control characters, never empty. */
export function fileNameFromSubject(subject: string, extension: string, fallback: string): string {
  const base = subject.replace(UNSAFE_IN_FILE_NAMES, '_').replace(/\s+/g, ' ').trim().slice(0, 120);
  return `${base || fallback}.${extension}`;
}
