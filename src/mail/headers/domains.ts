/**
 * Organisational domains (RFC 7489 section 3.2) and DMARC-style alignment.
 *
 * NOT the full Public Suffix List: a browser extension should not ship and update a 250 KB list to
 * explain headers. The compact list below covers the multi-label suffixes common in mail; for any
 * other domain the last two labels are taken, which is right for .com, .ch, .de, .fr and most ccTLDs.
 * The worst a missing suffix can do is call two unrelated domains under it "relaxed-aligned".
 */
import type { AlignmentMode, DomainAlignment } from './types';

// Space-separated per region to keep the list compact and easy to scan.
const MULTI_LABEL_SUFFIXES = new Set(
  [
    // United Kingdom, Commonwealth and Asia-Pacific second levels
    'co.uk org.uk ac.uk gov.uk ltd.uk plc.uk me.uk net.uk sch.uk nhs.uk',
    'com.au net.au org.au edu.au gov.au asn.au id.au co.nz org.nz net.nz govt.nz ac.nz',
    'co.jp ne.jp or.jp ac.jp go.jp gr.jp ad.jp ed.jp lg.jp co.kr or.kr ne.kr go.kr ac.kr',
    'com.cn net.cn org.cn gov.cn edu.cn ac.cn com.hk org.hk net.hk edu.hk gov.hk',
    'com.tw org.tw net.tw edu.tw gov.tw com.sg org.sg net.sg edu.sg gov.sg',
    'co.in net.in org.in gen.in firm.in ind.in ac.in edu.in gov.in co.id or.id ac.id go.id web.id',
    'com.my net.my org.my edu.my gov.my com.ph net.ph org.ph com.vn net.vn edu.vn',
    'co.th in.th ac.th go.th com.pk com.bd com.np com.lk',
    // Africa and the Middle East
    'co.za org.za net.za gov.za ac.za web.za co.il org.il net.il ac.il gov.il muni.il',
    'com.tr net.tr org.tr edu.tr gov.tr gen.tr av.tr bel.tr k12.tr',
    'com.sa com.eg com.ng co.ke or.ke co.tz co.ug com.gh co.ma ac.ae co.ae net.ae org.ae gov.ae',
    // The Americas
    'com.br net.br org.br gov.br edu.br art.br blog.br eco.br ind.br adv.br',
    'com.ar net.ar org.ar gob.ar edu.ar com.mx net.mx org.mx gob.mx edu.mx',
    'com.co net.co org.co gov.co edu.co com.pe org.pe gob.pe com.ve co.ve',
    'com.uy com.py com.ec com.bo qc.ca on.ca bc.ca ab.ca',
    // Europe
    'co.at or.at ac.at gv.at com.pl net.pl org.pl gov.pl edu.pl',
    'com.es org.es nom.es gob.es edu.es com.pt org.pt gov.pt edu.pt',
    'com.gr org.gr gov.gr edu.gr co.hu org.hu com.ro org.ro com.ua org.ua',
    'com.cy com.mt org.mt co.rs org.rs co.me com.hr co.it gov.it edu.it',
    'asso.fr gouv.fr com.fr nom.fr admin.ch gov.ch',
    // Shared hosting and mail platforms where every customer gets a subdomain
    'github.io gitlab.io herokuapp.com netlify.app vercel.app pages.dev workers.dev',
    'blogspot.com wordpress.com azurewebsites.net cloudfront.net appspot.com',
    'firebaseapp.com web.app onmicrosoft.com sharepoint.com myshopify.com',
    'amazonaws.com compute.amazonaws.com s3.amazonaws.com',
  ]
    .join(' ')
    .split(' '),
);

/** "example.org." → "example.org"; a loop, since /\.+$/ backtracks quadratically on long runs of dots. */
export function withoutTrailingDots(domain: string): string {
  let end = domain.length;
  while (end > 0 && domain[end - 1] === '.') end--;
  return domain.slice(0, end);
}

/** The registrable part of a domain: "mail.example.co.uk" → "example.co.uk". */
export function organisationalDomain(domain: string): string {
  const clean = withoutTrailingDots(domain.trim().toLowerCase());
  if (isIpLiteral(clean)) return clean;
  const labels = clean.split('.').filter((label) => label.length > 0);
  if (labels.length <= 2) return labels.join('.');
  // Longest known suffix wins, so "s3.amazonaws.com" beats "amazonaws.com".
  for (let suffixLength = Math.min(labels.length - 1, 3); suffixLength >= 2; suffixLength--) {
    const suffix = labels.slice(-suffixLength).join('.');
    if (MULTI_LABEL_SUFFIXES.has(suffix)) return labels.slice(-(suffixLength + 1)).join('.');
  }
  return labels.slice(-2).join('.');
}

export function isIpLiteral(text: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(text) || (text.includes(':') && /^[0-9a-f:.]+$/i.test(text));
}

/** How `domain` aligns with the From domain: identical, same organisation, or unrelated. */
export function alignmentWith(fromDomain: string, domain: string): DomainAlignment {
  const a = withoutTrailingDots(fromDomain.toLowerCase());
  const b = withoutTrailingDots(domain.toLowerCase());
  let alignment: AlignmentMode = 'none';
  if (a === b) alignment = 'strict';
  else if (organisationalDomain(a) === organisationalDomain(b)) alignment = 'relaxed';
  return { domain: b, alignment };
}

/** True for two domains under different organisations. */
export function differentOrganisations(a: string, b: string): boolean {
  return organisationalDomain(a) !== organisationalDomain(b);
}
