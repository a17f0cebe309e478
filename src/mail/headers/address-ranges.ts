/**
 * IP address ranges in CIDR notation ("198.51.100.0/24", "2001:db8::/32"), for telling a provider's own
 * servers from the rest of the internet by the address a Received line recorded.
 */

/** The address as bytes: 4 for IPv4, 16 for IPv6; null when it is neither. */
function addressBytes(text: string): number[] | null {
  const ip = text.trim().toLowerCase();
  if (!ip.includes(':')) return ipv4Bytes(ip);
  const halves = ip.split('::');
  if (halves.length > 2) return null;
  const groupsOf = (half: string | undefined): number[] | null => {
    if (!half) return [];
    const bytes: number[] = [];
    const parts = half.split(':');
    for (const [index, part] of parts.entries()) {
      // An IPv4 tail ("::ffff:192.0.2.1") counts as the last two groups.
      if (index === parts.length - 1 && part.includes('.')) {
        const v4 = ipv4Bytes(part);
        if (!v4) return null;
        bytes.push(...v4);
      } else if (/^[0-9a-f]{1,4}$/.test(part)) {
        const group = parseInt(part, 16);
        bytes.push(group >> 8, group & 0xff);
      } else {
        return null;
      }
    }
    return bytes;
  };
  const head = groupsOf(halves[0]);
  const tail = groupsOf(halves[1]);
  if (!head || !tail) return null;
  if (halves.length === 1) return head.length === 16 ? head : null;
  const missing = 16 - head.length - tail.length;
  return missing >= 2 ? [...head, ...new Array<number>(missing).fill(0), ...tail] : null;
}

function ipv4Bytes(text: string): number[] | null {
  if (!/^\d{1,3}(?:\.\d{1,3}){3}$/.test(text)) return null;
  const bytes = text.split('.').map(Number);
  return bytes.every((byte) => byte <= 255) ? bytes : null;
}

/** Whether `ip` lies in `range` ("2001:db8::/32"); false for anything that does not parse. */
export function inAddressRange(ip: string, range: string): boolean {
  const slash = range.lastIndexOf('/');
  const network = addressBytes(slash === -1 ? range : range.slice(0, slash));
  const address = addressBytes(ip);
  if (!network || !address || network.length !== address.length) return false;
  const bits = slash === -1 ? network.length * 8 : Number(range.slice(slash + 1));
  if (!Number.isInteger(bits) || bits < 0 || bits > network.length * 8) return false;
  for (let bit = 0; bit < bits; bit += 8) {
    const width = Math.min(8, bits - bit);
    const mask = (0xff << (8 - width)) & 0xff;
    const byte = bit / 8;
    if (((address[byte] as number) & mask) !== ((network[byte] as number) & mask)) return false;
  }
  return true;
}
