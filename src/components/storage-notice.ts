// <storage-notice>: honest about what the browser keeps. Explains a browser without usable
// IndexedDB (and hides the screen's storage-bound parts), asks for persistent storage and says
// what the browser answered, and reminds the user when documents wait only on this device.
import { appStores } from '../adapters/store';
import {
  probeIndexedDB,
  STORAGE_PROBE_MS,
  STORAGE_SLOW_EVENT,
  STORAGE_UNAVAILABLE_EVENT,
  type StorageAvailability,
} from '../adapters/store/availability';
import { nowIso } from '../adapters/clock';
import { deviceOnlyDocuments, exportReminder, isWebKitUserAgent, storageRisk, type StorageRisk } from '../domain/storage-risk';

const DISMISSED = 'storage-reminder-dismissed-at';

const WHY: Record<Exclude<StorageAvailability, { ok: true }>['reason'], string> = {
  missing: '这个浏览器没有提供本地数据库（IndexedDB），常见于部分应用内置的浏览器和无痕模式。',
  refused: '浏览器拒绝本站使用本地数据库，常见于无痕（隐私）浏览模式，或在设置里阻止了网站数据。',
  timeout: `浏览器在 ${STORAGE_PROBE_MS / 1000} 秒内没有打开本地数据库，可能是无痕模式或浏览器的限制。`,
};

const RISK_TEXT: Record<StorageRisk, string> = {
  persistent: '存储已设为持久：浏览器不会自动清除本设备上的检查、照片和签名文件。',
  'may-evict':
    '浏览器没有同意持久保存本站数据：设备空间不足时（部分浏览器在 7 天未使用后）可能清除本设备上的检查、照片和签名文件。请及时导出并交付。',
  'seven-day':
    'Safari 以及 iPad、iPhone 上的浏览器会删除 7 天未打开的网站保存的数据，包括本设备上的检查、照片和签名文件。请及时导出并交付；把本站“添加到主屏幕”并从主屏幕打开，可以避免被删除。',
};

async function askPersistence(): Promise<boolean> {
  const storage = navigator.storage as StorageManager | undefined;
  if (!storage?.persist) return false;
  try {
    return (await storage.persisted()) || (await storage.persist());
  } catch {
    return false;
  }
}

function standalone(): boolean {
  return matchMedia('(display-mode: standalone)').matches || (navigator as Navigator & { standalone?: boolean }).standalone === true;
}

class StorageNotice extends HTMLElement {
  #unavailable = false;

  connectedCallback(): void {
    window.addEventListener(STORAGE_UNAVAILABLE_EVENT, () => this.#showUnavailable('refused'));
    window.addEventListener(STORAGE_SLOW_EVENT, (e) => {
      this.querySelector<HTMLElement>('[data-slow]')!.hidden = !(e as CustomEvent<boolean>).detail;
    });
    this.querySelector('[data-reminder-dismiss]')!.addEventListener('click', () => {
      localStorage.setItem(DISMISSED, nowIso());
      this.querySelector<HTMLElement>('[data-reminder]')!.hidden = true;
    });
    void this.#check();
  }

  async #check(): Promise<void> {
    const availability = await probeIndexedDB();
    if (!availability.ok) {
      this.#showUnavailable(availability.reason);
      this.dataset.state = 'ready';
      return;
    }
    const risk = storageRisk({
      persisted: await askPersistence(),
      webkit: isWebKitUserAgent(navigator.userAgent),
      standalone: standalone(),
    });
    this.dataset.risk = risk;
    const line = this.querySelector<HTMLElement>('[data-persist]')!;
    line.dataset.risk = risk;
    line.textContent = RISK_TEXT[risk];
    line.hidden = risk === 'persistent' && !this.hasAttribute('data-detail');
    try {
      await this.#remind(risk);
    } finally {
      this.dataset.state = 'ready';
    }
  }

  async #remind(risk: StorageRisk): Promise<void> {
    if (risk === 'persistent') return;
    const stores = await appStores();
    const [records, exports] = await Promise.all([stores.inspections.list(), stores.documents.allExports()]);
    const reminder = exportReminder({
      risk,
      pending: deviceOnlyDocuments(records, exports),
      now: nowIso(),
      afterDays: Number(this.dataset.reminderDays),
      dismissedAt: localStorage.getItem(DISMISSED) ?? undefined,
    });
    if (!reminder || this.#unavailable) return;
    const parts = [
      reminder.unexported ? `${reminder.unexported} 份已定稿、还没有生成签名报告的检查` : '',
      reminder.undelivered ? `${reminder.undelivered} 份还没有交付的签名文件` : '',
    ].filter(Boolean);
    this.querySelector('[data-reminder-text]')!.textContent =
      `提醒：${parts.join('，以及 ')}只保存在这台设备上，最早的已有 ${reminder.oldestDays} 天。浏览器可能清除它们，请尽快生成报告、导出并交付。`;
    this.querySelector<HTMLElement>('[data-reminder]')!.hidden = false;
  }

  #showUnavailable(reason: keyof typeof WHY): void {
    if (this.#unavailable) return;
    this.#unavailable = true;
    document.documentElement.dataset.storage = 'unavailable';
    this.querySelector('[data-unavailable-why]')!.textContent = WHY[reason];
    this.querySelector<HTMLElement>('[data-unavailable]')!.hidden = false;
    this.querySelector<HTMLElement>('[data-persist]')!.hidden = true;
    this.querySelector<HTMLElement>('[data-reminder]')!.hidden = true;
  }
}

customElements.define('storage-notice', StorageNotice);
