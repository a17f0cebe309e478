import { describe, expect, it } from 'vitest';
import { compareVersions, RELEASE_NOTES, releaseNotesSince, updatedFrom, whatsNewPath } from './release-notes';

describe('release notes', () => {
  it('compare versions number by number, as browsers do', () => {
    expect(compareVersions('0.10.0', '0.9.1')).toBe(1);
    expect(compareVersions('1.2', '1.2.0')).toBe(0);
    expect(compareVersions('1.2.0', '1.2.1')).toBe(-1);
  });

  it('are those after the previous version up to the installed one, newest first', () => {
    const newest = RELEASE_NOTES[0]!;
    expect(releaseNotesSince('0.0.1', newest.version)).toEqual(RELEASE_NOTES.flatMap(({ notes }) => notes));
    expect(releaseNotesSince(newest.version, newest.version)).toEqual([]);
    expect(releaseNotesSince('0.0.1', '0.0.2')).toEqual([]);
  });

  it('keep the newest version first', () => {
    const versions = RELEASE_NOTES.map(({ version }) => version);
    expect([...versions].sort((a, b) => compareVersions(b, a))).toEqual(versions);
  });

  it('travel to the page in its address: the version updated from', () => {
    expect(updatedFrom(new URL(`chrome-extension://x${whatsNewPath('0.9.1')}`).search)).toBe('0.9.1');
    expect(updatedFrom('')).toBeNull();
  });
});
