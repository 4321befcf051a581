// <signature-pad>: a handwritten signature on a canvas. Strokes are kept as points in units of the
// pad's width (both axes, so a circle stays a circle), on a pad of fixed 3:1 shape; the drawing
// survives rotation, resizing and being hidden and shown again (the canvas is redrawn at its new
// size) and a reload (kept in localStorage per inspection and signer). toPng() renders 600 × 200.
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
    this.addEventListener('change', () => this.#save());
    this.#load();
  }

  #key(): string {
    return `signature:${new URLSearchParams(location.search).get('id') ?? ''}:${this.dataset.signer ?? ''}`;
  }

  #save(): void {
    try {
      if (this.#strokes.length) localStorage.setItem(this.#key(), JSON.stringify(this.#strokes));
      else localStorage.removeItem(this.#key());
    } catch {
      // full storage: the signature is only lost on reload
    }
  }

  #load(): void {
    try {
      const saved = JSON.parse(localStorage.getItem(this.#key()) ?? '[]') as Stroke[];
      if (Array.isArray(saved)) this.#strokes = saved;
    } catch {
      this.#strokes = [];
    }
    this.#redraw();
  }

  #point(e: PointerEvent): [number, number] {
    const r = this.#canvas.getBoundingClientRect();
    // Both in units of the width: uniform scaling keeps shapes when the pad is redrawn at another size.
    return [
      Math.min(1, Math.max(0, (e.clientX - r.left) / r.width)),
      Math.min(r.height / r.width, Math.max(0, (e.clientY - r.top) / r.width)),
    ];
  }

  #paint(ctx: CanvasRenderingContext2D, w: number, h: number, lineWidth: number): void {
    // One scale for both axes (the width); the pad's CSS keeps it 3:1 like the PNG.
    const s = w;
    ctx.clearRect(0, 0, w, h);
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.lineWidth = lineWidth;
    ctx.strokeStyle = '#111';
    for (const stroke of this.#strokes) {
      ctx.beginPath();
      stroke.forEach(([x, y], i) => (i ? ctx.lineTo(x * s, y * s) : ctx.moveTo(x * s, y * s)));
      if (stroke.length === 1) ctx.lineTo(stroke[0]![0] * s + 0.1, stroke[0]![1] * s);
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
