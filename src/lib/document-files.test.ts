import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkDocumentFile, type DocumentPolicy, sniffDocument } from './document-files.ts';

const zipWith = (entries: string) =>
  Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from(entries)]);
const oleWith = (stream: string) =>
  Buffer.concat([
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
    Buffer.alloc(504),
    Buffer.from(stream, 'utf16le'),
    Buffer.alloc(64),
  ]);
const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n');
const gif = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(20)]);

const ALL: DocumentPolicy = {
  kinds: ['pdf', 'docx', 'xlsx', 'pptx', 'doc', 'xls', 'ppt', 'png', 'jpeg', 'gif'],
  maxBytes: 1000,
  kindsText: 'a document',
  sizeText: '1 KB',
};

describe('document files', () => {
  it('knows each kind by its bytes, whatever the name', () => {
    assert.equal(sniffDocument(pdf), 'pdf');
    assert.equal(
      sniffDocument(
        Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32)]),
      ),
      'png',
    );
    assert.equal(sniffDocument(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])), 'jpeg');
    assert.equal(sniffDocument(gif), 'gif');
    assert.equal(sniffDocument(zipWith('[Content_Types].xml word/document.xml')), 'docx');
    assert.equal(sniffDocument(zipWith('[Content_Types].xml xl/workbook.xml')), 'xlsx');
    assert.equal(sniffDocument(zipWith('[Content_Types].xml ppt/presentation.xml')), 'pptx');
    assert.equal(sniffDocument(oleWith('WordDocument')), 'doc');
    assert.equal(sniffDocument(oleWith('Workbook')), 'xls');
    assert.equal(sniffDocument(oleWith('PowerPoint Document')), 'ppt');
  });

  it('knows nothing else: a plain zip, an OLE file without an Office stream, a program, a web page', () => {
    assert.equal(sniffDocument(zipWith('readme.txt')), null);
    assert.equal(sniffDocument(zipWith('[Content_Types].xml other/')), null);
    assert.equal(sniffDocument(oleWith('Something else')), null);
    assert.equal(sniffDocument(Buffer.from('MZ this is a program')), null);
    assert.equal(sniffDocument(Buffer.from('<html><script>')), null);
  });

  it('takes the kind from the bytes and refuses a name that disagrees with them', () => {
    assert.deepEqual(checkDocumentFile('Slides 2026.PPT', oleWith('PowerPoint Document'), false, ALL), {
      ok: true,
      fileName: 'Slides 2026.PPT',
      contentType: 'application/vnd.ms-powerpoint',
    });
    assert.deepEqual(checkDocumentFile('minutes.doc', oleWith('Workbook'), false, ALL), {
      ok: false,
      error: 'The selected file must be a document',
    });
    assert.equal(checkDocumentFile('image.png', gif, false, ALL).ok, false);
  });

  it('refuses kinds the policy does not take, and files over its size', () => {
    assert.equal(checkDocumentFile('a.gif', gif, false, { ...ALL, kinds: ['pdf'] }).ok, false);
    assert.deepEqual(checkDocumentFile('a.pdf', Buffer.concat([pdf, Buffer.alloc(1000)]), false, ALL), {
      ok: false,
      error: 'The selected file must be smaller than 1 KB',
    });
    assert.deepEqual(checkDocumentFile('a.pdf', pdf, true, ALL), {
      ok: false,
      error: 'The selected file must be smaller than 1 KB',
    });
  });
});
