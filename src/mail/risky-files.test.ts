import { describe, expect, it } from 'vitest';
import { findRiskyFiles } from './risky-files';

const reasonsOf = (...names: string[]) => findRiskyFiles(names.map((name) => ({ name }))).map((file) => file.reason);

describe('findRiskyFiles', () => {
  it('leaves everyday documents, pictures and archives alone', () => {
    expect(
      reasonsOf(
        'Rechnung 4471.pdf',
        'Foto.JPG',
        'Offerte.docx',
        'Budget.xlsx',
        'Fotos.zip',
        'notes',
        'Jahresbericht 2026',
      ),
    ).toEqual([]);
  });

  it('flags programs and scripts whatever the case of the extension', () => {
    expect(reasonsOf('setup.exe', 'update.MSI', 'run.bat', 'payload.js', 'invoice.vbs', 'x.ps1', 'tool.jar')).toEqual(
      Array(7).fill('executable'),
    );
  });

  it('flags macro-enabled Office files, disk images and shortcuts', () => {
    expect(reasonsOf('Lohn.xlsm', 'Vertrag.docm', 'Slides.pptm')).toEqual(Array(3).fill('macro_document'));
    expect(reasonsOf('Scan.iso', 'backup.img', 'disk.vhd', 'App.dmg')).toEqual(Array(4).fill('disk_image'));
    expect(reasonsOf('Bericht.lnk', 'Portal.url', 'share.scf')).toEqual(Array(3).fill('shortcut'));
  });

  it('calls a program that pretends to be a document a double extension', () => {
    expect(reasonsOf('Rechnung.pdf.exe', 'invoice.PDF .exe', 'Foto.jpg.scr')).toEqual(
      Array(3).fill('double_extension'),
    );
    // A dot in a name is not a second extension by itself.
    expect(reasonsOf('Version 2.1.pdf', 'v1.2.exe')).toEqual(['executable']);
  });

  it('states the name the webmail shows and the name it is saved under for a bidi override', () => {
    expect(findRiskyFiles([{ name: 'invoice\u202Efdp.exe' }])).toEqual([
      {
        reason: 'hidden_characters',
        shownName: 'invoice\u202Efdp.exe',
        savedName: 'invoicefdp.exe',
        severity: 'error',
      },
    ]);
  });

  it('flags look-alike letters from other alphabets mixed into a name or its extension', () => {
    // A Cyrillic "е" (U+0435) in "Rechnung"; an extension spelled in Cyrillic.
    expect(reasonsOf('R\u0435chnung.pdf', 'invoice.\u0435x\u0435')).toEqual([
      'lookalike_characters',
      'lookalike_characters',
    ]);
    // A name wholly in another alphabet is just a name.
    expect(reasonsOf('Отчёт за квартал.pdf', 'Προσφορά.docx')).toEqual([]);
  });

  it('rates macro documents and disk images a warning, programs an error', () => {
    const severities = findRiskyFiles([{ name: 'a.xlsm' }, { name: 'b.iso' }, { name: 'c.exe' }, { name: 'd.lnk' }]);
    expect(severities.map((file) => file.severity)).toEqual(['warning', 'warning', 'error', 'error']);
  });
});
