// What the command-line tools share: the trust list and the checklist templates they verify with.
import { existsSync, readFileSync } from 'node:fs';
import { readTrustList } from '../src/adapters/signing/trust-list';
import type { ChecklistTemplate } from '../src/domain/checklist';
import type { TrustList } from '../src/schemas/trust-list';

/** The trust list named by --trust, or null; an unusable file ends the program (exit 2) with the reason. */
export async function loadTrustOption(file: string | undefined): Promise<TrustList | null> {
  if (!file) return null;
  try {
    return (await readTrustList(readFileSync(file, 'utf8'))).list;
  } catch (err) {
    console.error(`信任列表无法使用：${(err as Error).message}`);
    process.exit(2);
  }
}

/**
 * The templates named by --templates, else the build's dist/templates.json. When `required`, a
 * missing file ends the program (exit 2); otherwise there are simply no templates to check against.
 */
export function loadTemplatesOption(file: string | undefined, required: boolean): ChecklistTemplate[] {
  const chosen = file ?? 'dist/templates.json';
  if (!existsSync(chosen)) {
    if (!required && !file) return [];
    console.error(`找不到检查表文件 ${chosen}（先运行 npm run build，或用 --templates 指定）`);
    process.exit(2);
  }
  return JSON.parse(readFileSync(chosen, 'utf8')) as ChecklistTemplate[];
}
