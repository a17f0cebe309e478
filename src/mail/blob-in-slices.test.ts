import { describe, expect, it } from 'vitest';
import { blobInSlices } from './blob-in-slices';

describe('blobInSlices', () => {
  it('holds the same bytes and type, made in 4 MB slices with a pause after each', async () => {
    const bytes = Uint8Array.from({ length: 9 * 1024 * 1024 + 5 }, (_, i) => (i * 31 + (i >> 12)) & 0xff);
    let pauses = 0;
    const blob = await blobInSlices(bytes, () => void pauses++, 'message/rfc822');
    expect(blob.type).toBe('message/rfc822');
    expect(Buffer.from(await blob.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
    expect(pauses).toBe(3);
  });

  it('makes a small Blob in one go', async () => {
    let pauses = 0;
    const blob = await blobInSlices(new Uint8Array([1, 2, 3]), () => void pauses++);
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
    expect(pauses).toBe(0);
  });
});
