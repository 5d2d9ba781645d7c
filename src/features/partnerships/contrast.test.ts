import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contrastRatio, normaliseHexColour, relativeLuminance, whiteTextReadableOn } from './contrast.ts';

describe('colour contrast (WCAG 2.2)', () => {
  it('reads #rrggbb and #rgb colours, and nothing else', () => {
    assert.equal(normaliseHexColour(' #1D70B8 '), '#1d70b8');
    assert.equal(normaliseHexColour('1d70b8'), '#1d70b8');
    assert.equal(normaliseHexColour('#fa0'), '#ffaa00');
    for (const bad of ['', '#12345', '#1234567', 'blue', '#ggg000', 'rgb(0,0,0)', '#000;}body{'])
      assert.equal(normaliseHexColour(bad), null, bad);
  });

  it('gives the luminance of black, white and a mid grey', () => {
    assert.equal(relativeLuminance('#000000'), 0);
    assert.equal(relativeLuminance('#ffffff'), 1);
    assert.ok(Math.abs(relativeLuminance('#808080') - 0.2159) < 0.0001);
  });

  it('gives 21:1 for black on white, 1:1 for a colour on itself, in either order', () => {
    assert.equal(contrastRatio('#000000', '#ffffff'), 21);
    assert.equal(contrastRatio('#ffffff', '#000000'), 21);
    assert.equal(contrastRatio('#1d70b8', '#1d70b8'), 1);
  });

  it('matches known ratios for white text', () => {
    // GOV.UK blue #1d70b8: 5.17:1.
    assert.ok(Math.abs(contrastRatio('#ffffff', '#1d70b8') - 5.17) < 0.01);
    // #777777 is the classic just-failing grey: 4.48:1; #767676 just passes: 4.54:1.
    assert.ok(Math.abs(contrastRatio('#ffffff', '#777777') - 4.48) < 0.01);
    assert.ok(Math.abs(contrastRatio('#ffffff', '#767676') - 4.54) < 0.01);
  });

  it('accepts a header colour only when white text on it reaches 4.5:1', () => {
    assert.equal(whiteTextReadableOn('#0b0c0c'), true);
    assert.equal(whiteTextReadableOn('#1d70b8'), true);
    assert.equal(whiteTextReadableOn('#767676'), true);
    assert.equal(whiteTextReadableOn('#777777'), false);
    assert.equal(whiteTextReadableOn('#ffdd00'), false);
    assert.equal(whiteTextReadableOn('#ffffff'), false);
  });
});
