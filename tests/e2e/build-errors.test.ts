// A frontmatter mistake must fail the build with a message naming the file and the field.
// Builds a copy of the project (sharing node_modules) with one page broken.
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runBin } from '../../scripts/bin.mjs';
import { copyProject } from '../../scripts/copy-project.mjs';

function buildWith(edit: (root: string) => void): { status: number | null; output: string } {
  const root = copyProject('handbook-broken-');
  edit(root);
  const r = runBin('astro', ['build'], { cwd: root, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
}

const PAGE = 'content/handbook/customer-service/appointment.mdx';

// A build that stops at the content schema takes ~15 s idle: each test gets 180 s for a loaded machine.
describe('build errors name the file and the field', () => {
  it('a wrong post id', () => {
    const { status, output } = buildWith((root) => {
      const file = path.join(root, PAGE);
      writeFileSync(file, readFileSync(file, 'utf8').replace('posts: [front-desk,', 'posts: [front-dsk,'));
    });
    expect(status).not.toBe(0);
    expect(output).toContain('appointment');
    expect(output).toMatch(/posts/);
  }, 180_000);

  it('a missing title', () => {
    const { status, output } = buildWith((root) => {
      const file = path.join(root, PAGE);
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*\n/m, ''));
    });
    expect(status).not.toBe(0);
    expect(output).toContain('appointment');
    expect(output).toMatch(/title/);
  }, 180_000);

  it('an unknown parameter', () => {
    const { status, output } = buildWith((root) => {
      const file = path.join(root, PAGE);
      writeFileSync(file, readFileSync(file, 'utf8').replace('repair.emergencyDepartMinutes', 'repair.noSuchValue'));
    });
    expect(status).not.toBe(0);
    expect(output).toContain('repair.noSuchValue');
  }, 180_000);
});
