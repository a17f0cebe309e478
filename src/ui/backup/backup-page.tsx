import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { BackupFormat, BackupMailbox, BackupSelection } from '../../backup';
import {
  backupFolderName,
  browserStorageFolder,
  browserStorageWritable,
  storageRoom,
  type StorageRoom,
} from '../../backup/browser-storage';
import { canPickFolder, mayWriteTo, pickFolder } from '../../backup/picked-folder';
import { rememberBackup, rememberedBackup, type RememberedBackup } from '../../backup/remembered-backup';
import type { UserFacingError } from '../../features/shared/user-facing-error';
import type { KsuiteApiClient } from '../../ksuite/api-client';
import { t } from '../../i18n';
import { BrandMark } from '../brand-mark';
import { backupApi } from './backup-api';
import { describeBackupError } from './backup-errors';
import { DateRangeFields, FormatChoice } from './backup-options';
import { BackupResult } from './backup-result';
import type { BackupEngine } from './backup-run';
import { BrowserStorageSave } from './browser-storage-save';
import { ChooseSummary } from './choose-summary';
import { everyFolder, rangeIsBackwards, selectionOf, type ChosenFolders, type DateRange } from './chosen-folders';
import { DestinationPanel } from './destination-panel';
import { noticeBackupEnd } from './end-notice';
import { ProgressPanel } from './progress-panel';
import { RememberedOffer } from './remembered-offer';
import { SourceTree } from './source-tree';
import { useBackupRun } from './use-backup-run';
import './backup.css';

type Sources =
  | { kind: 'loading' }
  | { kind: 'error'; error: UserFacingError }
  | { kind: 'ready'; api: KsuiteApiClient; mailboxes: BackupMailbox[] };

/**
 * The backup page: choose mailboxes, folders, days and format, then where to; follow the backup; read the proof.
 * It only shows and asks: the engine (handed in, so tests can hand in a fake) lists, fetches and writes.
 */
export function BackupPage({ engine }: { engine: BackupEngine }) {
  const locale = browser.i18n.getUILanguage();
  const [sources, setSources] = useState<Sources>({ kind: 'loading' });
  const [chosen, setChosen] = useState<ChosenFolders>(new Map());
  const [range, setRange] = useState<DateRange>({ from: '', to: '' });
  const [format, setFormat] = useState<BackupFormat>('eml');
  // Fixed for the page's life: a browser either has the folder picker or it does not.
  const [route] = useState<'picked' | 'browser'>(() => (canPickFolder() ? 'picked' : 'browser'));
  const [storageWritable] = useState(() => route === 'picked' || browserStorageWritable());
  const [picked, setPicked] = useState<FileSystemDirectoryHandle | null>(null);
  const [room, setRoom] = useState<StorageRoom | null>(null);
  const [remembered, setRemembered] = useState<RememberedBackup | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const current = useRef<RememberedBackup | null>(null);
  const [reload, setReload] = useState(0);

  const backup = useBackupRun(engine, (ended) => {
    const record = current.current;
    if (record && ended.phase === 'ended' && !ended.cancelled) {
      const finished = { ...record, finished: true };
      current.current = finished;
      setRemembered(finished);
      void rememberBackup(finished).catch(() => undefined);
    }
    if (!(ended.phase === 'ended' && ended.cancelled)) {
      void noticeBackupEnd(ended.phase === 'ended' ? ended.report : null);
    }
  });

  useEffect(() => {
    const controller = new AbortController();
    setSources({ kind: 'loading' });
    void (async () => {
      try {
        const api = await backupApi();
        const mailboxes = await engine.listBackupSources(api, controller.signal);
        setChosen(everyFolder(mailboxes));
        setSources({ kind: 'ready', api, mailboxes });
      } catch (error) {
        if (!controller.signal.aborted) setSources({ kind: 'error', error: describeBackupError(error) });
      }
    })();
    return () => controller.abort();
  }, [engine, reload]);

  useEffect(() => {
    void rememberedBackup().then(setRemembered);
    if (route === 'browser') void storageRoom().then(setRoom);
  }, [route]);

  const run = async (record: RememberedBackup) => {
    if (sources.kind !== 'ready') return;
    setProblem(null);
    current.current = record;
    await rememberBackup(record).catch(() => undefined);
    setRemembered(record);
    backup.start({ api: sources.api, destination: record.folder, selection: record.selection });
  };

  const startNew = async () => {
    if (sources.kind !== 'ready') return;
    const selection: BackupSelection = selectionOf(chosen, sources.mailboxes, format, range);
    const startedAt = new Date();
    try {
      const folder = route === 'picked' ? picked : await browserStorageFolder(backupFolderName(startedAt));
      if (!folder) return;
      await run({ where: route, folder, selection, startedAt: startedAt.toISOString(), finished: false });
    } catch (error) {
      setProblem(describeBackupError(error).text);
    }
  };

  // From the click itself: the browser asks again for a remembered folder only in answer to one.
  const continueRemembered = async (record: RememberedBackup) => {
    try {
      if (record.where === 'picked' && !(await mayWriteTo(record.folder))) {
        setProblem(t('backup_errorNotAllowed'));
        return;
      }
      await run({ ...record, finished: false });
    } catch (error) {
      setProblem(describeBackupError(error).text);
    }
  };

  const choose = async () => {
    try {
      const folder = await pickFolder();
      if (folder) setPicked(folder);
    } catch (error) {
      setProblem(describeBackupError(error).text);
    }
  };

  const view = backup.view;
  const running = view?.phase === 'running';
  const total = sources.kind === 'ready' ? selectionOf(chosen, sources.mailboxes, format, range) : null;
  const canStart =
    sources.kind === 'ready' &&
    total !== null &&
    total.mailboxes.length > 0 &&
    !rangeIsBackwards(range) &&
    (route === 'browser' ? storageWritable : picked !== null);

  return (
    <main class="page backup">
      <header class="backup-header">
        <h1>
          <BrandMark size={24} />
          {t('backupTitle')}
        </h1>
        <p>{t('backup_intro')}</p>
      </header>
      {problem && (
        <p class="backup-problem" role="alert" data-testid="backup-problem">
          {problem}
        </p>
      )}

      {view === null && (
        <>
          {remembered?.where === route && sources.kind === 'ready' && (
            <RememberedOffer
              remembered={remembered}
              locale={locale}
              onContinue={() => void continueRemembered(remembered)}
            />
          )}
          {remembered?.finished && remembered.where === 'browser' && route === 'browser' && (
            <BrowserStorageSave
              folder={remembered.folder}
              format={remembered.selection.format}
              locale={locale}
              onRemoved={() => setRemembered(null)}
            />
          )}
          <div class="backup-choose">
            <section class="backup-panel backup-sources">
              <h2>{t('backup_sources')}</h2>
              {sources.kind === 'loading' && <p data-testid="backup-loading">{t('backup_loading')}</p>}
              {sources.kind === 'error' && (
                <div class="backup-problem" role="alert" data-testid="backup-sources-error">
                  <p>{sources.error.text}</p>
                  {sources.error.signInUrl && (
                    <a href={sources.error.signInUrl} target="_blank" rel="noopener">
                      {t('backup_openWebmail')}
                    </a>
                  )}{' '}
                  <button type="button" class="button" onClick={() => setReload((n) => n + 1)}>
                    {t('backup_tryAgain')}
                  </button>
                </div>
              )}
              {sources.kind === 'ready' && (
                <SourceTree mailboxes={sources.mailboxes} chosen={chosen} onChange={setChosen} locale={locale} />
              )}
            </section>
            <div class="backup-side">
              <FormatChoice format={format} onChange={setFormat} />
              <DateRangeFields range={range} onChange={setRange} />
              <DestinationPanel
                route={route}
                picked={picked}
                onPick={() => void choose()}
                room={room}
                locale={locale}
                cannotWrite={!storageWritable}
              />
              {sources.kind === 'ready' && (
                <ChooseSummary chosen={chosen} mailboxes={sources.mailboxes} range={range} locale={locale} />
              )}
              <button
                type="button"
                class="button primary backup-start"
                data-testid="backup-start"
                disabled={!canStart}
                onClick={() => void startNew()}
              >
                {t('backup_start')}
              </button>
            </div>
          </div>
        </>
      )}

      {running && (
        <ProgressPanel
          progress={view.progress}
          locale={locale}
          onPause={backup.pause}
          onResume={backup.resume}
          onCancel={backup.cancel}
        />
      )}

      {view?.phase === 'ended' && (
        <BackupResult
          report={view.report}
          cancelled={view.cancelled}
          problem={view.progress?.state === 'failed' ? (view.progress.error ?? t('backup_stopped')) : undefined}
          locale={locale}
          onAgain={backup.retryMissing}
        />
      )}
      {view && view.phase !== 'running' && current.current?.where === 'picked' && (
        <p class="backup-where" data-testid="backup-where">
          {t('backup_whereItIs', current.current.folder.name)}
        </p>
      )}
      {view?.phase === 'failed' && (
        <section class="backup-panel" data-testid="backup-failed">
          <h2>{t('backup_stopped')}</h2>
          <p class="backup-problem" role="alert">
            {describeBackupError(view.error).text}
          </p>
          <div class="backup-actions">
            <button type="button" class="button primary" onClick={backup.again}>
              {t('backup_resume')}
            </button>
          </div>
        </section>
      )}
      {view && view.phase !== 'running' && current.current?.where === 'browser' && (
        <BrowserStorageSave
          folder={current.current.folder}
          format={current.current.selection.format}
          locale={locale}
          onRemoved={() => {
            current.current = null;
            setRemembered(null);
            backup.clear();
          }}
        />
      )}
      {view && view.phase !== 'running' && (
        <div class="backup-actions">
          <button type="button" class="button" data-testid="backup-back" onClick={backup.clear}>
            {t('backup_backToChoice')}
          </button>
        </div>
      )}
    </main>
  );
}
