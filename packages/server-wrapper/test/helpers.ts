/** Small builders shared by the unit tests. */
export const encodeBytesForTest = (bytes: number[]): Uint8Array => Uint8Array.from(bytes);
