/**
 * Trace and authentication headers as the header inspector meets them: long Received chains in the styles of
 * different MTAs (Exim, sendmail, qmail, Postfix, a Go MTA, Exchange Online, Gmail), with the irregularities found
 * in the wild; Authentication-Results with every verdict; DKIM signatures, an ARC chain, Received-SPF; and a forged
 * Authentication-Results below the sender's own Received line, which must not be trusted.
 *
 * All IP addresses are from the documentation ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24,
 * 2001:db8::/32). Host names of the big providers imitate their naming style only.
 */

import { mailDate, unixSeconds } from '../dates.ts';
import { defineMessage } from '../define.ts';
import { dkimSignature } from '../dkim.ts';
import { encodeWords } from '../header-encoding.ts';
import { infomaniakArrival } from '../infomaniak-trace.ts';
import { ANNA, LEA, SUPPORT } from '../mailboxes.ts';
import { multipart, textPart } from '../mime-builder.ts';
import { ANNA_MEIER, formatAddress, JONAS_KELLER, LEA_ROSSI, MARCO_BIANCHI, SOFIA_KOWALSKI } from '../people.ts';
import { eximId, foldBlob, messageId, postfixQueueId, signatureBlob, token } from '../tokens.ts';
import type { CorpusMessage } from '../types.ts';

/**
 * Ten Received lines, oldest at the bottom. Hop times in UTC, to make the deliberate oddities visible:
 *   Exim submission          06:01:12  (Exim style date, zero-padded day)
 *   sendmail relay           06:01:13  named zone GMT
 *   qmail SMTP receipt       06:01:14  '-0000', no weekday
 *   qmail "invoked by uid"   06:01:15  no from/by at all
 *   Postfix                  06:01:15.532  fractional seconds
 *   relay without ';'        07:15:40  over an hour after the previous hop; named zone UTC
 *   Go MTA                   07:15:41  trailing 'm=+0.000118347' garbage after the date
 *   Postfix edge, IPv6       07:14:58  43 s *before* the previous hop (clock skew); full weekday; named zone CET
 *   Infomaniak entry         07:16:03
 *   Infomaniak after filter  07:16:04
 */
function longMixedChain(): CorpusMessage {
  const id = 'received-long-chain-mixed-mta';
  const sent = '2026-10-06T08:01:10+02:00';
  const subject = 'Materialliste Etappe 2';
  const provider = 'mailhost-provider.example';
  const arrival = infomaniakArrival({
    label: id,
    recipient: ANNA,
    from: `edge.${provider} (edge.${provider} [IPv6:2001:db8:0:5::25])`,
    at: '2026-10-06T09:16:03+02:00',
    authResults: [
      'dkim=pass (2048-bit key; unprotected) header.d=baufirma-keller.example header.i=@baufirma-keller.example header.b="dG9rZW4x"',
      `spf=pass (mta-gw.infomaniak.ch: domain of jonas.keller@baufirma-keller.example designates 2001:db8:0:5::25 as permitted sender) smtp.mailfrom=jonas.keller@baufirma-keller.example smtp.helo=edge.${provider}`,
      'dmarc=pass (p=QUARANTINE sp=QUARANTINE dis=NONE) header.from=baufirma-keller.example',
    ],
    receivedSpf: `pass (mta-gw.infomaniak.ch: domain of jonas.keller@baufirma-keller.example designates 2001:db8:0:5::25 as permitted sender) client-ip=2001:db8:0:5::25; envelope-from=jonas.keller@baufirma-keller.example; helo=edge.${provider};`,
    spam: 'ham',
  });
  return defineMessage({
    id,
    mailbox: ANNA,
    folder: 'INBOX',
    seen: true,
    flagged: false,
    internalDate: arrival.internalDate,
    expect: { subject, attachments: [] },
    headers: [
      'Return-Path: <jonas.keller@baufirma-keller.example>',
      ...arrival.headers,
      `Received: from relay-go.${provider} (relay-go.${provider} [IPv6:2001:db8::1])
\tby edge.${provider} (Postfix) with ESMTPS id ${postfixQueueId(`${id}:edge`)}
\tfor <anna.meier@muster.example>; ${mailDate('2026-10-06T08:14:58+01:00', { weekday: 'full', zoneName: 'CET' })}`,
      `Received: from queue.${provider} (queue.${provider} [198.51.100.6])
\tby relay-go.${provider} (gomta) with ESMTPS id ${token(`${id}:go`, 16, '0123456789abcdef')}
\tfor <anna.meier@muster.example>; ${mailDate('2026-10-06T07:15:41Z', { padDay: 'zero', zoneComment: '(UTC)' })} m=+0.000118347`,
      `Received: from outbound.${provider} (outbound.${provider} [198.51.100.5])
\tby queue.${provider} with ESMTP id ${token(`${id}:queue`, 10, '0123456789ABCDEF')}
\t${mailDate('2026-10-06T07:15:40Z', { padDay: 'zero', zoneName: 'UTC' })}`,
      `Received: from filter.${provider} (localhost [127.0.0.1])
\tby outbound.${provider} (Postfix) with ESMTP id ${postfixQueueId(`${id}:outbound`)}
\tfor <anna.meier@muster.example>; ${mailDate('2026-10-06T06:01:15Z', { padDay: 'space', fraction: '.532', zoneComment: '(UTC)' })}`,
      `Received: (qmail 1234 invoked by uid 89); ${mailDate('2026-10-06T06:01:15Z', { weekday: 'none' }).replace('+0000', '-0000')}`,
      `Received: from unknown (HELO relay1.baufirma-keller.example) (203.0.113.11)
  by filter.${provider} with ESMTPS (TLS_AES_256_GCM_SHA384 encrypted); ${mailDate('2026-10-06T06:01:14Z', { weekday: 'none' }).replace('+0000', '-0000')}`,
      `Received: from smtp.baufirma-keller.example (smtp.baufirma-keller.example [203.0.113.10])
\tby relay1.baufirma-keller.example (8.17.2/8.17.2) with ESMTPS id 4966113pQ0${token(`${id}:sendmail`, 5, '0123456789')}
\t(version=TLSv1.3 cipher=TLS_AES_256_GCM_SHA384 bits=256 verify=NOT)
\tfor <anna.meier@muster.example>; ${mailDate('2026-10-06T06:01:13Z', { zoneName: 'GMT' })}`,
      `Received: from [198.51.100.23] (helo=[192.168.1.40])
\tby smtp.baufirma-keller.example with esmtpsa  (TLS1.3) tls TLS_AES_256_GCM_SHA384
\t(Exim 4.96)
\t(envelope-from <jonas.keller@baufirma-keller.example>)
\tid ${eximId(id)}
\tfor anna.meier@muster.example; ${mailDate('2026-10-06T08:01:12+02:00', { padDay: 'zero' })}`,
      dkimSignature({ label: id, domain: 'baufirma-keller.example', selector: 'mail2026', at: sent }),
      `From: ${formatAddress(JONAS_KELLER)}`,
      `To: ${formatAddress(ANNA_MEIER)}`,
      `Subject: ${subject}`,
      `Date: ${mailDate(sent)}`,
      `Message-ID: ${messageId(id, 'baufirma-keller.example')}`,
      'User-Agent: Mozilla Thunderbird',
    ],
    body: textPart('Guten Morgen\n\nDie Materialliste für Etappe 2 folgt morgen.\n\nJonas Keller\n'),
  });
}

/** Exchange Online sends to a mailing list, the list (which rewrites the subject) forwards to the support box. */
function office365ViaList(): CorpusMessage {
  const id = 'received-office365-arc-via-list';
  const subject = '[Bauforum] Lieferengpass Dämmplatten';
  const list = 'lists.verein-bau.example';
  const arrival = infomaniakArrival({
    label: id,
    recipient: SUPPORT,
    from: `${list} (${list} [203.0.113.201])`,
    at: '2026-10-21T14:03:19+02:00',
    authResults: [
      'dkim=fail reason="body hash did not verify" (2048-bit key) header.d=contoso-bau.example header.i=@contoso-bau.example header.s=selector1 header.b="Y29udG9z"',
      `dkim=pass (2048-bit key) header.d=${list} header.i=@${list} header.s=list2026 header.b="bGlzdDIw"`,
      `spf=pass (mta-gw.infomaniak.ch: domain of bauforum-bounces@${list} designates 203.0.113.201 as permitted sender) smtp.mailfrom=bauforum-bounces@${list}`,
      'dmarc=fail reason="SPF not aligned (relaxed), DKIM not aligned (relaxed)" (p=QUARANTINE dis=NONE) header.from=contoso-bau.example',
      `arc=pass ("${list}:s=arc2026:i=2")`,
    ],
    receivedSpf: `pass (mta-gw.infomaniak.ch: domain of bauforum-bounces@${list} designates 203.0.113.201 as permitted sender) client-ip=203.0.113.201; envelope-from=bauforum-bounces@${list};`,
    spam: 'ham',
  });
  const listSigned = '2026-10-21T14:03:17+02:00';
  const msSigned = '2026-10-21T12:03:11Z';
  return defineMessage({
    id,
    mailbox: SUPPORT,
    folder: 'INBOX',
    seen: false,
    flagged: false,
    internalDate: arrival.internalDate,
    expect: { subject, attachments: [] },
    headers: [
      `Return-Path: <bauforum-bounces@${list}>`,
      ...arrival.headers,
      `ARC-Seal: i=2; a=rsa-sha256; d=${list}; s=arc2026; t=${unixSeconds(listSigned)}; cv=pass;
\tb=${foldBlob(signatureBlob(`${id}:seal2`, 256))}`,
      `ARC-Message-Signature: i=2; a=rsa-sha256; c=relaxed/relaxed; d=${list}; s=arc2026;
\tt=${unixSeconds(listSigned)}; h=from:to:subject:date:message-id:list-id:list-post;
\tbh=${signatureBlob(`${id}:ams2bh`, 32)};
\tb=${foldBlob(signatureBlob(`${id}:ams2`, 256))}`,
      `ARC-Authentication-Results: i=2; ${list};
\tdkim=pass (2048-bit key) header.d=contoso-bau.example header.s=selector1;
\tspf=pass (${list}: domain of sofia.kowalski@contoso-bau.example designates 2001:db8:4000:1::721 as permitted sender) smtp.mailfrom=sofia.kowalski@contoso-bau.example;
\tdmarc=pass (p=QUARANTINE) header.from=contoso-bau.example;
\tarc=pass (i=1)`,
      dkimSignature({
        label: `${id}:list`,
        domain: list,
        selector: 'list2026',
        at: listSigned,
        signedHeaders: 'from:to:subject:date:message-id:list-id:list-unsubscribe:list-post',
      }),
      `Received: from mailman.${list} (localhost [127.0.0.1])
\tby ${list} (Postfix) with ESMTP id ${postfixQueueId(`${id}:mailman`)};
\t${mailDate('2026-10-21T14:03:16+02:00', { padDay: 'space', zoneComment: '(CEST)' })}`,
      `Received: from EUR02-DB5-obe.outbound.protection.outlook.com (mail-db5eur02on20721.outbound.protection.outlook.com [IPv6:2001:db8:4000:1::721])
\tby ${list} (Postfix) with ESMTPS id ${postfixQueueId(`${id}:list-in`)}
\tfor <bauforum@${list}>; ${mailDate('2026-10-21T14:03:13+02:00', { padDay: 'space', zoneComment: '(CEST)' })}`,
      `ARC-Seal: i=1; a=rsa-sha256; s=arcselector10001; d=microsoft.com; cv=none;
 b=${foldBlob(signatureBlob(`${id}:seal1`, 256))}`,
      `ARC-Message-Signature: i=1; a=rsa-sha256; c=relaxed/relaxed; d=microsoft.com;
 s=arcselector10001;
 h=From:Date:Subject:Message-ID:Content-Type:MIME-Version:X-MS-Exchange-AntiSpam-MessageData-ChunkCount:X-MS-Exchange-AntiSpam-MessageData-0;
 bh=${signatureBlob(`${id}:ams1bh`, 32)};
 b=${foldBlob(signatureBlob(`${id}:ams1`, 256))}`,
      `ARC-Authentication-Results: i=1; mx.microsoft.com 1; spf=pass
 smtp.mailfrom=contoso-bau.example; dmarc=pass action=none
 header.from=contoso-bau.example; dkim=pass header.d=contoso-bau.example;
 arc=none`,
      dkimSignature({
        label: `${id}:contoso`,
        domain: 'contoso-bau.example',
        selector: 'selector1',
        at: msSigned,
        signedHeaders: 'From:Date:Subject:Message-ID:Content-Type:MIME-Version:X-MS-Exchange-SenderADCheck',
      }),
      `Received: from DB9PR07MB7961.eurprd07.prod.outlook.com (2001:db8:4000:2a1::14) by
 AM9PR07MB7122.eurprd07.prod.outlook.com (2001:db8:4000:3c0::9) with
 Microsoft SMTP Server (version=TLS1_2,
 cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.8398.12; ${mailDate('2026-10-21T12:03:11Z')}`,
      `Received: from DB9PR07MB7961.eurprd07.prod.outlook.com
 ([fe80::3c1a:7b2e:91d4:5a0f]) by DB9PR07MB7961.eurprd07.prod.outlook.com
 ([fe80::3c1a:7b2e:91d4:5a0f%4]) with mapi id 15.20.8398.011; ${mailDate('2026-10-21T12:03:10Z')}`,
      `From: ${formatAddress(SOFIA_KOWALSKI)}`,
      `To: "Bauforum" <bauforum@${list}>`,
      `Subject: =?utf-8?Q?[Bauforum]_Lieferengpass_D=C3=A4mmplatten?=`,
      `Thread-Topic: =?utf-8?Q?Lieferengpass_D=C3=A4mmplatten?=`,
      'Thread-Index: AdtCrQ2Lq0u1n8k9TgWzXr7hJ2bQfA==',
      `Date: ${mailDate('2026-10-21T12:03:08Z')}`,
      `Message-ID: <DB9PR07MB7961${token(`${id}:mid`, 10, '0123456789ABCDEF')}@DB9PR07MB7961.eurprd07.prod.outlook.com>`,
      'Accept-Language: de-CH, en-US',
      'Content-Language: de-DE',
      'X-MS-Has-Attach:',
      'X-MS-TNEF-Correlator:',
      'X-MS-Exchange-Organization-SCL: 1',
      `X-Forefront-Antispam-Report:
 CIP:255.255.255.255;CTRY:;LANG:de;SCL:1;SRV:;IPV:NLI;SFV:NSPM;H:DB9PR07MB7961.eurprd07.prod.outlook.com;PTR:;CAT:NONE;SFS:(13230040)(376014)(1800799024)(366016)(38070700018);DIR:OUT;SFP:1101;`,
      'X-Microsoft-Antispam: BCL:0;ARA:13230040|376014|1800799024|366016|38070700018;',
      `List-Id: Bauforum Mitglieder <bauforum.${list}>`,
      `List-Post: <mailto:bauforum@${list}>`,
      `List-Help: <mailto:bauforum-request@${list}?subject=help>`,
      `Sender: "Bauforum" <bauforum-bounces@${list}>`,
      'Precedence: list',
    ],
    body: textPart(`Hallo zusammen

Kennt jemand einen Lieferanten, der Dämmplatten (EPS 160 mm) noch vor Dezember liefern kann?

Danke und Gruss
Sofia
_______________________________________________
Bauforum -- bauforum@${list}
`),
  });
}

/** Google Workspace for a custom domain: HTTP submission, Gmail's internal hops, PDT dates, x= and darn= tags. */
function gmailWorkspace(): CorpusMessage {
  const id = 'received-gmail-workspace';
  const sentPdt = '2026-10-10T03:41:25-07:00';
  const subject = 'Preventivo stampa cataloghi';
  const arrival = infomaniakArrival({
    label: id,
    recipient: LEA,
    from: 'mail-ej1-f41.google.com (mail-ej1-f41.google.com [198.51.100.41])',
    at: '2026-10-10T12:41:28+02:00',
    authResults: [
      'dkim=pass (2048-bit key; unprotected) header.d=bianchi-design.example header.i=@bianchi-design.example header.s=google header.b="QmlhbmNo"',
      'spf=pass (mta-gw.infomaniak.ch: domain of marco@bianchi-design.example designates 198.51.100.41 as permitted sender) smtp.mailfrom=marco@bianchi-design.example',
      'dmarc=pass (p=NONE sp=NONE dis=NONE) header.from=bianchi-design.example',
    ],
    receivedSpf:
      'pass (mta-gw.infomaniak.ch: domain of marco@bianchi-design.example designates 198.51.100.41 as permitted sender) client-ip=198.51.100.41; envelope-from=marco@bianchi-design.example; helo=mail-ej1-f41.google.com;',
    spam: 'ham',
  });
  const pdt = (local: string): string => mailDate(local, { zoneComment: '(PDT)' });
  return defineMessage({
    id,
    mailbox: LEA,
    folder: 'INBOX',
    seen: true,
    flagged: true,
    internalDate: arrival.internalDate,
    expect: { subject, attachments: [] },
    headers: [
      'Return-Path: <marco@bianchi-design.example>',
      ...arrival.headers,
      `Received: by mail-ej1-f41.google.com with SMTP id a640c23a62f3a-${token(`${id}:smtp`, 12, 'abcdef0123456789')}v6so${token(`${id}:v6`, 7, '0123456789')}ejc.2
        for <lea.rossi@studio-rossi.example>; ${pdt('2026-10-10T03:41:26-07:00')}`,
      dkimSignature({
        label: id,
        domain: 'bianchi-design.example',
        selector: 'google',
        at: sentPdt,
        signedHeaders: 'to:subject:message-id:date:from:mime-version:from:to:cc:subject:date:message-id:reply-to',
        extraTags: [`x=${unixSeconds(sentPdt) + 7 * 86_400}`, 'darn=studio-rossi.example'],
      }),
      `X-Google-DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;
        d=1e100.net; s=20230601; t=${unixSeconds(sentPdt)}; x=${unixSeconds(sentPdt) + 7 * 86_400};
        h=to:subject:message-id:date:from:mime-version:x-gm-message-state
         :from:to:cc:subject:date:message-id:reply-to;
        bh=${signatureBlob(`${id}:gbh`, 32)};
        b=${foldBlob(signatureBlob(`${id}:gb`, 256))}`,
      `X-Gm-Message-State: AOJu0Y${token(`${id}:state`, 60, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/')}`,
      `X-Google-Smtp-Source: AGHT+I${token(`${id}:source`, 64, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/')}`,
      `X-Received: by 2001:db8:6a10:9c4e:b0:b7f:3c21:a0d4 with SMTP id a640c23a62f3a-${token(`${id}:xr`, 12, 'abcdef0123456789')}mr2810466ejc.40.${unixSeconds(sentPdt)}123;
        ${pdt('2026-10-10T03:41:26-07:00')}`,
      // The zone as a bare name ('PDT') rather than an offset, so the corpus has one such date outside Europe.
      `Received: by 2001:db8:7010:3c8b:b0:3a1:2b3c:4d5e with HTTP; ${mailDate(sentPdt, { zoneName: 'PDT' })}`,
      `From: ${formatAddress(MARCO_BIANCHI)}`,
      `Date: ${mailDate(sentPdt)}`,
      `Message-ID: <CAF${token(`${id}:mid`, 40, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-+')}@mail.gmail.com>`,
      `Subject: ${subject}`,
      `To: ${formatAddress(LEA_ROSSI)}`,
    ],
    body: multipart('alternative', [
      textPart('Ciao Lea,\n\nti mando il preventivo per 2000 cataloghi entro lunedì.\n\nMarco\n'),
      textPart(
        '<div dir="ltr">Ciao Lea,<div><br></div><div>ti mando il preventivo per 2000 cataloghi entro lunedì.</div><div><br></div><div>Marco</div></div>\n',
        {
          subtype: 'html',
        },
      ),
    ]),
  });
}

/** A newsletter relayed through an email service provider: every common verdict at once, several DKIM results. */
function everyVerdict(): CorpusMessage {
  const id = 'auth-results-all-verdicts';
  const sent = '2026-11-05T07:30:00+01:00';
  const subject = 'Velo-Club: Programm Wintersaison';
  const arrival = infomaniakArrival({
    label: id,
    recipient: ANNA,
    from: 'out-7.esp-mailer.example (out-7.esp-mailer.example [192.0.2.77])',
    at: '2026-11-05T07:30:04+01:00',
    authResults: [
      'dkim=pass (2048-bit key; unprotected) header.d=newsletter.velo-club.example header.i=@newsletter.velo-club.example header.s=k1 header.a=rsa-sha256 header.b="Zx1qV3Lm"',
      'dkim=pass (ed25519 key) header.d=newsletter.velo-club.example header.s=ed1 header.a=ed25519-sha256',
      'dkim=fail reason="signature verification failed" (1024-bit key; insecure key) header.d=esp-mailer.example header.i=@esp-mailer.example header.s=s1024 header.b="aa7Q2e9w"',
      'dkim=neutral (body hash did not verify) header.d=velo-club.example header.s="old"',
      'spf=softfail (mta-gw.infomaniak.ch: domain of transitioning bounce+a1b2@esp-mailer.example does not designate 192.0.2.77 as permitted sender) smtp.mailfrom=bounce+a1b2@esp-mailer.example smtp.helo=out-7.esp-mailer.example',
      'dmarc=none (p=NONE sp=NONE dis=NONE) header.from=velo-club.example',
      'bimi=none (No BIMI records found)',
      'arc=none',
    ],
    receivedSpf:
      'softfail (mta-gw.infomaniak.ch: domain of transitioning bounce+a1b2@esp-mailer.example does not designate 192.0.2.77 as permitted sender) client-ip=192.0.2.77; envelope-from="bounce+a1b2@esp-mailer.example"; helo=out-7.esp-mailer.example;',
    spam: 'ham',
  });
  return defineMessage({
    id,
    mailbox: ANNA,
    folder: 'Commercial',
    seen: false,
    flagged: false,
    internalDate: arrival.internalDate,
    expect: { subject, attachments: [] },
    headers: [
      'Return-Path: <bounce+a1b2@esp-mailer.example>',
      ...arrival.headers,
      dkimSignature({
        label: `${id}:k1`,
        domain: 'newsletter.velo-club.example',
        selector: 'k1',
        at: sent,
        identity: '@newsletter.velo-club.example',
      }),
      dkimSignature({
        label: `${id}:ed1`,
        domain: 'newsletter.velo-club.example',
        selector: 'ed1',
        at: sent,
        algorithm: 'ed25519-sha256',
      }),
      dkimSignature({
        label: `${id}:esp`,
        domain: 'esp-mailer.example',
        selector: 's1024',
        at: sent,
        identity: '@esp-mailer.example',
      }),
      dkimSignature({ label: `${id}:old`, domain: 'velo-club.example', selector: 'old', at: sent }),
      `Received: from app-3.esp-mailer.example (app-3.esp-mailer.example [192.0.2.73])
\tby out-7.esp-mailer.example (Postfix) with ESMTP id ${postfixQueueId(`${id}:esp`)}
\tfor <anna.meier@muster.example>; ${mailDate('2026-11-05T06:30:02Z', { padDay: 'space', zoneComment: '(UTC)' })}`,
      'From: "Velo-Club Muster" <info@velo-club.example>',
      `To: ${formatAddress(ANNA_MEIER)}`,
      `Subject: ${subject}`,
      `Date: ${mailDate(sent)}`,
      `Message-ID: ${messageId(id, 'newsletter.velo-club.example')}`,
      'Feedback-ID: velo-club:winter2026:esp-mailer',
    ],
    body: textPart('Liebe Mitglieder\n\nDas Programm der Wintersaison ist online.\n\nEuer Vorstand\n'),
  });
}

/** Temporary and permanent errors, reported by the gateway name as authserv-id. */
function errorVerdicts(): CorpusMessage {
  const id = 'auth-results-errors';
  const sent = '2026-09-24T22:10:00+02:00';
  const subject = 'Ihre Rechnung September';
  const arrival = infomaniakArrival({
    label: id,
    recipient: SUPPORT,
    from: 'relay.bulkmail-relay.example (relay.bulkmail-relay.example [198.51.100.99])',
    at: '2026-09-24T22:10:31+02:00',
    authResults: [
      'spf=temperror (mta-gw.infomaniak.ch: error in processing during lookup of rechnung@swiss-billing.example: DNS timeout) smtp.mailfrom=rechnung@swiss-billing.example',
      'dkim=permerror (no key for signature) header.d=swiss-billing.example header.s=missing header.b="bWlzc2lu"',
      'dkim=temperror (DNS error while fetching key) header.d=bulkmail-relay.example header.s=r1',
      'dmarc=permerror (multiple DMARC records) header.from=swiss-billing.example',
      'arc=none',
    ],
    receivedSpf:
      'temperror (mta-gw.infomaniak.ch: error in processing during lookup of rechnung@swiss-billing.example: DNS timeout) client-ip=198.51.100.99; envelope-from=rechnung@swiss-billing.example; helo=relay.bulkmail-relay.example;',
    spam: 'ham',
  });
  return defineMessage({
    id,
    mailbox: SUPPORT,
    folder: 'INBOX',
    seen: true,
    flagged: false,
    internalDate: arrival.internalDate,
    expect: { subject, attachments: [] },
    headers: [
      'Return-Path: <rechnung@swiss-billing.example>',
      ...arrival.headers,
      dkimSignature({ label: `${id}:billing`, domain: 'swiss-billing.example', selector: 'missing', at: sent }),
      dkimSignature({ label: `${id}:relay`, domain: 'bulkmail-relay.example', selector: 'r1', at: sent }),
      'From: Swiss Billing <rechnung@swiss-billing.example>',
      'To: support@muster.example',
      `Subject: ${subject}`,
      `Date: ${mailDate(sent)}`,
      `Message-ID: ${messageId(id, 'swiss-billing.example')}`,
    ],
    body: textPart('Ihre Rechnung für September steht im Kundenportal bereit.\n'),
  });
}

/**
 * A phishing attempt that brings its own "passing" Authentication-Results (and Received-SPF). They sit below the
 * sender's own Received line, so they were written before the message reached Infomaniak and must be ignored; the
 * real verdicts are directly below Infomaniak's entry hop.
 */
function forgedBelowEntry(): CorpusMessage {
  const id = 'auth-results-forged-below-entry';
  const sent = '2026-10-16T06:55:12+02:00';
  const subject = 'Ihr Konto wurde vorübergehend gesperrt';
  const arrival = infomaniakArrival({
    label: id,
    recipient: ANNA,
    from: 'mail.cheap-hosting.example (unknown [192.0.2.200])',
    at: '2026-10-16T06:55:15+02:00',
    protocol: 'ESMTP',
    authResults: [
      'dkim=none (message not signed)',
      'spf=fail (mta-gw.infomaniak.ch: domain of service@bank.example does not designate 192.0.2.200 as permitted sender) smtp.mailfrom=service@bank.example',
      'dmarc=fail reason="No valid SPF, No valid DKIM" (p=REJECT sp=REJECT dis=QUARANTINE) header.from=bank.example',
    ],
    receivedSpf:
      'fail (mta-gw.infomaniak.ch: domain of service@bank.example does not designate 192.0.2.200 as permitted sender) client-ip=192.0.2.200; envelope-from=service@bank.example; helo=mail.cheap-hosting.example;',
    spam: 'ham',
  });
  return defineMessage({
    id,
    mailbox: ANNA,
    folder: 'INBOX',
    seen: false,
    flagged: false,
    internalDate: arrival.internalDate,
    expect: { subject, attachments: [] },
    headers: [
      'Return-Path: <service@bank.example>',
      ...arrival.headers,
      `Received: from [10.8.0.14] (unknown [10.8.0.14])
\tby mail.cheap-hosting.example (Postfix) with ESMTPSA id ${postfixQueueId(`${id}:origin`)}
\tfor <anna.meier@muster.example>; ${mailDate('2026-10-16T04:55:13Z', { padDay: 'space', zoneComment: '(UTC)' })}`,
      // Forged: written by the sender into the message, so below its own relay's Received line.
      `Authentication-Results: mta-gw.infomaniak.ch;
\tdkim=pass header.d=bank.example header.i=@bank.example header.s=sel1;
\tspf=pass smtp.mailfrom=service@bank.example;
\tdmarc=pass (p=REJECT) header.from=bank.example`,
      'Received-SPF: pass (mta-gw.infomaniak.ch: domain of service@bank.example designates 192.0.2.200 as permitted sender) client-ip=192.0.2.200;',
      'X-Spam-Status: No, score=-5.0 required=5.0 tests=ALL_TRUSTED autolearn=ham',
      'From: "Bank Kundendienst" <service@bank.example>',
      `To: ${formatAddress(ANNA_MEIER)}`,
      `Subject: ${encodeWords(subject, 'utf-8', 'B')}`,
      `Date: ${mailDate(sent)}`,
      `Message-ID: ${messageId(id, 'bank.example')}`,
    ],
    body: textPart(
      '<p>Sehr geehrte Kundin, sehr geehrter Kunde</p><p>Bitte bestätigen Sie Ihre Daten: <a href="https://bank.example.login-verify.example/">Konto entsperren</a></p>\n',
      { subtype: 'html' },
    ),
  });
}

export function traceHeaderMessages(): CorpusMessage[] {
  return [longMixedChain(), office365ViaList(), gmailWorkspace(), everyVerdict(), errorVerdicts(), forgedBelowEntry()];
}
