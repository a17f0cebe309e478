/**
 * DKIM-Signature (RFC 6376) and the ARC set (RFC 8617): what was signed, by whom, and who sealed
 * the forwarding chain. Nothing is verified cryptographically here (that needs DNS); the report says
 * so, and only a trusted Authentication-Results can say "pass".
 */
import type { HeaderField } from '../header-block';
import { parseAuthenticationResults } from './authentication-results';
import type { ArcChain, ArcInstance, DkimSignature } from './types';

/** A DKIM-style tag list "a=1; b=two": folding whitespace removed from values, tag names lower case. */
export function parseTagList(value: string): Map<string, string> {
  const tags = new Map<string, string>();
  for (const piece of value.split(';')) {
    const equals = piece.indexOf('=');
    if (equals === -1) continue;
    const name = piece.slice(0, equals).trim().toLowerCase();
    // Values such as b= and h= are folded across lines; whitespace inside them carries no meaning.
    const tagValue = piece.slice(equals + 1).replace(/\s+/g, '');
    if (name && !tags.has(name)) tags.set(name, tagValue);
  }
  return tags;
}

export function parseDkimSignature(field: HeaderField): DkimSignature {
  const tags = parseTagList(field.unfolded);
  return {
    headerIndex: field.index,
    version: tags.get('v') ?? null,
    algorithm: tags.get('a') ?? null,
    domain: lowerOrNull(tags.get('d')),
    selector: tags.get('s') ?? null,
    timestamp: integerOrNull(tags.get('t')),
    expiry: integerOrNull(tags.get('x')),
    signedHeaders: (tags.get('h') ?? '')
      .split(':')
      .map((name) => name.trim())
      .filter((name) => name.length > 0),
    bodyHashPresent: (tags.get('bh') ?? '') !== '',
    signaturePresent: (tags.get('b') ?? '') !== '',
  };
}

interface ArcFields {
  seals: readonly HeaderField[];
  messageSignatures: readonly HeaderField[];
  authenticationResults: readonly HeaderField[];
}

// RFC 8617 caps the chain at 50 instances; anything beyond is not an ARC set.
const MAX_ARC_INSTANCE = 50;

export function buildArcChain(fields: ArcFields): ArcChain {
  const instances = new Map<number, ArcInstance>();
  const instanceFor = (number: number): ArcInstance => {
    let instance = instances.get(number);
    if (!instance) {
      instance = { instance: number, seal: null, messageSignature: null, authenticationResults: null };
      instances.set(number, instance);
    }
    return instance;
  };

  for (const field of fields.seals) {
    const tags = parseTagList(field.unfolded);
    const number = instanceNumber(tags.get('i'));
    if (number === null) continue;
    instanceFor(number).seal ??= {
      chainValidation: lowerOrNull(tags.get('cv')),
      domain: lowerOrNull(tags.get('d')),
      selector: tags.get('s') ?? null,
      algorithm: tags.get('a') ?? null,
    };
  }
  for (const field of fields.messageSignatures) {
    const tags = parseTagList(field.unfolded);
    const number = instanceNumber(tags.get('i'));
    if (number === null) continue;
    instanceFor(number).messageSignature ??= { domain: lowerOrNull(tags.get('d')), selector: tags.get('s') ?? null };
  }
  for (const field of fields.authenticationResults) {
    // "i=1; mx.example.net; spf=pass …": the instance tag, then ordinary Authentication-Results syntax.
    const match = /^\s*i\s*=\s*(\d+)\s*;?/i.exec(field.unfolded);
    const number = instanceNumber(match?.[1]);
    if (match === null || number === null) continue;
    const parsed = parseAuthenticationResults(field.unfolded.slice(match[0].length));
    instanceFor(number).authenticationResults ??= { authservId: parsed.authservId, results: parsed.results };
  }

  const ordered = [...instances.values()].sort((a, b) => a.instance - b.instance);
  const complete =
    ordered.length > 0 &&
    ordered.every(
      (instance, position) =>
        instance.instance === position + 1 &&
        instance.seal !== null &&
        instance.messageSignature !== null &&
        instance.authenticationResults !== null,
    );
  return { instances: ordered, complete };
}

function instanceNumber(text: string | undefined): number | null {
  if (text === undefined || !/^\d+$/.test(text)) return null;
  const number = Number(text);
  return number >= 1 && number <= MAX_ARC_INSTANCE ? number : null;
}

function integerOrNull(text: string | undefined): number | null {
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : null;
}

function lowerOrNull(text: string | undefined): string | null {
  return text === undefined || text === '' ? null : text.toLowerCase();
}
