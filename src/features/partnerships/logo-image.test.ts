import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sniffLogoType } from './logo-image.ts';

const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);

describe('logo type by its bytes', () => {
  it('knows a PNG and a JPEG', () => {
    assert.equal(sniffLogoType(png), 'image/png');
    assert.equal(sniffLogoType(jpeg), 'image/jpeg');
  });

  it('refuses anything else, whatever it is called', () => {
    assert.equal(sniffLogoType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>')), null);
    assert.equal(sniffLogoType(Buffer.from('GIF89a\x01\x00\x01\x00')), null);
    assert.equal(sniffLogoType(Buffer.from('<html><script>alert(1)</script></html>')), null);
    assert.equal(sniffLogoType(Buffer.alloc(0)), null);
    assert.equal(sniffLogoType(png.subarray(0, 8)), null, 'a bare signature is not an image');
  });
});
