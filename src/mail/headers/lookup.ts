/** Case-insensitive access to header fields by name, built once per analysis. */
import type { HeaderField } from '../header-block';
import type { HeaderLookup } from './types';

export function createHeaderLookup(fields: readonly HeaderField[]): HeaderLookup {
  const byName = new Map<string, HeaderField[]>();
  for (const field of fields) {
    const name = field.name.toLowerCase();
    const list = byName.get(name);
    if (list) list.push(field);
    else byName.set(name, [field]);
  }
  return {
    all: (name) => byName.get(name.toLowerCase()) ?? [],
    first: (name) => byName.get(name.toLowerCase())?.[0],
  };
}
