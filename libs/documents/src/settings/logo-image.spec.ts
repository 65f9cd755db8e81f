import { AppError } from '@app/core';
import { MAX_LOGO_BYTES, logoDataUri } from './logo-image';

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(32)]);
const JPEG = Buffer.concat([Buffer.from('ffd8ffe0', 'hex'), Buffer.alloc(32)]);
const SVG = Buffer.from(
  '\uFEFF<?xml version="1.0"?>\n<!-- logo -->\n<svg xmlns="http://www.w3.org/2000/svg"/>',
);
const GIF = Buffer.from('GIF89a\x01\x00\x01\x00');

const rejection = (content: unknown): AppError => {
  try {
    logoDataUri(content);
  } catch (error) {
    return error as AppError;
  }
  throw new Error('accepted');
};

describe('logoDataUri', () => {
  it('accepts PNG, JPEG and SVG by their bytes, as data URIs', () => {
    expect(logoDataUri(PNG)).toBe(`data:image/png;base64,${PNG.toString('base64')}`);
    expect(logoDataUri(JPEG)).toMatch(/^data:image\/jpeg;base64,/);
    expect(logoDataUri(SVG)).toMatch(/^data:image\/svg\+xml;base64,/);
  });

  it('refuses other images, text and empty bodies with 422 invalid_logo', () => {
    for (const content of [GIF, Buffer.from('<html><svg/></html>'), Buffer.alloc(0), { logo: 'x' }]) {
      expect(rejection(content)).toMatchObject({ status: 422, code: 'invalid_logo' });
    }
  });

  it('refuses a logo over 1 MB, even a real PNG', () => {
    const big = Buffer.concat([PNG, Buffer.alloc(MAX_LOGO_BYTES)]);
    expect(rejection(big)).toMatchObject({ status: 422, code: 'invalid_logo' });
    expect(logoDataUri(Buffer.concat([PNG, Buffer.alloc(MAX_LOGO_BYTES - PNG.length)]))).toMatch(
      /^data:image\/png/,
    );
  });
});
