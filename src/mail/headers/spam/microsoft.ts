/**
 * Microsoft 365 / Exchange Online Protection: X-Forefront-Antispam-Report ("CIP:…;CTRY:…;SCL:1;
 * SFV:NSPM;…"), the bulk level in X-Microsoft-Antispam ("BCL:0;") and X-MS-Exchange-Organization-SCL.
 * Field meanings follow Microsoft's public documentation of these headers.
 */
import { reportText, type HeaderMessageKey } from '../messages';
import type { HeaderLookup, SpamDecoder, SpamDetail, SpamVerdict } from '../types';

// Maps rather than object literals: header text such as "constructor" must not reach Object.prototype.
const FIELD_LABELS = new Map<string, HeaderMessageKey>(
  Object.entries({
    CIP: 'hdr_spam_ms_cip',
    CTRY: 'hdr_spam_ms_ctry',
    LANG: 'hdr_spam_ms_lang',
    SCL: 'hdr_spam_ms_scl',
    SFV: 'hdr_spam_ms_sfv',
    IPV: 'hdr_spam_ms_ipv',
    H: 'hdr_spam_ms_h',
    PTR: 'hdr_spam_ms_ptr',
    CAT: 'hdr_spam_ms_cat',
    SRV: 'hdr_spam_ms_srv',
    SFTY: 'hdr_spam_ms_sfty',
    DIR: 'hdr_spam_ms_dir',
    BCL: 'hdr_spam_ms_bcl',
    PCL: 'hdr_spam_ms_pcl',
    SFS: 'hdr_spam_ms_sfs',
  }),
);

const SFV_MEANINGS = new Map<string, HeaderMessageKey>(
  Object.entries({
    SPM: 'hdr_spam_sfv_spm',
    SKS: 'hdr_spam_sfv_sks',
    NSPM: 'hdr_spam_sfv_nspm',
    BLK: 'hdr_spam_sfv_blk',
    SKA: 'hdr_spam_sfv_ska',
    SKB: 'hdr_spam_sfv_skb',
    SKN: 'hdr_spam_sfv_skn',
    SKI: 'hdr_spam_sfv_ski',
    SKQ: 'hdr_spam_sfv_skq',
    SFE: 'hdr_spam_sfv_sfe',
  }),
);

const CAT_MEANINGS = new Map<string, HeaderMessageKey>(
  Object.entries({
    BULK: 'hdr_spam_cat_bulk',
    DIMP: 'hdr_spam_cat_dimp',
    GIMP: 'hdr_spam_cat_gimp',
    HPHSH: 'hdr_spam_cat_hphsh',
    HPHISH: 'hdr_spam_cat_hphsh',
    HSPM: 'hdr_spam_cat_hspm',
    MALW: 'hdr_spam_cat_malw',
    PHSH: 'hdr_spam_cat_phsh',
    SPM: 'hdr_spam_cat_spm',
    SPOOF: 'hdr_spam_cat_spoof',
    UIMP: 'hdr_spam_cat_uimp',
    AMP: 'hdr_spam_cat_amp',
    SAP: 'hdr_spam_cat_sap',
    OSPM: 'hdr_spam_cat_ospm',
    NONE: 'hdr_spam_cat_none',
  }),
);

const SPAM_SFV = new Set(['SPM', 'SKS', 'BLK', 'SKB']);
const CLEAN_SFV = new Set(['NSPM', 'SKA', 'SFE', 'SKN', 'SKI', 'SKQ']);
const SPAM_CATEGORIES = new Set([
  'DIMP',
  'GIMP',
  'HPHSH',
  'HPHISH',
  'HSPM',
  'MALW',
  'PHSH',
  'SPM',
  'SPOOF',
  'UIMP',
  'AMP',
  'SAP',
  'OSPM',
]);
const SCL_SPAM = 5;
const BCL_BULK = 7;

export const microsoftDecoder: SpamDecoder = {
  id: 'microsoft',
  decode(headers: HeaderLookup) {
    const report = headers.first('X-Forefront-Antispam-Report');
    const antispam = headers.first('X-Microsoft-Antispam');
    const organisationScl = headers.first('X-MS-Exchange-Organization-SCL');
    if (!report && !antispam && !organisationScl) return null;

    // X-Microsoft-Antispam carries much else (ARA, internal ids) that helps no reader: only its levels.
    const levels = parseFields(antispam?.unfolded ?? '').filter(([name]) => name === 'BCL' || name === 'PCL');
    const fields = new Map<string, string>([...parseFields(report?.unfolded ?? ''), ...levels]);
    if (!fields.has('SCL') && organisationScl) fields.set('SCL', organisationScl.unfolded.trim());

    const details: SpamDetail[] = [];
    for (const [name, value] of fields) {
      const label = FIELD_LABELS.get(name);
      details.push({
        label: label ? reportText(label) : reportText('hdr_spam_detail_other', name),
        value,
        meaning: meaningOf(name, value),
      });
    }

    const scl = integerOrNull(fields.get('SCL'));
    return {
      name: reportText('hdr_spam_source_microsoft'),
      verdict: judge(fields, scl),
      score: scl,
      threshold: scl === null ? null : SCL_SPAM,
      details,
      headers: [report, antispam, organisationScl].filter((field) => field !== undefined).map((field) => field.name),
    };
  },
};

/** "KEY:value;KEY:value" — values may themselves contain ":" (IPv6 addresses), so split on the first. */
function parseFields(text: string): [string, string][] {
  const fields: [string, string][] = [];
  for (const piece of text.split(';')) {
    const colon = piece.indexOf(':');
    if (colon <= 0) continue;
    fields.push([piece.slice(0, colon).trim().toUpperCase(), piece.slice(colon + 1).trim()]);
  }
  return fields;
}

function judge(fields: Map<string, string>, scl: number | null): SpamVerdict {
  const sfv = fields.get('SFV')?.toUpperCase() ?? '';
  const category = fields.get('CAT')?.toUpperCase() ?? '';
  const bcl = integerOrNull(fields.get('BCL'));
  if (SPAM_SFV.has(sfv) || SPAM_CATEGORIES.has(category) || (scl !== null && scl >= SCL_SPAM)) return 'spam';
  if ((bcl !== null && bcl >= BCL_BULK) || category === 'BULK' || fields.get('SRV')?.toUpperCase() === 'BULK')
    return 'suspicious';
  if (scl !== null && scl >= 2) return 'suspicious';
  if (CLEAN_SFV.has(sfv) || (scl !== null && scl <= 1)) return 'clean';
  return 'unknown';
}

function meaningOf(name: string, value: string): ReturnType<typeof reportText> | null {
  const upper = value.toUpperCase();
  switch (name) {
    case 'SFV':
      return keyText(SFV_MEANINGS.get(upper));
    case 'CAT':
      return keyText(CAT_MEANINGS.get(upper));
    case 'IPV':
      return upper === 'CAL' ? reportText('hdr_spam_ipv_cal') : upper === 'NLI' ? reportText('hdr_spam_ipv_nli') : null;
    case 'SRV':
      return upper === 'BULK' ? reportText('hdr_spam_srv_bulk') : null;
    case 'DIR':
      return upper === 'INB'
        ? reportText('hdr_spam_dir_inb')
        : upper === 'OUT'
          ? reportText('hdr_spam_dir_out')
          : upper === 'INT'
            ? reportText('hdr_spam_dir_int')
            : null;
    case 'SCL':
      return sclMeaning(integerOrNull(value));
    case 'BCL':
      return bclMeaning(integerOrNull(value));
    case 'SFTY':
      return sftyMeaning(value);
    default:
      return null;
  }
}

function keyText(key: HeaderMessageKey | undefined): ReturnType<typeof reportText> | null {
  return key === undefined ? null : reportText(key);
}

function sclMeaning(scl: number | null): ReturnType<typeof reportText> | null {
  if (scl === null) return null;
  if (scl < 0) return reportText('hdr_spam_scl_skipped');
  if (scl <= 1) return reportText('hdr_spam_scl_clean');
  if (scl < SCL_SPAM) return reportText('hdr_spam_scl_low');
  if (scl <= 6) return reportText('hdr_spam_scl_spam');
  return reportText('hdr_spam_scl_high');
}

function bclMeaning(bcl: number | null): ReturnType<typeof reportText> | null {
  if (bcl === null) return null;
  if (bcl <= 0) return reportText('hdr_spam_bcl_none');
  if (bcl <= 3) return reportText('hdr_spam_bcl_low');
  if (bcl < BCL_BULK + 1) return reportText('hdr_spam_bcl_mixed');
  return reportText('hdr_spam_bcl_high');
}

/** Safety tips: 9.19 domain impersonation, 9.20 user impersonation, 9.25 first contact. */
function sftyMeaning(value: string): ReturnType<typeof reportText> | null {
  const code = value.trim();
  if (code === '9.19') return reportText('hdr_spam_sfty_domain_impersonation');
  if (code === '9.20') return reportText('hdr_spam_sfty_user_impersonation');
  if (code === '9.25') return reportText('hdr_spam_sfty_first_contact');
  return null;
}

function integerOrNull(text: string | undefined): number | null {
  if (text === undefined || !/^\s*-?\d+\s*$/.test(text)) return null;
  return Number(text);
}
