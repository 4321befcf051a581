// The app database's open that never answers (WebKit can wedge it) is said on the page after
// APP_DB_SLOW_MS, and the notice is withdrawn when the open finally answers; a quick open says nothing.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const pending: { resolve: (db: unknown) => void; reject: (err: unknown) => void }[] = [];
vi.mock('../../src/adapters/store/db', () => ({
  openAppDB: () => new Promise((resolve, reject) => pending.push({ resolve, reject })),
}));

/** What idb hands back, as far as connection.ts uses it: something that can be listened to. */
const fakeDb = () => Object.assign(new EventTarget(), { name: 'db' });

describe('appDB: an open that does not answer', () => {
  let told: boolean[];
  beforeEach(() => {
    vi.useFakeTimers();
    vi.resetModules();
    pending.length = 0;
    told = [];
    const target = new EventTarget();
    target.addEventListener('app:storage-slow', (e) => told.push((e as CustomEvent<boolean>).detail));
    vi.stubGlobal('window', target);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('is told after the limit, and withdrawn when the database answers', async () => {
    const { appDB } = await import('../../src/adapters/store/connection');
    const { APP_DB_SLOW_MS } = await import('../../src/adapters/store/availability');
    const db = appDB();
    await vi.advanceTimersByTimeAsync(APP_DB_SLOW_MS - 1);
    expect(told).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(told).toEqual([true]);
    pending[0]!.resolve(fakeDb());
    expect(await db).toMatchObject({ name: 'db' });
    expect(told).toEqual([true, false]);
    expect(appDB()).toBe(db); // one connection for the page
  });

  it('says nothing when the open answers in time, and a failed open is tried again', async () => {
    const { appDB } = await import('../../src/adapters/store/connection');
    const first = appDB();
    await vi.advanceTimersByTimeAsync(100);
    pending[0]!.reject(new Error('refused'));
    await expect(first).rejects.toThrow('refused');
    const second = appDB();
    expect(second).not.toBe(first);
    await vi.advanceTimersByTimeAsync(0);
    pending[1]!.resolve(fakeDb());
    await second;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(told).toEqual([]);
  });

  it('opens again after the browser closed the connection (site data cleared), for appStores() too', async () => {
    const { appDB } = await import('../../src/adapters/store/connection');
    const { appStores } = await import('../../src/adapters/store');
    vi.stubGlobal('navigator', {});
    const first = appDB();
    await vi.advanceTimersByTimeAsync(0); // the open starts in a microtask
    const db1 = Object.assign(new EventTarget(), { name: 'db1' });
    pending[0]!.resolve(db1);
    await first;
    const stores1 = await appStores();
    expect(appDB()).toBe(first);
    db1.dispatchEvent(new Event('close'));
    const again = appDB();
    expect(again).not.toBe(first);
    await vi.advanceTimersByTimeAsync(0);
    pending[1]!.resolve(Object.assign(new EventTarget(), { name: 'db2' }));
    expect(await again).toMatchObject({ name: 'db2' });
    expect(await appStores()).not.toBe(stores1);
  });
});
