// Per-folder journal behind the delta routes (mobile/activities). The client holds an opaque signature naming
// a point in the journal; asking with it returns what changed since, collapsed per uid.

export type ChangeKind = 'added' | 'deleted' | 'updated';

interface ChangeEntry {
  seq: number;
  kind: ChangeKind;
  uid: number;
}

export interface ChangesSince {
  added: number[];
  deleted: number[];
  updated: number[];
}

export class FolderChangeLog {
  private readonly entries: ChangeEntry[] = [];
  private seq = 0;

  get position(): number {
    return this.seq;
  }

  record(kind: ChangeKind, uid: number): void {
    this.seq += 1;
    this.entries.push({ seq: this.seq, kind, uid });
  }

  /**
   * Net effect since `position`: a uid added then deleted in the window never reaches the client, one added and
   * then changed is simply "added" (the client fetches its current flags anyway).
   */
  since(position: number): ChangesSince {
    const fate = new Map<number, { added: boolean; deleted: boolean; updated: boolean }>();
    for (const entry of this.entries) {
      if (entry.seq <= position) continue;
      const state = fate.get(entry.uid) ?? { added: false, deleted: false, updated: false };
      state[entry.kind] = true;
      fate.set(entry.uid, state);
    }
    const result: ChangesSince = { added: [], deleted: [], updated: [] };
    for (const [uid, state] of fate) {
      if (state.added && state.deleted) continue;
      if (state.added) result.added.push(uid);
      else if (state.deleted) result.deleted.push(uid);
      else if (state.updated) result.updated.push(uid);
    }
    return result;
  }
}
