/**
 * Bytes as an array of this realm. In a Firefox content script, buffers that a Blob hands out (`Blob.arrayBuffer()`,
 * also inside postal-mime) belong to the page's compartment, and code of this realm then fails on views of them
 * ("Permission denied to access property 'constructor'", e.g. from `subarray`): those are copied. A buffer or an
 * array of this realm passes `instanceof` and is used as it is, so the common case costs nothing.
 */
export function ownRealmBytes(content: ArrayBuffer | Uint8Array | string): Uint8Array {
  if (typeof content === 'string') return new TextEncoder().encode(content);
  if (content instanceof ArrayBuffer) return new Uint8Array(content);
  if (content instanceof Uint8Array) return content;
  const view = ArrayBuffer.isView(content) ? content : new Uint8Array(content);
  const copy = new Uint8Array(view.byteLength);
  copy.set(view);
  return copy;
}
