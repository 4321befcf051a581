// Burns the evidence stamp (src/domain/photo-stamp.ts) into a photo on a canvas and re-encodes
// it as JPEG; the stamped bytes are what is stored, hashed and printed.
import { stampLayout } from '../../domain/photo-stamp';
import type { DownscaledPhoto } from './downscale';

export async function stampPhoto(photo: DownscaledPhoto, lines: readonly string[], quality = 0.88): Promise<DownscaledPhoto> {
  const bitmap = await createImageBitmap(photo.blob);
  const canvas = document.createElement('canvas');
  canvas.width = photo.width;
  canvas.height = photo.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('浏览器无法处理图片。');
  ctx.drawImage(bitmap, 0, 0, photo.width, photo.height);
  bitmap.close();
  const font = (size: number) => `600 ${size}px "Noto Sans SC", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif`;
  const layout = stampLayout(photo.width, photo.height, lines, (text, size) => {
    ctx.font = font(size);
    return ctx.measureText(text).width;
  });
  ctx.fillStyle = 'rgba(0, 0, 0, 0.55)';
  ctx.fillRect(layout.box.x, layout.box.y, layout.box.w, layout.box.h);
  ctx.font = font(layout.fontSize);
  ctx.fillStyle = '#fff';
  ctx.textBaseline = 'alphabetic';
  for (const l of layout.lines) ctx.fillText(l.text, l.x, l.y);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
  if (!blob) throw new Error('图片处理失败，请重试。');
  return { blob, width: photo.width, height: photo.height };
}
