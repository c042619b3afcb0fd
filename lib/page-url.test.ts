import { describe, expect, it } from 'vitest';
import { linkablePageUrl, normalisePageUrl, pageOrigin, pageUrlOf } from './page-url';

describe('normalisePageUrl', () => {
  it('drops tracking parameters and the fragment and sorts the rest', () => {
    expect(normalisePageUrl('https://news.example/a?utm_source=x&b=2&a=1&fbclid=z#top')).toBe('https://news.example/a?a=1&b=2');
  });
  it('prefers a same-origin canonical link', () => {
    expect(normalisePageUrl('https://news.example/a?page=1', 'https://news.example/story')).toBe('https://news.example/story');
    expect(normalisePageUrl('https://news.example/a?page=1', '/story')).toBe('https://news.example/story');
    expect(normalisePageUrl('https://news.example/a', 'https://evil.example/other')).toBe('https://news.example/a');
  });
  it.each([
    ['another port', 'http://127.0.0.1:8081/a', 'http://127.0.0.1:8080/story'],
    ['another scheme', 'http://news.example/a', 'https://news.example/story'],
    ['another scheme, back', 'https://news.example/a', 'http://news.example/story'],
    ['a subdomain', 'https://evil.news.example/a', 'https://news.example/story'],
    ['a default port spelt out differently', 'https://news.example:8443/a', 'https://news.example/story'],
    ['a non-web scheme', 'https://news.example/a', 'javascript:alert(1)'],
  ])('ignores a canonical link on %s of the same host', (_name, url, canonical) => {
    expect(normalisePageUrl(url, canonical)).toBe(url);
  });
  it('follows a canonical link that names the default port explicitly (the same origin)', () => {
    expect(normalisePageUrl('https://news.example/a', 'https://news.example:443/story')).toBe('https://news.example/story');
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

describe('pageOrigin', () => {
  it('is scheme, host and port for web pages, one origin for local files, and none otherwise', () => {
    expect(pageOrigin('https://news.example/a?b=1')).toBe('https://news.example');
    expect(pageOrigin('http://127.0.0.1:8081/a')).toBe('http://127.0.0.1:8081');
    expect(pageOrigin('http://127.0.0.1:8081/a')).not.toBe(pageOrigin('http://127.0.0.1:8080/a'));
    expect(pageOrigin('file:///home/me/a.html')).toBe('file://');
    for (const none of [
      'urn:x-pdf:abcdef0123',
      'about:blank',
      'data:text/html,x',
      'chrome-extension://abc/notes-frame.html',
      'not a url',
      '',
    ]) {
      expect(pageOrigin(none)).toBeUndefined();
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
