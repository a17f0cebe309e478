import { formatDuration, type Hop, type HopTrace } from '../../mail';
import { ReportSection } from './report-section';
import { t } from '../../i18n';
import { delayBarPercents } from './delay-scale';
import { formatInstant } from './format';
import { hopRoute } from './hop-route';
import { uiLanguage } from './report-text';

/**
 * The delivery path, oldest hop first: who handed the message to whom, how, when, and a bar per hop whose length
 * is that step's delay (see `delayBarPercents` for the scale). A step dated before the previous one keeps its negative delay
 * and is flagged as clock skew, because a wrong clock is itself worth seeing.
 */
export function HopTimeline({ hops }: { hops: HopTrace }) {
  const widths = delayBarPercents(hops.hops.map((hop) => hop.delaySeconds));
  return (
    <ReportSection title={t('report_hops_title')}>
      {hops.hops.length === 0 ? (
        <p class="hr-empty">{t('report_no_hops')}</p>
      ) : (
        <>
          <p class="hr-intro">{t('report_hops_intro')}</p>
          <ol class="hr-hops">
            {hops.hops.map((hop, index) => (
              <HopRow key={hop.headerIndex} hop={hop} width={widths[index] ?? null} />
            ))}
          </ol>
          <p
            class={`hr-total${hops.totalSeconds !== null && hops.totalSeconds < 0 ? ' hr-tone-caution' : ''}`}
            data-testid="total-delay"
            data-seconds={hops.totalSeconds === null ? '' : String(hops.totalSeconds)}
          >
            {hops.totalSeconds === null
              ? t('report_total_unknown')
              : t('report_total_delay', formatDuration(hops.totalSeconds))}
          </p>
        </>
      )}
    </ReportSection>
  );
}

function HopRow({ hop, width }: { hop: Hop; width: number | null }) {
  const when = hop.date && formatInstant(hop.date.epochMs, uiLanguage());
  const route = hopRoute(hop);
  return (
    <li
      class={`hr-hop${hop.clockSkew ? ' hr-hop-skew' : ''}${hop.entry ? ' hr-hop-entry' : ''}`}
      data-testid="hop"
      data-delay-seconds={hop.delaySeconds === null ? '' : String(hop.delaySeconds)}
    >
      {/* The list itself tells assistive technology the position; the visible number is for the eye. */}
      <span class="hr-hop-number" aria-hidden="true">
        {hop.number}
      </span>
      <div class="hr-hop-main">
        {route.kind === 'unparsed' ? (
          <p class="hr-hop-route hr-mono">{route.raw}</p>
        ) : route.kind === 'local' ? (
          <p class="hr-hop-route hr-hop-local" data-testid="hop-local">
            <span>{t('report_hop_local_handover')}</span>
            <span class="hr-aside hr-mono">{route.note}</span>
          </p>
        ) : (
          <p class="hr-hop-route">
            <span class="hr-host">{route.from ?? t('report_hop_unknown_host')}</span>
            {route.fromIp && <span class="hr-ip">[{route.fromIp}]</span>}
            <span class="hr-arrow" aria-hidden="true">
              →
            </span>
            <span class="hr-sr">{t('report_hop_handed_to')}</span>
            <span class="hr-host">{route.by ?? t('report_hop_unknown_host')}</span>
          </p>
        )}
        <p class="hr-hop-meta">
          {hop.with && <span class="hr-tag">{hop.with}</span>}
          <span title={hop.date?.text}>{when ?? hop.date?.text ?? t('report_hop_no_date')}</span>
          {hop.entry && <span class="hr-tag hr-tag-accent">{t('report_hop_entry')}</span>}
        </p>
      </div>
      <HopDelay hop={hop} width={width} />
    </li>
  );
}

function HopDelay({ hop, width }: { hop: Hop; width: number | null }) {
  if (hop.delaySeconds === null) {
    return (
      <div class="hr-delay">
        <span class="hr-delay-label hr-muted">{hop.number === 1 ? t('report_hop_first') : '—'}</span>
      </div>
    );
  }
  return (
    <div class="hr-delay" title={hop.clockSkew ? t('report_hop_clock_skew_help') : undefined}>
      <span class="hr-delay-label">
        {hop.clockSkew ? formatDuration(hop.delaySeconds) : `+${formatDuration(hop.delaySeconds)}`}
        {hop.clockSkew && <span class="hr-skew-flag">{t('report_hop_clock_skew')}</span>}
      </span>
      <span class="hr-bar-track" aria-hidden="true">
        <span class="hr-bar" style={{ width: `${width ?? 0}%` }} />
      </span>
    </div>
  );
}
