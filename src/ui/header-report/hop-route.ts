import type { Hop } from '../../mail';

/** What a hop's line says about who handed the message to whom, as the timeline and the copied text show it. */
export type HopRoute =
  | { kind: 'servers'; from: string | null; fromIp: string | null; by: string | null }
  /** qmail's "(qmail 1234 invoked by uid 89)": programs inside one server, never a host name. */
  | { kind: 'local'; note: string }
  /** A Received line we could not take apart, shown whole rather than as two "unknown server"s. */
  | { kind: 'unparsed'; raw: string };

export function hopRoute(hop: Hop): HopRoute {
  const from = hop.fromHost ?? hop.from;
  const by = hop.byHost ?? hop.by;
  if (from === null && by === null) {
    return hop.localHandover === null ? { kind: 'unparsed', raw: hop.raw } : { kind: 'local', note: hop.localHandover };
  }
  // An address already shown as the host is not repeated in brackets.
  return { kind: 'servers', from, fromIp: hop.fromIp !== null && hop.fromIp !== hop.fromHost ? hop.fromIp : null, by };
}
