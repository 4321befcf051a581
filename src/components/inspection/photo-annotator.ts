// Annotating an evidence photo on the tablet: circle, arrow or a short text, drawn with a finger
// on a copy. The original stays untouched beside it; the caller stores the copy as a new photo.
type Tool = 'circle' | 'arrow' | 'text';
type Mark = { tool: Tool; x0: number; y0: number; x1: number; y1: number; text?: string };

const RED = '#e11d1d';

function drawMark(g: CanvasRenderingContext2D, m: Mark, scale: number): void {
  g.strokeStyle = RED;
  g.fillStyle = RED;
  g.lineWidth = Math.max(3, 6 * scale);
  g.lineCap = 'round';
  if (m.tool === 'circle') {
    g.beginPath();
    g.arc(m.x0, m.y0, Math.hypot(m.x1 - m.x0, m.y1 - m.y0), 0, 2 * Math.PI);
    g.stroke();
  } else if (m.tool === 'arrow') {
    const a = Math.atan2(m.y1 - m.y0, m.x1 - m.x0);
    const head = 28 * scale;
    g.beginPath();
    g.moveTo(m.x0, m.y0);
    g.lineTo(m.x1, m.y1);
    g.moveTo(m.x1, m.y1);
    g.lineTo(m.x1 - head * Math.cos(a - 0.45), m.y1 - head * Math.sin(a - 0.45));
    g.moveTo(m.x1, m.y1);
    g.lineTo(m.x1 - head * Math.cos(a + 0.45), m.y1 - head * Math.sin(a + 0.45));
    g.stroke();
  } else if (m.text) {
    g.font = `700 ${Math.round(40 * scale)}px "Noto Sans SC", "Noto Sans CJK SC", sans-serif`;
    g.lineWidth = Math.max(2, 4 * scale);
    g.strokeStyle = '#fff';
    g.strokeText(m.text, m.x0, m.y0);
    g.fillText(m.text, m.x0, m.y0);
  }
}

/** Opens the annotation dialog over `photo`; resolves with the annotated JPEG, or null when cancelled. */
export async function annotatePhoto(photo: Blob): Promise<Blob | null> {
  const bitmap = await createImageBitmap(photo);
  const dialog = document.createElement('dialog');
  dialog.className = 'annotator';
  dialog.setAttribute('aria-label', '标注照片');
  dialog.innerHTML = `
    <div class="annotator-bar" role="toolbar" aria-label="标注工具">
      <button type="button" class="button" data-tool="circle" aria-pressed="true">画圈</button>
      <button type="button" class="button button-quiet" data-tool="arrow" aria-pressed="false">箭头</button>
      <button type="button" class="button button-quiet" data-tool="text" aria-pressed="false">文字</button>
      <button type="button" class="button button-quiet" data-undo>撤销</button>
      <button type="button" class="button" data-save>保存标注（原图保留）</button>
      <button type="button" class="button button-quiet" data-cancel>取消</button>
    </div>
    <canvas class="annotator-canvas"></canvas>`;
  document.body.append(dialog);
  const canvas = dialog.querySelector('canvas')!;
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  canvas.style.touchAction = 'none';
  const g = canvas.getContext('2d')!;
  const scale = Math.max(bitmap.width, bitmap.height) / 1600;
  const marks: Mark[] = [];
  let tool: Tool = 'circle';
  let current: Mark | null = null;
  const redraw = () => {
    g.drawImage(bitmap, 0, 0);
    for (const m of current ? [...marks, current] : marks) drawMark(g, m, scale);
  };
  const at = (e: PointerEvent): [number, number] => {
    const r = canvas.getBoundingClientRect();
    return [((e.clientX - r.left) / r.width) * canvas.width, ((e.clientY - r.top) / r.height) * canvas.height];
  };
  canvas.addEventListener('pointerdown', (e) => {
    const [x, y] = at(e);
    if (tool === 'text') {
      const text = prompt('标注文字（20 字以内）')?.trim().slice(0, 20);
      if (text) marks.push({ tool, x0: x, y0: y, x1: x, y1: y, text });
      redraw();
      return;
    }
    current = { tool, x0: x, y0: y, x1: x, y1: y };
  });
  canvas.addEventListener('pointermove', (e) => {
    if (!current) return;
    [current.x1, current.y1] = at(e);
    redraw();
  });
  const end = () => {
    if (current && Math.hypot(current.x1 - current.x0, current.y1 - current.y0) > 4) marks.push(current);
    current = null;
    redraw();
  };
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', end);
  redraw();
  dialog.showModal();
  return new Promise((resolve) => {
    const close = (result: Blob | null) => {
      dialog.close();
      dialog.remove();
      bitmap.close();
      resolve(result);
    };
    dialog.addEventListener('click', (e) => {
      const t = e.target as HTMLElement;
      const pick = t.closest<HTMLButtonElement>('[data-tool]');
      if (pick) {
        tool = pick.dataset.tool as Tool;
        for (const b of dialog.querySelectorAll<HTMLButtonElement>('[data-tool]')) {
          b.setAttribute('aria-pressed', String(b === pick));
          b.classList.toggle('button-quiet', b !== pick);
        }
      }
      if (t.closest('[data-undo]')) {
        marks.pop();
        redraw();
      }
      if (t.closest('[data-cancel]')) close(null);
      if (t.closest('[data-save]')) {
        if (!marks.length) return void alert('还没有标注。');
        canvas.toBlob((b) => close(b), 'image/jpeg', 0.88);
      }
    });
    dialog.addEventListener('cancel', () => close(null));
  });
}
