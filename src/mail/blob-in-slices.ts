/**
 * A Blob of `bytes`, made a slice at a time with a pause between slices: the browser copies the bytes into a new
 * Blob in one go, 25 MB in 25–40 ms of the page's main thread (55 ms for 34 MB on a machine slow to map fresh
 * memory), one task the page cannot interrupt. The slices' Blobs are then joined without a copy.
 */
export async function blobInSlices(
  bytes: Uint8Array,
  pause: () => Promise<void> | undefined,
  type = '',
): Promise<Blob> {
  if (bytes.length <= BLOB_SLICE_BYTES) return new Blob([bytes as BlobPart], { type });
  const slices: Blob[] = [];
  for (let start = 0; start < bytes.length; start += BLOB_SLICE_BYTES) {
    slices.push(new Blob([bytes.subarray(start, start + BLOB_SLICE_BYTES) as BlobPart]));
    await pause();
  }
  return new Blob(slices, { type });
}

const BLOB_SLICE_BYTES = 4 * 1024 * 1024;
