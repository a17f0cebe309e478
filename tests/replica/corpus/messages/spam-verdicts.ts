/**
 * Spam verdicts in the header formats the inspector should recognise: Infomaniak's own `X-Infomaniak-Spam`
 * (exactly "spam" or "ham", see ../infomaniak-trace.ts), SpamAssassin's X-Spam-Status / X-Spam-Score / X-Spam-Flag /
 * X-Spam-Level, and Microsoft's X-Forefront-Antispam-Report / X-Microsoft-Antispam.
 */

import { mailDate } from '../dates.ts';
import { defineMessage } from '../define.ts';
import { dkimSignature } from '../dkim.ts';
import { infomaniakArrival } from '../infomaniak-trace.ts';
import { ANNA, LEA, SUPPORT } from '../mailboxes.ts';
import { multipart, textPart } from '../mime-builder.ts';
import { ANNA_MEIER, formatAddress, LEA_ROSSI, SUPPORT_DESK, THOMAS_BRUNNER } from '../people.ts';
import { messageId, postfixQueueId } from '../tokens.ts';
import type { CorpusMessage } from '../types.ts';

function spamAssassinYes(): CorpusMessage {
  const id = 'spam-spamassassin-yes';
  const sent = '2026-10-08T02:17:44+02:00';
  const subject = 'You have won a 1000 CHF voucher!!!';
  const arrival = infomaniakArrival({
    label: id,
    recipient: ANNA,
    from: 'vps-8812.cloud-cheap.example (unknown [192.0.2.133])',
    at: '2026-10-08T02:17:48+02:00',
    protocol: 'ESMTP',
    authResults: [
      'dkim=none (message not signed)',
      'spf=neutral (mta-gw.infomaniak.ch: 192.0.2.133 is neither permitted nor denied by domain of winner@prize-center.example) smtp.mailfrom=winner@prize-center.example',
      'dmarc=none header.from=prize-center.example',
    ],
    receivedSpf:
      'neutral (mta-gw.infomaniak.ch: 192.0.2.133 is neither permitted nor denied by domain of winner@prize-center.example) client-ip=192.0.2.133; envelope-from=winner@prize-center.example; helo=vps-8812.cloud-cheap.example;',
    spam: 'spam',
  });
  return defineMessage({
    id,
    mailbox: ANNA,
    folder: 'Spam',
    seen: false,
    flagged: false,
    internalDate: arrival.internalDate,
    expect: { subject, attachments: [] },
    headers: [
      'Return-Path: <winner@prize-center.example>',
      'X-Spam-Flag: YES',
      'X-Spam-Score: 7.2',
      'X-Spam-Level: *******',
      `X-Spam-Status: Yes, score=7.2 required=5.0 tests=BAYES_99,BAYES_999,
\tHTML_IMAGE_ONLY_16,HTML_MESSAGE,MIME_HTML_ONLY,RDNS_NONE,SPF_NEUTRAL,
\tURIBL_ABUSE_SURBL autolearn=no autolearn_force=no version=4.0.1`,
      'X-Spam-Checker-Version: SpamAssassin 4.0.1 (2024-03-26) on mta-gw.infomaniak.ch',
      ...arrival.headers,
      'From: "Prize Center" <winner@prize-center.example>',
      `To: ${formatAddress(ANNA_MEIER)}`,
      `Subject: ${subject}`,
      `Date: ${mailDate(sent)}`,
      `Message-ID: ${messageId(id, 'prize-center.example')}`,
    ],
    body: textPart(
      '<html><body><a href="https://prize-center.example/claim?id=8812"><img src="https://prize-center.example/voucher.png" alt="Claim now"></a></body></html>\n',
      { subtype: 'html' },
    ),
  });
}

function spamAssassinNo(): CorpusMessage {
  const id = 'ham-spamassassin-no';
  const sent = '2026-10-13T10:02:00+02:00';
  const subject = 'Re: Order 4711 has not arrived';
  const arrival = infomaniakArrival({
    label: id,
    recipient: SUPPORT,
    from: 'mail.kunde-brunner.example (mail.kunde-brunner.example [192.0.2.45])',
    at: '2026-10-13T10:02:03+02:00',
    authResults: [
      'dkim=pass header.d=kunde-brunner.example header.s=dkim',
      'spf=pass smtp.mailfrom=thomas.brunner@kunde-brunner.example',
      'dmarc=pass header.from=kunde-brunner.example',
    ],
    spam: 'ham',
  });
  return defineMessage({
    id,
    mailbox: SUPPORT,
    folder: 'INBOX',
    seen: true,
    flagged: false,
    answered: true,
    internalDate: arrival.internalDate,
    expect: { subject, attachments: [] },
    headers: [
      'Return-Path: <thomas.brunner@kunde-brunner.example>',
      'X-Spam-Flag: NO',
      'X-Spam-Score: -1.9',
      'X-Spam-Level:',
      `X-Spam-Status: No, score=-1.9 required=5.0 tests=BAYES_00,DKIM_SIGNED,
\tDKIM_VALID,DKIM_VALID_AU,SPF_HELO_NONE,SPF_PASS autolearn=ham
\tautolearn_force=no version=4.0.1`,
      ...arrival.headers,
      dkimSignature({ label: id, domain: 'kunde-brunner.example', selector: 'dkim', at: sent }),
      `From: ${formatAddress(THOMAS_BRUNNER)}`,
      `To: ${formatAddress(SUPPORT_DESK)}`,
      `Subject: ${subject}`,
      `Date: ${mailDate(sent)}`,
      `Message-ID: ${messageId(id, 'kunde-brunner.example')}`,
      `In-Reply-To: ${messageId('support-sent-answer', 'muster.example')}`,
    ],
    body: textPart('Thank you, the parcel arrived this morning.\n\nThomas Brunner\n', { transfer: '7bit' }),
  });
}

/** Bulk mail that went through Exchange Online Protection first and was marked as spam there. */
function forefrontBulk(): CorpusMessage {
  const id = 'spam-forefront-bulk';
  const sent = '2026-11-10T13:00:00+01:00';
  const subject = 'Exklusiv: 70% Rabatt auf Druckerpatronen';
  const arrival = infomaniakArrival({
    label: id,
    recipient: LEA,
    from: 'mail-ve1eur03on2092.outbound.protection.outlook.com (mail-ve1eur03on2092.outbound.protection.outlook.com [IPv6:2001:db8:4000:fe1a::92])',
    at: '2026-11-10T13:00:09+01:00',
    authResults: [
      'dkim=pass header.d=promo-blast.example header.s=selector2',
      'spf=pass smtp.mailfrom=offers@promo-blast.example',
      'dmarc=pass header.from=promo-blast.example',
    ],
    spam: 'spam',
  });
  return defineMessage({
    id,
    mailbox: LEA,
    folder: 'Spam',
    seen: false,
    flagged: false,
    internalDate: arrival.internalDate,
    expect: { subject, attachments: [] },
    headers: [
      'Return-Path: <offers@promo-blast.example>',
      ...arrival.headers,
      'X-MS-Exchange-Organization-SCL: 5',
      `X-Forefront-Antispam-Report:
 CIP:192.0.2.61;CTRY:NL;LANG:de;SCL:5;SRV:BULK;IPV:NLI;SFV:SPM;H:mail.promo-blast.example;PTR:mail.promo-blast.example;CAT:BULK;SFS:(13230040)(4022899009)(69100299015)(8096899003);DIR:INB;`,
      'X-Microsoft-Antispam: BCL:7;ARA:13230040|4022899009|69100299015|8096899003;',
      'X-MS-Exchange-CrossTenant-AuthAs: Anonymous',
      `Received: from mail.promo-blast.example (192.0.2.61) by
 VE1EUR03FT052.mail.protection.outlook.com (2001:db8:4000:fe1a::52) with Microsoft
 SMTP Server (version=TLS1_3, cipher=TLS_AES_256_GCM_SHA384) id 15.20.8398.12
 via Frontend Transport; ${mailDate('2026-11-10T12:00:05Z')}`,
      `Received: from localhost (localhost [127.0.0.1])
\tby mail.promo-blast.example (Postfix) with ESMTP id ${postfixQueueId(`${id}:origin`)}; ${mailDate('2026-11-10T12:00:02Z', { padDay: 'space', zoneComment: '(UTC)' })}`,
      dkimSignature({ label: id, domain: 'promo-blast.example', selector: 'selector2', at: sent }),
      'From: "Promo Blast" <offers@promo-blast.example>',
      `To: ${formatAddress(LEA_ROSSI)}`,
      `Subject: =?utf-8?Q?Exklusiv:_70%_Rabatt_auf_Druckerpatronen?=`,
      `Date: ${mailDate(sent)}`,
      `Message-ID: ${messageId(id, 'promo-blast.example')}`,
      'Precedence: bulk',
    ],
    body: multipart('alternative', [
      textPart('Nur heute: 70% Rabatt auf alle Druckerpatronen.\n'),
      textPart('<h1>Nur heute: 70% Rabatt</h1><p>auf alle Druckerpatronen.</p>\n', { subtype: 'html' }),
    ]),
  });
}

export function spamVerdictMessages(): CorpusMessage[] {
  return [spamAssassinYes(), spamAssassinNo(), forefrontBulk()];
}
