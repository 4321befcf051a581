/**
 * One editor per inspection across the tabs of this browser. The tab holding the Web Lock
 * `inspection:<id>` edits; any other tab opens read-only, queues for the lock and takes over the
 * moment the editor closes (the browser releases a closed or crashed tab's lock). Tabs tell each
 * other over a BroadcastChannel of the same name when a change is stored, so a read-only tab
 * shows the latest answers.
 *
 * Without Web Locks (older in-app browsers) the tabs claim the record over the BroadcastChannel:
 * a tab asks who edits, claims when nobody answers, the editor says when it closes, and readers
 * ask again every few seconds in case the editor died silently. Without either, every tab edits
 * and the store merges per answer. The path in use is on the element (`data-lock-path`) and, when
 * it is not Web Locks, said on screen.
 */
import { newId } from '../../adapters/clock';

export type LockPath = 'web-locks' | 'broadcast-channel' | 'none';

export interface EditLockEvents {
  /** This tab may edit (at start, or taking over from a closed editor). */
  editable(): void;
  /** Another tab edits: this one only shows. */
  readOnly(): void;
  /** Another tab stored a change. */
  peerSaved(): void;
}

type Message = { t: 'who' | 'held' | 'claim' | 'released' | 'saved'; from: string };

const ASK_MS = 250; // how long a tab waits for an editor to answer (fallback path)
const POLL_MS = 3000; // readers re-ask this often in case the editor died without a word

export class EditLock {
  readonly path: LockPath;
  readonly #name: string;
  readonly #me = newId();
  readonly #events: EditLockEvents;
  #channel: BroadcastChannel | null = null;
  #editing = false;
  #release: (() => void) | null = null;
  #heardHeld = false;
  #poll: ReturnType<typeof setInterval> | null = null;

  constructor(inspectionId: string, events: EditLockEvents) {
    this.#name = `inspection:${inspectionId}`;
    this.#events = events;
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    const channels = typeof BroadcastChannel === 'function';
    this.path = locks?.request ? 'web-locks' : channels ? 'broadcast-channel' : 'none';
    if (channels) {
      this.#channel = new BroadcastChannel(this.#name);
      this.#channel.onmessage = (e: MessageEvent<Message>) => this.#onMessage(e.data);
    }
  }

  get editing(): boolean {
    return this.#editing;
  }

  start(): void {
    if (this.path === 'web-locks') this.#startWebLocks();
    else if (this.path === 'broadcast-channel') {
      this.#ask();
      addEventListener('pagehide', () => this.#editing && this.#post('released'));
    } else this.#becomeEditor();
  }

  /** Tells read-only tabs that a change is stored. */
  announceSaved(): void {
    if (this.#editing) this.#post('saved');
  }

  // ---- Web Locks ----
  #startWebLocks(): void {
    const hold = () =>
      new Promise<void>((resolve) => {
        this.#release = resolve;
        this.#becomeEditor();
      });
    void navigator.locks.request(this.#name, { ifAvailable: true }, (lock) => {
      if (lock) return hold();
      this.#events.readOnly();
      // Queued: granted when the editing tab closes, crashes or navigates away.
      void navigator.locks.request(this.#name, () => hold());
      return undefined;
    });
  }

  // ---- BroadcastChannel fallback ----
  #ask(): void {
    this.#heardHeld = false;
    this.#post('who');
    setTimeout(() => {
      if (this.#heardHeld) return this.#toReader();
      this.#post('claim');
      this.#becomeEditor();
    }, ASK_MS);
  }

  #toReader(): void {
    if (this.#poll) return;
    this.#events.readOnly();
    this.#poll = setInterval(() => !this.#editing && this.#ask(), POLL_MS);
  }

  #onMessage(m: Message): void {
    if (m.from === this.#me) return;
    if (m.t === 'saved') return void (!this.#editing && this.#events.peerSaved());
    if (this.path !== 'broadcast-channel') return;
    if (m.t === 'who' && this.#editing) this.#post('held');
    else if (m.t === 'claim' && this.#editing) this.#post('held');
    else if (m.t === 'held') {
      this.#heardHeld = true;
      // Two tabs claimed at once: the one with the smaller id keeps editing.
      if (this.#editing && m.from < this.#me) {
        this.#editing = false;
        this.#toReader();
      }
    } else if (m.t === 'released' && !this.#editing) this.#ask();
  }

  #becomeEditor(): void {
    if (this.#editing) return;
    this.#editing = true;
    if (this.#poll) clearInterval(this.#poll);
    this.#poll = null;
    this.#events.editable();
  }

  #post(t: Message['t']): void {
    this.#channel?.postMessage({ t, from: this.#me } satisfies Message);
  }

  /** Lets another tab edit (tests; the browser releases the lock itself when the tab goes). */
  release(): void {
    this.#release?.();
    if (this.#editing && this.path === 'broadcast-channel') this.#post('released');
    this.#editing = false;
  }
}

/** The Chinese line shown for the lock state, or '' when nothing needs saying. */
export function lockNote(path: LockPath, editing: boolean): string {
  if (!editing) {
    return '此检查已在另一个标签页中打开编辑。为免两边的修改互相覆盖，本页只能查看；关闭那个标签页后，本页会自动接手编辑，并显示最新保存的内容。';
  }
  if (path === 'broadcast-channel') {
    return '此浏览器不支持标签页锁（Web Locks），改用标签页间消息协调编辑：同一检查只在一个标签页中可编辑，其他标签页只读。';
  }
  if (path === 'none') {
    return '此浏览器无法协调多个标签页：请只在一个标签页中编辑此检查。各标签页的修改按每一项合并保存，同一项以最后一次修改为准。';
  }
  return '';
}
