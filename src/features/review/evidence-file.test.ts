import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkEvidenceFile, EVIDENCE_MAX_BYTES, formatFileSize } from './evidence-file.ts';

const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32)]);
const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n');
const pptx = Buffer.concat([
  Buffer.from([0x50, 0x4b, 0x03, 0x04]),
  Buffer.alloc(26),
  Buffer.from('[Content_Types].xml ppt/presentation.xml'),
]);
const zipWith = (entries: string) =>
  Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from(entries)]);

describe('evidence files', () => {
  it('refuses a file whose bytes are not what its name says, or not an accepted kind', () => {
    const fake = checkEvidenceFile('policy.pdf', Buffer.from('MZ this is a program'), false);
    assert.deepEqual(fake, {
      ok: false,
      error: 'The selected file must be a PDF, Word, Excel, PNG or JPEG file',
    });
    assert.equal(checkEvidenceFile('picture.pdf', png, false).ok, false, 'a PNG named .pdf');
    assert.equal(checkEvidenceFile('archive.docx', zipWith('[Content_Types].xml other/'), false).ok, false);
    assert.equal(checkEvidenceFile('page.html', Buffer.from('<html>'), false).ok, false);
    assert.equal(checkEvidenceFile('slides.pptx', pptx, false).ok, false, 'PowerPoint is not asked for here');
  });

  it('refuses an empty file and one over 5 MB', () => {
    assert.deepEqual(checkEvidenceFile('a.pdf', Buffer.alloc(0), false), {
      ok: false,
      error: 'The selected file is empty',
    });
    assert.deepEqual(checkEvidenceFile('a.pdf', pdf, true), {
      ok: false,
      error: 'The selected file must be smaller than 5 MB',
    });
    const big = Buffer.concat([pdf, Buffer.alloc(EVIDENCE_MAX_BYTES)]);
    assert.equal(checkEvidenceFile('a.pdf', big, false).ok, false);
  });

  it('accepts a good file with its type from the bytes and a name safe for a download header', () => {
    assert.deepEqual(checkEvidenceFile('C:\\Users\\me\\Training "log" 2026.PDF', pdf, false), {
      ok: true,
      fileName: 'Training -log- 2026.PDF',
      contentType: 'application/pdf',
    });
    assert.deepEqual(checkEvidenceFile('photo.JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), false), {
      ok: true,
      fileName: 'photo.JPEG',
      contentType: 'image/jpeg',
    });
  });

  it('shows sizes as people read them', () => {
    assert.equal(formatFileSize(900), '900 bytes');
    assert.equal(formatFileSize(340 * 1024), '340 KB');
    assert.equal(formatFileSize(1.25 * 1024 * 1024), '1.3 MB');
  });
});
