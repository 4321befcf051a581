// <sync-settings>: enter or import this device's sync configuration. Nothing is saved until the
// whole configuration checks out; errors are listed in Chinese and change nothing.
import { checkSyncConfig, parseProjectLines, projectLines, readConfigFile } from '../../domain/sync-config';
import { clearSyncConfig, loadSyncConfig, saveSyncConfig } from '../../adapters/sync/sync-config-store';
import type { SyncConfig } from '../../schemas/sync-config';
import { projectDbName } from '../../domain/sync-names';

class SyncSettings extends HTMLElement {
  connectedCallback(): void {
    const form = this.querySelector<HTMLFormElement>('[data-sync-form]')!;
    const saved = loadSyncConfig();
    if (saved) this.#fill(saved);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.#save(this.#read());
    });
    // A configuration file or QR code from the administrator (<qr-reader>).
    this.addEventListener('qr-text', (e) => this.#importText((e as CustomEvent<{ text: string }>).detail.text));
    this.querySelector('[data-sync-export]')!.addEventListener('click', () => this.#export(false));
    this.querySelector('[data-sync-qr-show]')!.addEventListener('click', () => this.#export(true));
    this.querySelector('[data-sync-clear]')!.addEventListener('click', () => {
      if (!confirm('停止同步并清除本设备的同步设置？已收集和已签名的文件都会保留。')) return;
      clearSyncConfig();
      form.reset();
      this.#message('已停止同步，设置已清除。');
    });
    this.querySelector('[data-sync-publish]')!.addEventListener('click', () => void this.#publish());
    this.dataset.state = 'ready';
  }

  #field(name: string): HTMLInputElement | HTMLTextAreaElement {
    return this.querySelector(`[name="${name}"]`)!;
  }

  #read(): Record<string, unknown> {
    const role = this.querySelector<HTMLInputElement>('[name="role"]:checked')?.value;
    return {
      format: 'wuye-sync-config',
      version: 1,
      role,
      url: this.#field('url').value,
      projects: parseProjectLines(this.#field('projects').value),
      username: this.#field('username').value,
      password: this.#field('password').value,
    };
  }

  #fill(c: Partial<SyncConfig>): void {
    if (c.role) this.querySelector<HTMLInputElement>(`[name="role"][value="${c.role}"]`)!.checked = true;
    if (c.url) this.#field('url').value = c.url;
    if (c.projects) this.#field('projects').value = projectLines(c.projects);
    if (c.username) this.#field('username').value = c.username;
    if (c.password) this.#field('password').value = c.password;
  }

  #errors(list: string[]): void {
    this.querySelector('[data-sync-errors]')!.replaceChildren(
      ...list.map((t) => Object.assign(document.createElement('li'), { textContent: t })),
    );
  }

  #message(text: string): void {
    this.querySelector('[data-sync-message]')!.textContent = text;
  }

  #save(input: unknown): boolean {
    const r = checkSyncConfig(input);
    if (!r.ok) {
      this.#errors(r.errors);
      this.#message('未保存：请按上面的提示修改。');
      return false;
    }
    this.#errors([]);
    saveSyncConfig(r.config);
    const dbs = r.config.projects.map((p) => `${p.name} → ${projectDbName(p)}`).join('；');
    this.#message(
      `${r.config.role === 'tablet' ? '已保存，联网时自动发送本机签名的文件。' : '已保存，联网时自动接收所管项目的文件。'}数据库：${dbs}`,
    );
    return true;
  }

  /**
   * A configuration file or QR code from the administrator; usually without the password, typed
   * here. Never saved by itself: the user sees the server it names and saves (a forged code would
   * otherwise send this device's documents, or its password, to another server).
   */
  #importText(text: string): void {
    const r = readConfigFile(text, loadSyncConfig());
    if (!r.ok) {
      this.#errors(r.errors);
      this.#message('未导入：配置文件有误，本设备的设置没有改变。');
      return;
    }
    this.#errors([]);
    this.#fill(r.config);
    if ('needsPassword' in r) this.#field('password').value = '';
    this.#message(
      `已读取配置文件，服务器：${r.config.url}（请核对是本公司的服务器）。${'needsPassword' in r ? '请填写密码并点' : '无误请点'}“保存并开始同步”；保存前本设备的设置不变。`,
    );
  }

  async #publish(): Promise<void> {
    const msg = this.querySelector('[data-sync-publish-message]')!;
    const config = loadSyncConfig();
    if (!config) {
      msg.textContent = '请先保存本设备的同步设置（服务器地址、用户名和密码）。';
      return;
    }
    msg.textContent = '正在发布…';
    const r = await (await import('../../adapters/sync/company')).publishTrustList(config);
    msg.textContent = 'error' in r ? `未发布：${r.error}` : `已发布第 ${r.sequence} 版信任列表到公司数据库。`;
  }

  /** The configuration as a file or a QR code; the password only when the box is ticked. */
  #export(asQr: boolean): void {
    const withPassword = this.querySelector<HTMLInputElement>('[data-sync-with-password]')!.checked;
    // Checked as the other device will check it; without the box ticked the password stays here.
    const r = readConfigFile(JSON.stringify({ ...this.#read(), password: withPassword ? this.#field('password').value : undefined }));
    if (!r.ok) return this.#errors(r.errors);
    if (withPassword && 'needsPassword' in r) return this.#errors(['请填写密码']);
    this.#errors([]);
    const text = JSON.stringify(r.config);
    if (asQr) return void this.#showQr(text);
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    a.download = 'sync-config.json';
    a.click();
    URL.revokeObjectURL(a.href);
  }

  async #showQr(text: string): Promise<void> {
    const img = this.querySelector<HTMLImageElement>('[data-sync-qr]')!;
    img.src = await (await import('../../adapters/files/qr')).qrDataUrl(text);
    img.hidden = false;
  }
}

customElements.define('sync-settings', SyncSettings);
