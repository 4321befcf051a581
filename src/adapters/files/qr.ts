// QR codes for enrolment: drawn with `qrcode`, read with the camera (BarcodeDetector where the
// browser has it, otherwise jsQR on video frames) or from an image file (jsQR).
import QRCode from 'qrcode';
import jsQR from 'jsqr';

/** A PNG data URL of the QR code for `text` (byte mode; medium error correction for camera reads). */
export function qrDataUrl(text: string): Promise<string> {
  return QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 4, scale: 4 });
}

function decodeCanvas(canvas: HTMLCanvasElement | OffscreenCanvas, w: number, h: number): string | null {
  const ctx = canvas.getContext('2d', { willReadFrequently: true }) as CanvasRenderingContext2D | null;
  if (!ctx) return null;
  const data = ctx.getImageData(0, 0, w, h);
  return jsQR(data.data, w, h, { inversionAttempts: 'attemptBoth' })?.data ?? null;
}

/** Reads the QR code in a picture (a screenshot or photo); null when none is found. */
export async function decodeQrImage(file: Blob): Promise<string | null> {
  const bitmap = await createImageBitmap(file);
  try {
    // Large photos are scaled down (jsQR is slow on many megapixels); small images scaled up.
    for (const target of [1000, 1600, 600]) {
      const scale = Math.min(4, target / Math.max(bitmap.width, bitmap.height));
      const w = Math.max(1, Math.round(bitmap.width * scale));
      const h = Math.max(1, Math.round(bitmap.height * scale));
      const canvas = document.createElement('canvas');
      canvas.width = w;
      canvas.height = h;
      const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, w, h);
      ctx.imageSmoothingEnabled = scale < 1;
      ctx.drawImage(bitmap, 0, 0, w, h);
      const text = decodeCanvas(canvas, w, h);
      if (text) return text;
    }
    return null;
  } finally {
    bitmap.close();
  }
}

export const cameraAvailable = (): boolean => !!navigator.mediaDevices?.getUserMedia;

interface Detector {
  detect(source: CanvasImageSource): Promise<{ rawValue: string }[]>;
}

/** Scans the camera into `video` until a QR code is read; returns a stop function. */
export async function scanCamera(video: HTMLVideoElement, onText: (text: string) => void): Promise<() => void> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
  video.srcObject = stream;
  video.setAttribute('playsinline', '');
  await video.play();
  const BD = (globalThis as { BarcodeDetector?: new (o: { formats: string[] }) => Detector }).BarcodeDetector;
  let detector: Detector | null = null;
  try {
    detector = BD ? new BD({ formats: ['qr_code'] }) : null;
  } catch {
    detector = null;
  }
  const canvas = document.createElement('canvas');
  let stopped = false;
  const stop = () => {
    stopped = true;
    for (const t of stream.getTracks()) t.stop();
    video.srcObject = null;
  };
  const tick = async () => {
    if (stopped) return;
    let text: string | null = null;
    if (video.videoWidth) {
      if (detector) {
        text = (await detector.detect(video).catch(() => []))[0]?.rawValue ?? null;
      } else {
        const scale = Math.min(1, 800 / Math.max(video.videoWidth, video.videoHeight));
        canvas.width = Math.round(video.videoWidth * scale);
        canvas.height = Math.round(video.videoHeight * scale);
        canvas.getContext('2d', { willReadFrequently: true })!.drawImage(video, 0, 0, canvas.width, canvas.height);
        text = decodeCanvas(canvas, canvas.width, canvas.height);
      }
    }
    if (text && !stopped) {
      stop();
      onText(text);
      return;
    }
    setTimeout(() => requestAnimationFrame(() => void tick()), 150);
  };
  void tick();
  return stop;
}
