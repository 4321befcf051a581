// <trust-admin>: the quality department's screen for the company root, enrolment, revocation
// and the trust list. Crypto and storage live in adapters/signing/department.ts.
import { passphraseProblem } from '../domain/secret-rules';
import { fromDatetimeLocal, now, nowIso, toDatetimeLocal } from '../adapters/clock';
import { downloadFile } from '../adapters/files/download';
import * as stores from '../adapters/store/enrolment-store';
import type { QrTextEvent } from './qr-reader';
import { el } from './dom';

// pkijs/asn1js (the signing code) and the QR encoder load on first use, not with the page: they
// are most of this screen's JavaScript and the form is usable before they arrive.
const dept = () => import('../adapters/signing/department');
const certificates = () => import('../adapters/signing/certificate');
const enrolment = () => import('../adapters/signing/enrolment');
const qr = () => import('../adapters/files/qr');

const REASONS = ['设备遗失', '人员离职', '证书信息有误', '其他'];
const day = (iso: string) => new Date(iso).toLocaleDateString('zh-CN');

function say(target: Element, text: string, error = false): void {
  target.textContent = text;
  target.classList.toggle('save-error', error);
}

class TrustAdmin extends HTMLElement {
  #q<T extends Element = HTMLElement>(sel: string): T {
    return this.querySelector<T>(sel)! as T;
  }

  async connectedCallback(): Promise<void> {
    this.#q<HTMLFormElement>('[data-create]').addEventListener('submit', (e) => {
      e.preventDefault();
      void this.#create(e.target as HTMLFormElement);
    });
    this.#q<HTMLFormElement>('[data-restore]').addEventListener('submit', (e) => {
      e.preventDefault();
      void this.#restore(e.target as HTMLFormElement);
    });
    this.#q('[data-export-pem]').addEventListener('click', () => void this.#exportPem());
    this.#q('[data-export-trust]').addEventListener('click', () => void this.#exportTrust());
    this.#q('[data-export-backup]').addEventListener('click', () => void this.#exportBackup());
    this.addEventListener('qr-text', (e) => void this.#receive((e as QrTextEvent).detail.text));
    await this.#render();
    this.dataset.state = 'ready';
  }

  async #create(form: HTMLFormElement): Promise<void> {
    const status = this.#q('[data-root-status]');
    const data = new FormData(form);
    const company = String(data.get('company')).trim();
    const pass = String(data.get('passphrase'));
    const problem = !company ? '请填写公司名称。' : passphraseProblem(pass, String(data.get('again')));
    if (problem) return say(status, problem, true);
    const button = form.querySelector('button')!;
    button.disabled = true;
    say(status, '正在创建根证书…');
    try {
      const backup = await (await dept()).createRoot(company, pass, now());
      downloadFile(backup, 'application/json', 'company-root-backup.json');
      form.reset();
      await this.#useOwnList();
      say(status, '根证书已创建，唯一的备份文件已下载（company-root-backup.json）。请把它和备份口令分开妥善保管。');
      await this.#render();
    } catch (err) {
      say(status, `创建失败：${(err as Error).message}`, true);
    } finally {
      button.disabled = false;
    }
  }

  async #restore(form: HTMLFormElement): Promise<void> {
    const status = this.#q('[data-root-status]');
    const data = new FormData(form);
    const backup = data.get('backup') as File | null;
    const trust = data.get('trust') as File | null;
    if (!backup?.size) return say(status, '请选择根证书备份文件。', true);
    const button = form.querySelector('button')!;
    button.disabled = true;
    say(status, '正在恢复…');
    try {
      await (await dept()).restoreRoot(await backup.text(), String(data.get('passphrase')), trust?.size ? await trust.text() : null, now());
      form.reset();
      await this.#useOwnList();
      say(status, '根证书已恢复。请导出新的信任列表，发给各经理设备。');
      await this.#render();
    } catch (err) {
      say(status, (err as Error).message, true);
    } finally {
      button.disabled = false;
    }
  }

  /** The department's device verifies against the list it publishes, without importing it. */
  async #useOwnList(): Promise<void> {
    const published = await stores.getPublishedTrustList();
    if (!published) return;
    const { saveTrustList } = await import('../adapters/signing/trust-store');
    await saveTrustList(JSON.stringify(published), { replaceRoot: true });
    document.dispatchEvent(new CustomEvent('trust-list-changed'));
  }

  async #exportPem(): Promise<void> {
    const root = await stores.getRoot();
    if (root) downloadFile((await certificates()).certificatePem(root.certificate), 'application/x-pem-file', 'company-root.pem');
  }

  async #exportTrust(): Promise<void> {
    const list = await stores.getPublishedTrustList();
    if (list) downloadFile(JSON.stringify(list, null, 2), 'application/json', `trust-list-${list.list.sequence}.json`);
  }

  /** The backup as it stands: the same encrypted key with the issued certificates and revocations. */
  async #exportBackup(): Promise<void> {
    const status = this.#q('[data-root-status]');
    try {
      downloadFile(await (await dept()).currentBackup(now()), 'application/json', `company-root-backup-${nowIso().slice(0, 10)}.json`);
      this.dataset.backup = 'current';
      say(status, '已下载最新备份（含已签发的证书和吊销记录）。请替换之前保存的备份文件。');
    } catch (err) {
      say(status, (err as Error).message, true);
    }
  }

  async #receive(text: string): Promise<void> {
    const status = this.#q('[data-request-status]');
    try {
      const r = await (await dept()).receiveRequest(text, nowIso());
      say(status, `已收到「${r.commonName}」（${r.device}）的登记申请，申请的签名验证通过。请核对密钥指纹后批准。`);
      await this.#render();
    } catch (err) {
      say(status, (err as Error).message, true);
    }
  }

  async #approve(id: string): Promise<void> {
    const status = this.#q('[data-request-status]');
    try {
      const { certificate, root, issued } = await (await dept()).approveRequest(id, now());
      say(
        status,
        `已为「${issued.commonName}」签发证书（序列号 ${issued.serial.slice(0, 8)}…，有效期至 ${day(issued.notAfter)}）。请下载最新备份，以便更换设备后仍能吊销它。`,
      );
      this.dataset.backup = 'stale';
      await this.#showResponse(issued.commonName, certificate, root);
      await this.#render();
    } catch (err) {
      say(status, (err as Error).message, true);
    }
  }

  async #showResponse(name: string, certificate: Uint8Array, root: Uint8Array): Promise<void> {
    const box = this.#q('[data-response]');
    const { responseFile, responseQrText } = await enrolment();
    const url = await (await qr()).qrDataUrl(responseQrText(certificate, root));
    this.#q('[data-response-title]').textContent = `「${name}」的证书`;
    this.#q<HTMLImageElement>('[data-response-qr]').src = url;
    this.#q<HTMLAnchorElement>('[data-response-qr-save]').href = url;
    this.#q('[data-response-file]').onclick = () =>
      downloadFile(responseFile(certificate, root), 'application/json', `certificate-${name}.json`);
    box.hidden = false;
    box.scrollIntoView({ block: 'nearest' });
  }

  async #revoke(serial: string, card: HTMLElement): Promise<void> {
    const status = this.#q('[data-revoke-status]');
    const at = fromDatetimeLocal(card.querySelector<HTMLInputElement>('[data-revoke-at]')!.value);
    const kind = card.querySelector<HTMLSelectElement>('[data-revoke-reason]')!.value;
    const note = card.querySelector<HTMLInputElement>('[data-revoke-note]')!.value.trim();
    if (!at) return say(status, '请填写吊销生效的日期和时间。', true);
    if (kind === '其他' && !note) return say(status, '请写明吊销原因。', true);
    const reason = note ? `${kind}：${note}` : kind;
    try {
      const list = await (await dept()).revoke(serial, at, reason, now());
      await this.#useOwnList();
      say(status, `已吊销，信任列表更新为第 ${list.sequence} 版。请导出信任列表，发给各经理设备导入，并下载最新备份。`);
      this.dataset.backup = 'stale';
      await this.#render();
    } catch (err) {
      say(status, (err as Error).message, true);
    }
  }

  async #render(): Promise<void> {
    const root = await stores.getRoot();
    this.#q('[data-root-none]').hidden = !!root;
    this.#q('[data-root-info]').hidden = !root;
    for (const s of this.querySelectorAll<HTMLElement>('[data-needs-root]')) s.hidden = !root;
    this.dataset.root = root ? 'yes' : 'no';
    if (!root) return;
    const { Certificate } = await import('pkijs');
    const cert = Certificate.fromBER(root.certificate as Uint8Array<ArrayBuffer>);
    const facts = this.#q('[data-root-facts]');
    facts.replaceChildren();
    for (const [k, v] of [
      ['公司', root.company],
      ['证书指纹（SHA-256）', await (await certificates()).certificateFingerprint(root.certificate)],
      ['有效期至', day(cert.notAfter.value.toISOString())],
      ['来源', root.origin === 'created' ? `${day(root.createdAt)} 在本设备创建` : `${day(root.createdAt)} 从备份恢复`],
    ])
      facts.append(el('dt', k), el('dd', v));

    const requests = (await stores.listRequests()).filter((r) => r.status === 'pending');
    const reqList = this.#q('[data-requests]');
    reqList.replaceChildren();
    for (const r of requests) {
      const li = el('li', undefined, 'trust-card');
      li.dataset.request = r.id;
      li.append(el('p', `${r.commonName} · ${r.device}`, 'trust-card-title'), el('p', `密钥指纹：${r.id}`, 'fingerprint'));
      li.append(el('p', `收到：${day(r.receivedAt)} · 申请签名已验证`, 'muted'));
      const actions = el('p', undefined, 'finish-actions');
      const ok = el('button', '批准并签发证书', 'button');
      ok.type = 'button';
      ok.dataset.approve = '';
      ok.onclick = () => void this.#approve(r.id);
      const no = el('button', '拒绝', 'button button-quiet');
      no.type = 'button';
      no.onclick = async () => {
        await (await dept()).rejectRequest(r.id);
        await this.#render();
      };
      actions.append(ok, no);
      li.append(actions);
      reqList.append(li);
    }
    if (!requests.length) reqList.append(el('li', '没有待批准的申请。', 'muted'));

    const published = await stores.getPublishedTrustList();
    const revoked = new Map((published?.list.revocations ?? []).map((r) => [r.serial, r]));
    this.#q('[data-trust-seq]').textContent = published
      ? `信任列表：第 ${published.list.sequence} 版，吊销 ${revoked.size} 张证书。每次吊销后请导出并发给各经理设备。`
      : '';
    const issuedList = this.#q('[data-issued]');
    issuedList.replaceChildren();
    const issued = (await stores.listIssued()).sort((a, b) => b.issuedAt.localeCompare(a.issuedAt));
    for (const c of issued) {
      const li = el('li', undefined, 'trust-card');
      li.dataset.serial = c.serial;
      const r = revoked.get(c.serial);
      li.dataset.status = r ? 'revoked' : 'valid';
      li.append(
        el('p', `${c.commonName} · ${c.device}`, 'trust-card-title'),
        el('p', `序列号 ${c.serial} · 签发 ${day(c.issuedAt)} · 有效期至 ${day(c.notAfter)}`, 'muted'),
        el('p', `证书指纹：${c.fingerprint}`, 'fingerprint'),
      );
      if (r) {
        li.append(el('p', `已吊销：自 ${new Date(r.revokedAt).toLocaleString('zh-CN')} 起，原因：${r.reason}`, 'revoked'));
      } else {
        const again = el('button', '再次显示证书（二维码/文件）', 'button button-quiet');
        again.type = 'button';
        again.onclick = () => void this.#showResponse(c.commonName, c.certificate, root.certificate);
        const form = el('div', undefined, 'revoke-form');
        const at = Object.assign(el('input'), { type: 'datetime-local', value: toDatetimeLocal(nowIso()) });
        at.dataset.revokeAt = '';
        const reason = el('select');
        reason.dataset.revokeReason = '';
        reason.append(...REASONS.map((x) => Object.assign(el('option', x), { value: x })));
        const note = Object.assign(el('input'), { type: 'text', maxLength: 100 });
        note.dataset.revokeNote = '';
        const go = el('button', '吊销证书', 'button button-danger');
        go.type = 'button';
        go.dataset.revoke = '';
        go.onclick = () => void this.#revoke(c.serial, li);
        const lab = (text: string, input: HTMLElement) => {
          const l = el('label', undefined, 'field');
          l.append(el('span', text), input);
          return l;
        };
        form.append(lab('自何时起不再可信', at), lab('原因', reason), lab('说明', note), go);
        const details = el('details');
        details.append(el('summary', '吊销（设备遗失、人员离职）'), form);
        li.append(again, details);
      }
      issuedList.append(li);
    }
    if (!issued.length) issuedList.append(el('li', '还没有签发过证书。', 'muted'));
  }
}

customElements.define('trust-admin', TrustAdmin);
