import { invalidLogo } from '../documents.errors';

export const MAX_LOGO_BYTES = 1024 * 1024;

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);

/** An SVG document: optional BOM, XML declaration, comments and doctype, then the `<svg` root element. */
function isSvg(content: Buffer): boolean {
  const text = content
    .subarray(0, 4096)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  const prologue = /^\s*(<\?xml[^>]*\?>\s*)?((<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)\s*)*/i;
  return /^<svg[\s>]/i.test(text.replace(prologue, ''));
}

/** The image type, told by its first bytes (the declared content type is not trusted). */
function sniff(content: Buffer): 'image/png' | 'image/jpeg' | 'image/svg+xml' | null {
  if (content.subarray(0, PNG.length).equals(PNG)) return 'image/png';
  if (content.subarray(0, JPEG.length).equals(JPEG)) return 'image/jpeg';
  return isSvg(content) ? 'image/svg+xml' : null;
}

/**
 * A logo upload as a `data:` URI (the renderer loads nothing else): PNG, JPEG or SVG by magic bytes, at
 * most 1 MB; 422 `invalid_logo` otherwise. An SVG shown through `<img>` runs no script and loads nothing.
 */
export function logoDataUri(content: unknown): string {
  if (!Buffer.isBuffer(content) || content.length === 0)
    throw invalidLogo('send the image bytes as the body (image/png, image/jpeg or image/svg+xml)');
  if (content.length > MAX_LOGO_BYTES) throw invalidLogo(`must be at most ${MAX_LOGO_BYTES} bytes (1 MB)`);
  const type = sniff(content);
  if (!type) throw invalidLogo('must be a PNG, JPEG or SVG image');
  return `data:${type};base64,${content.toString('base64')}`;
}
