/**
 * The text of `body`, or undefined as soon as it passes `max` bytes (what is left is never
 * read: leaving the loop cancels the stream).
 */
export async function readText(
  body: ReadableStream<Uint8Array> | null,
  max: number,
): Promise<string | undefined> {
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let bytes = 0;
  for await (const chunk of body ?? []) {
    bytes += chunk.byteLength;
    if (bytes > max) return undefined;
    chunks.push(chunk as Uint8Array<ArrayBuffer>);
  }
  return new Blob(chunks).text();
}
