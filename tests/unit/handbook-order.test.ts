import { describe, expect, it } from 'vitest';
import { neighbours, pagesForPost, pagesInPart, postsOf, sortPages, type PageRef } from '../../src/domain/handbook-order';
import { POST_IDS } from '../../src/domain/taxonomy';

const page = (id: string, part: PageRef['part'], order: number, posts: PageRef['posts'] = 'all'): PageRef => ({
  id,
  part,
  order,
  posts,
  title: id,
});

const pages = [
  page('security/patrol', 'security', 50, ['security-patrol']),
  page('company/culture', 'company', 20),
  page('customer-service/complaints', 'customer-service', 90, ['front-desk', 'project-manager']),
  page('company/profile', 'company', 10),
  page('customer-service/appointment', 'customer-service', 40, ['front-desk']),
  page('customer-service/b-same-order', 'customer-service', 40, ['area-steward']),
];

describe('handbook order', () => {
  it('sorts by part order, then order, then id', () => {
    expect(sortPages(pages).map((p) => p.id)).toEqual([
      'company/profile',
      'company/culture',
      'customer-service/appointment',
      'customer-service/b-same-order',
      'customer-service/complaints',
      'security/patrol',
    ]);
  });

  it('does not mutate its input', () => {
    const copy = [...pages];
    sortPages(pages);
    expect(pages).toEqual(copy);
  });

  it('expands "all" to every post', () => {
    expect(postsOf({ posts: 'all' })).toEqual([...POST_IDS]);
    expect(postsOf({ posts: ['parking'] })).toEqual(['parking']);
  });

  it("builds a post's path from the pages for that post and the pages for all posts", () => {
    expect(pagesForPost(pages, 'front-desk').map((p) => p.id)).toEqual([
      'company/profile',
      'company/culture',
      'customer-service/appointment',
      'customer-service/complaints',
    ]);
    expect(pagesForPost(pages, 'greening').map((p) => p.id)).toEqual(['company/profile', 'company/culture']);
  });

  it('lists the pages of a part in order', () => {
    expect(pagesInPart(pages, 'customer-service').map((p) => p.order)).toEqual([40, 40, 90]);
    expect(pagesInPart(pages, 'quality')).toEqual([]);
  });

  it('gives previous and next across part boundaries, none at the ends', () => {
    expect(neighbours(pages, 'company/culture')).toMatchObject({
      prev: { id: 'company/profile' },
      next: { id: 'customer-service/appointment' },
    });
    expect(neighbours(pages, 'company/profile').prev).toBeUndefined();
    expect(neighbours(pages, 'security/patrol').next).toBeUndefined();
    expect(neighbours(pages, 'missing')).toEqual({});
  });
});
