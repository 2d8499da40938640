/**
 * RFC 6587 octet-counting framing, `MSG-LEN SP SYSLOG-MSG`, as RFC 5425 uses
 * over TLS. Chosen over newline framing because a record can never end a
 * frame early: the receiver counts bytes. (The syslog-client npm package
 * frames with a bare newline and no escaping, which let a newline in a value
 * forge a second record in rsyslog; see shared/notes.)
 */
const encoder = new TextEncoder();

export function frameOctetCounted(lines: readonly string[]): Uint8Array {
  const parts = lines.map((l) => {
    const body = encoder.encode(l);
    return [encoder.encode(`${body.length} `), body];
  });
  const total = parts.reduce((n, [h, b]) => n + h!.length + b!.length, 0);
  const out = new Uint8Array(total);
  let off = 0;
  for (const [h, b] of parts) {
    out.set(h!, off);
    out.set(b!, (off += h!.length));
    off += b!.length;
  }
  return out;
}
