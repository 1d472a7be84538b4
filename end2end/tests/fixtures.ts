// Test files made on the spot (no file checked in): a real PDF, a sharp colour photo of the
// 1-inch ratio, a legible scanned page, a blurred one, a truncated PDF, a program renamed .pdf,
// and a PNG whose header says 30000×30000.
import { deflateSync } from 'node:zlib';

export type Fixture = { name: string; mimeType: string; buffer: Buffer };

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** An RGB PNG of `w×h` whose pixel (x, y) is `pixel(x, y)`. */
function png(w: number, h: number, pixel: (x: number, y: number) => [number, number, number]): Buffer {
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    const row = y * (w * 3 + 1);
    raw[row] = 0;
    for (let x = 0; x < w; x++) {
      const [r, g, b] = pixel(x, y);
      raw[row + 1 + x * 3] = r;
      raw[row + 2 + x * 3] = g;
      raw[row + 3 + x * 3] = b;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** A colour "portrait", 413×579 (25:35 at 300 dpi): a textured face-coloured oval on blue. */
export function photo(name = '一寸照片.png'): Fixture {
  const buffer = png(413, 579, (x, y) => {
    const dx = (x - 206) / 137;
    const dy = (y - 263) / 193;
    if (dx * dx + dy * dy < 1) {
      const t = ((x * 7 + y * 13) % 5) * 6;
      return [220 - t, 180 - t, 150 - t];
    }
    return [40, 90, 200];
  });
  return { name, mimeType: 'image/png', buffer };
}

/** A legible scan of a page: rows of black "glyphs" on white. */
export function scan(name = '扫描件.png'): Fixture {
  const buffer = png(1240, 1754, (x, y) => {
    const ink = Math.floor(y / 24) % 2 === 0 && y % 24 < 14 && Math.floor(x / 9) % 3 !== 0 && x % 9 < 6 && x > 60 && x < 1180;
    return ink ? [20, 20, 20] : [250, 250, 250];
  });
  return { name, mimeType: 'image/png', buffer };
}

/** A page photographed out of focus: nothing but soft gradients. */
export function blurred(name = '模糊的扫描件.png'): Fixture {
  const buffer = png(1240, 1754, (x, y) => {
    const v = 180 + Math.round(40 * Math.sin(x / 300) * Math.cos(y / 400));
    return [v, v, v];
  });
  return { name, mimeType: 'image/png', buffer };
}

/** A one-page PDF with a correct cross-reference table. */
export function pdf(name = '材料.pdf'): Fixture {
  const content = 'BT /F1 24 Tf 72 720 Td (Zhiping test) Tj ET';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  let out = '%PDF-1.5\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return { name, mimeType: 'application/pdf', buffer: Buffer.from(out, 'latin1') };
}

/** The first 40% of a PDF, as a broken download leaves it. */
export function truncatedPdf(): Fixture {
  const whole = pdf().buffer;
  return { name: '不完整.pdf', mimeType: 'application/pdf', buffer: whole.subarray(0, Math.floor(whole.length * 0.4)) };
}

/** A program with a .pdf name. */
export function executableAsPdf(): Fixture {
  const buffer = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(64, 0x90)]);
  return { name: '证书.pdf', mimeType: 'application/pdf', buffer };
}

/** A PNG whose header claims 30000×30000 pixels (its data is a 1×1 image). */
export function pixelBomb(): Fixture {
  const small = png(1, 1, () => [0, 0, 0]);
  const ihdrData = Buffer.from(small.subarray(16, 29));
  ihdrData.writeUInt32BE(30000, 0);
  ihdrData.writeUInt32BE(30000, 4);
  const fixed = chunk('IHDR', ihdrData);
  const buffer = Buffer.concat([small.subarray(0, 8), fixed, small.subarray(33)]);
  return { name: '超大图片.png', mimeType: 'image/png', buffer };
}
