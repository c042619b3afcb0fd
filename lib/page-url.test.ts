import { describe, expect, it } from 'vitest';
import { linkablePageUrl, normalisePageUrl, pageUrlOf } from './page-url';

describe('normalisePageUrl', () => {
  it('drops tracking parameters and the fragment and sorts the rest', () => {
    expect(normalisePageUrl('https://news.example/a?utm_source=x&b=2&a=1&fbclid=z#top')).toBe('https://news.example/a?a=1&b=2');
  });
  it('prefers a same-site canonical link', () => {
    expect(normalisePageUrl('https://news.example/a?page=1', 'https://news.example/story')).toBe('https://news.example/story');
    expect(normalisePageUrl('https://news.example/a', 'https://evil.example/other')).toBe('https://news.example/a');
  });
});

describe('linkablePageUrl', () => {
  it('links web and file pages only', () => {
    expect(linkablePageUrl('https://news.example/a')).toBe('https://news.example/a');
    expect(linkablePageUrl('file:///home/me/a.html')).toBe('file:///home/me/a.html');
    for (const bad of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<script>', 'not a url', 'chrome://settings']) {
      expect(linkablePageUrl(bad)).toBeUndefined();
    }
  });
});

describe('pageUrlOf', () => {
  it("is the document's URL, normalised, or its same-site canonical link", () => {
    const link = document.createElement('link');
    link.rel = 'canonical';
    link.href = new URL('/story?utm_source=x', location.href).href;
    expect(pageUrlOf(document)).toBe(normalisePageUrl(location.href));
    document.head.append(link);
    expect(pageUrlOf(document)).toBe(new URL('/story', location.href).href);
    link.remove();
  });
});
