// Just enough PNG reading for tests: the size, and the decoded pixels to tell a picture from a blank.
import zlib from 'node:zlib';

export interface PngInfo {
  width: number;
  height: number;
  /** Distinct RGB colours among sampled pixels. */
  colors: number;
  /** How many pixels have each colour ('#rrggbb'). */
  histogram: Map<string, number>;
}

export function readPng(buf: Buffer): PngInfo {
  if (buf.subarray(0, 8).toString('hex') !== '89504e470d0a1a0a') throw new Error('not a PNG signature');
  let pos = 8;
  let width = 0;
  let height = 0;
  let bitDepth = 0;
  let colorType = 0;
  const idat: Buffer[] = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.subarray(pos + 4, pos + 8).toString('ascii');
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      bitDepth = data[8] ?? 0;
      colorType = data[9] ?? 0;
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    pos += 12 + len;
  }
  if (bitDepth !== 8 || ![2, 6].includes(colorType)) throw new Error(`unsupported PNG: depth ${bitDepth}, colour type ${colorType}`);
  const bpp = colorType === 6 ? 4 : 3;
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      // Earlier bytes of this line and the line above: in range by the loop bounds.
      const a = x >= bpp ? pixels[y * stride + x - bpp]! : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const c = x >= bpp && y > 0 ? pixels[(y - 1) * stride + x - bpp]! : 0;
      const byte = line[x];
      // Data cut short: the missing bytes stay 0.
      if (byte === undefined) continue;
      let v = byte;
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      pixels[y * stride + x] = v & 0xff;
    }
  }
  const colors = new Set<number>();
  for (let i = 0; i < width * height; i += 7) colors.add(pixels.readUIntBE(i * bpp, 3));
  const histogram = new Map<string, number>();
  for (let i = 0; i < width * height; i++) {
    const hex = `#${pixels.readUIntBE(i * bpp, 3).toString(16).padStart(6, '0')}`;
    histogram.set(hex, (histogram.get(hex) ?? 0) + 1);
  }
  return { width, height, colors: colors.size, histogram };
}
