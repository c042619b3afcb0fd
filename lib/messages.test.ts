import { describe, expect, it } from 'vitest';
import { touchesPage } from './messages';

describe('touchesPage', () => {
  const page = 'https://news.example/story';
  it('re-anchors a page only when a change names it or cannot say', () => {
    expect(touchesPage({ conceptIds: ['sma'], urls: [page] }, page)).toBe(true);
    expect(touchesPage({ conceptIds: [], urls: 'all' }, page)).toBe(true);
    expect(touchesPage({ conceptIds: ['sma'], urls: [] }, page)).toBe(false);
    expect(touchesPage({ conceptIds: ['sma'], urls: ['https://news.example/other'] }, page)).toBe(false);
  });
});
