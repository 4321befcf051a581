// <qr-reader>: gets one text (a file's content or a QR code's) and dispatches `qr-text` with it.
// The QR decoder (jsQR) and encoder load on first use, not with the page.
const qr = () => import('../adapters/files/qr');

const MAX_FILE = 256 * 1024;

export type QrTextEvent = CustomEvent<{ text: string; source: 'file' | 'image' | 'camera' }>;

class QrReader extends HTMLElement {
  #stop: (() => void) | null = null;

  connectedCallback(): void {
    const status = this.querySelector<HTMLElement>('[data-qr-status]')!;
    const say = (t: string) => (status.textContent = t);
    const emit = (text: string, source: 'file' | 'image' | 'camera') =>
      this.dispatchEvent(new CustomEvent('qr-text', { detail: { text, source }, bubbles: true }));
    const file = this.querySelector<HTMLInputElement>('[data-qr-file]')!;
    file.addEventListener('change', async () => {
      const f = file.files?.[0];
      file.value = '';
      if (!f) return;
      if (f.size > MAX_FILE) {
        say('文件太大，不是登记文件。');
        return;
      }
      say('');
      emit(await f.text(), 'file');
    });
    const image = this.querySelector<HTMLInputElement>('[data-qr-image]')!;
    image.addEventListener('change', async () => {
      const f = image.files?.[0];
      image.value = '';
      if (!f) return;
      say('正在识别二维码…');
      try {
        const text = await (await qr()).decodeQrImage(f);
        if (!text) {
          say('图片中没有找到可识别的二维码。请让二维码占满画面、保持清晰后重试。');
          return;
        }
        say('');
        emit(text, 'image');
      } catch {
        say('无法读取这张图片。');
      }
    });
    const camera = this.querySelector<HTMLButtonElement>('[data-qr-camera]')!;
    const box = this.querySelector<HTMLElement>('[data-qr-video-box]')!;
    // Same test as adapters/files/qr cameraAvailable(), inline so the decoder need not load for it.
    camera.hidden = !navigator.mediaDevices?.getUserMedia;
    camera.addEventListener('click', async () => {
      box.hidden = false;
      say('请把二维码对准摄像头…');
      try {
        this.#stop = await (
          await qr()
        ).scanCamera(this.querySelector('video')!, (text) => {
          box.hidden = true;
          this.#stop = null;
          say('');
          emit(text, 'camera');
        });
      } catch {
        box.hidden = true;
        say('无法打开摄像头（没有摄像头，或未允许使用）。请改用“从图片识别二维码”或选择文件。');
      }
    });
    this.querySelector('[data-qr-stop]')!.addEventListener('click', () => {
      this.#stop?.();
      this.#stop = null;
      box.hidden = true;
      say('');
    });
  }

  disconnectedCallback(): void {
    this.#stop?.();
  }
}

customElements.define('qr-reader', QrReader);
