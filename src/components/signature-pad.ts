// <signature-pad>: a handwritten signature on a canvas. Strokes are kept as points relative to the
// pad (0–1), so the drawing survives rotation, resizing and being hidden and shown again: the
// canvas is simply redrawn at its new size. toPng() renders the strokes at a fixed size.
type Stroke = [number, number][];

class SignaturePad extends HTMLElement {
  #strokes: Stroke[] = [];
  #canvas!: HTMLCanvasElement;
  #drawing: Stroke | null = null;

  connectedCallback(): void {
    this.#canvas = this.querySelector('canvas')!;
    this.#canvas.style.touchAction = 'none';
    new ResizeObserver(() => this.#redraw()).observe(this.#canvas);
    this.#canvas.addEventListener('pointerdown', (e) => {
      try {
        this.#canvas.setPointerCapture(e.pointerId); // keep the stroke when the finger leaves the pad
      } catch {
        // capture is a nicety; drawing works without it
      }
      this.#drawing = [this.#point(e)];
      this.#strokes.push(this.#drawing);
      this.#redraw();
    });
    this.#canvas.addEventListener('pointermove', (e) => {
      if (!this.#drawing) return;
      this.#drawing.push(this.#point(e));
      this.#redraw();
    });
    const end = () => {
      if (!this.#drawing) return;
      this.#drawing = null;
      this.dispatchEvent(new Event('change', { bubbles: true }));
    };
    this.#canvas.addEventListener('pointerup', end);
    this.#canvas.addEventListener('pointercancel', end);
    this.querySelector('[data-clear]')?.addEventListener('click', () => this.clear());
  }

  #point(e: PointerEvent): [number, number] {
    const r = this.#canvas.getBoundingClientRect();
    return [Math.min(1, Math.max(0, (e.clientX - r.left) / r.width)), Math.min(1, Math.max(0, (e.clientY - r.top) / r.height))];
  }

  #paint(ctx: CanvasRenderingContext2D, w: number, h: number, lineWidth: number): void {
    ctx.clearRect(0, 0, w, h);
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.lineWidth = lineWidth;
    ctx.strokeStyle = '#111';
    for (const s of this.#strokes) {
      ctx.beginPath();
      s.forEach(([x, y], i) => (i ? ctx.lineTo(x * w, y * h) : ctx.moveTo(x * w, y * h)));
      if (s.length === 1) ctx.lineTo(s[0]![0] * w + 0.1, s[0]![1] * h);
      ctx.stroke();
    }
  }

  #redraw(): void {
    const { width, height } = this.#canvas.getBoundingClientRect();
    if (!width || !height) return; // hidden: redraw when shown
    const dpr = devicePixelRatio || 1;
    this.#canvas.width = Math.round(width * dpr);
    this.#canvas.height = Math.round(height * dpr);
    const ctx = this.#canvas.getContext('2d')!;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    this.#paint(ctx, width, height, 2.5);
  }

  get isEmpty(): boolean {
    return this.#strokes.every((s) => s.length < 2);
  }

  clear(): void {
    this.#strokes = [];
    this.#redraw();
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  /** The signature as PNG bytes, 600 × 200 on transparent. */
  async toPng(): Promise<{ bytes: Uint8Array; width: number; height: number }> {
    const c = document.createElement('canvas');
    c.width = 600;
    c.height = 200;
    this.#paint(c.getContext('2d')!, 600, 200, 5);
    const blob = await new Promise<Blob>((resolve) => c.toBlob((b) => resolve(b!), 'image/png'));
    return { bytes: new Uint8Array(await blob.arrayBuffer()), width: 600, height: 200 };
  }
}

customElements.define('signature-pad', SignaturePad);
export type { SignaturePad };
