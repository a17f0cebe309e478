import type { StoredMessage } from './mail-store.ts';

// The thread-list filters and search parameters, applied to stored messages. Matching is case-insensitive
// substring matching, which is as much as the docs tell us about the real search.

export interface ListCriteria {
  filter: 'all' | 'seen' | 'unseen' | 'starred';
  contains?: string;
  from?: string;
  to?: string;
  subject?: string;
  withAttachments: boolean;
  /** `sfromdate` / `stodate` (`YYYY-MM-DD HH:MM:SS`, read as UTC: a guess) as ms, on the arrival date. */
  fromDate?: number;
  toDate?: number;
}

/** No filter and no search: every message matches, which list routes can take without looking at one. */
export function matchesEverything(criteria: ListCriteria): boolean {
  return (
    criteria.filter === 'all' &&
    !criteria.contains &&
    !criteria.from &&
    !criteria.to &&
    !criteria.subject &&
    !criteria.withAttachments &&
    criteria.fromDate === undefined &&
    criteria.toDate === undefined
  );
}

/** A day alone means its first second for `sfromdate` and its last for `stodate`. */
function searchDate(value: string | null, dayEdge: 'start' | 'end'): number | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2})?))?$/.exec(value?.trim() ?? '');
  if (!match) return undefined;
  const ms = Date.parse(`${match[1]}T${match[2] ?? (dayEdge === 'start' ? '00:00:00' : '23:59:59.999')}Z`);
  return Number.isNaN(ms) ? undefined : ms;
}

export function criteriaFromQuery(query: URLSearchParams): ListCriteria {
  const filter = query.get('filters');
  const text = (name: string) => query.get(name)?.trim().toLowerCase() || undefined;
  return {
    filter: filter === 'seen' || filter === 'unseen' || filter === 'starred' ? filter : 'all',
    contains: text('scontains'),
    from: text('sfrom'),
    to: text('sto'),
    subject: text('ssubject'),
    withAttachments: query.get('sattachments') === 'yes',
    fromDate: searchDate(query.get('sfromdate'), 'start'),
    toDate: searchDate(query.get('stodate'), 'end'),
  };
}

export async function matchesCriteria(message: StoredMessage, criteria: ListCriteria): Promise<boolean> {
  if (criteria.filter === 'seen' && !message.flags.seen) return false;
  if (criteria.filter === 'unseen' && message.flags.seen) return false;
  if (criteria.filter === 'starred' && !message.flags.flagged) return false;
  if (criteria.fromDate !== undefined && message.arrivedAt < criteria.fromDate) return false;
  if (criteria.toDate !== undefined && message.arrivedAt > criteria.toDate) return false;
  const needsParse = criteria.contains || criteria.from || criteria.to || criteria.subject || criteria.withAttachments;
  if (!needsParse) return true;
  const parsed = await message.content.parse();
  const people = (list: { email: string; name: string }[]) =>
    list
      .map((r) => `${r.name} ${r.email}`)
      .join(' ')
      .toLowerCase();
  const subject = parsed.subject.toLowerCase();
  if (criteria.subject && !subject.includes(criteria.subject)) return false;
  if (criteria.from && !people(parsed.from).includes(criteria.from)) return false;
  if (criteria.to && !people([...parsed.to, ...parsed.cc]).includes(criteria.to)) return false;
  if (criteria.withAttachments && !parsed.attachments.some((a) => a.disposition === 'attachment')) return false;
  if (criteria.contains) {
    const haystack = [
      subject,
      people(parsed.from),
      people(parsed.to),
      people(parsed.cc),
      parsed.text ?? parsed.html ?? '',
    ]
      .join('\n')
      .toLowerCase();
    if (!haystack.includes(criteria.contains)) return false;
  }
  return true;
}
