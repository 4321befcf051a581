/** What a PIN or a backup passphrase must be before it protects a key. Pure. */

export const PIN_MIN = 6;
export const PIN_MAX = 12;

/** Why a new PIN is not acceptable, in Chinese, or null. */
export function pinProblem(pin: string, again?: string): string | null {
  if (!/^\d+$/.test(pin)) return 'PIN 只能由数字组成。';
  if (pin.length < PIN_MIN || pin.length > PIN_MAX) return `PIN 须为 ${PIN_MIN}–${PIN_MAX} 位数字。`;
  if (/^(\d)\1+$/.test(pin) || '01234567890123'.includes(pin) || '98765432109876'.includes(pin))
    return 'PIN 太容易被猜到（相同或连续的数字），请换一个。';
  if (again !== undefined && again !== pin) return '两次输入的 PIN 不一致。';
  return null;
}

export const PASSPHRASE_MIN = 12;

/** Why a backup passphrase is not acceptable, in Chinese, or null. */
export function passphraseProblem(passphrase: string, again?: string): string | null {
  if ([...passphrase].length < PASSPHRASE_MIN) return `备份口令至少 ${PASSPHRASE_MIN} 个字符（可用一句话，如“翠湖花园品质部二〇二六”）。`;
  if (new Set(passphrase).size < 4) return '备份口令太简单（重复的字符），请换一个。';
  if (again !== undefined && again !== passphrase) return '两次输入的备份口令不一致。';
  return null;
}
