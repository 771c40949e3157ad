import { describe, expect, it } from 'vitest';
import { pageWall } from '../../src/extract/index.ts';

/** Which titles and marks make a page a wall put up for bots, and which leave an article alone. */

const page = (title: string | null, text = 'Checking your browser before you go on to the site.', html = '') => ({ html: `<html><head><title>${title ?? ''}</title></head><body>${html}</body></html>`, text, title });

describe('pageWall', () => {
  it.each([
    'Just a moment...',
    'Attention Required! | Cloudflare',
    'Access Denied',
    'Access to this page has been denied.',
    'Pardon Our Interruption',
    'Robot or human?',
    '404 Not Found',
    'Page not found – The Daily Example',
    'The Daily Example | Page Not Found',
    'Site under maintenance',
    "We'll be back soon!",
    'This content is not available in your region',
  ])('knows "%s" by its title', (title) => {
    expect(pageWall(page(title))).toEqual({ what: `a page titled "${title}"`, weak: true });
  });

  it.each([
    'Access to frontier models denied, labs say',
    'Just a moment of calm before the pause',
    'Not found: the compute the labs said they had',
    'Labs weigh a verified pause | The Daily Example',
  ])('leaves "%s" alone', (title) => {
    expect(pageWall(page(title))).toBeNull();
  });

  it('knows a vendor by its page\'s marks, not by the scripts it adds to every page', () => {
    expect(pageWall(page('news.example', 'Checking your browser.', "<script>window._cf_chl_opt={cType: 'managed'};</script>"))?.what).toBe('a Cloudflare challenge');
    expect(pageWall(page('Blocked', 'Blocked.', '<p>https&#58;&#47;&#47;errors&#46;edgesuite&#46;net&#47;18&#46;2f3c</p>'))?.what).toBe('an Akamai block page');
    expect(pageWall(page('news.example', 'Press and hold.', '<div id="px-captcha"></div>'))?.what).toBe('a PerimeterX (HUMAN) challenge');
    // Imperva's block page, its sentence inside a frame no text is extracted from
    const imperva = '<iframe id="main-iframe" src="/_Incapsula_Resource?CWUDNSAI=9&xinfo=1" frameborder=0>Request unsuccessful. Incapsula incident ID: 123000450123456789-987654321</iframe>';
    expect(pageWall({ html: `<html><head></head><body>${imperva}</body></html>`, text: '', title: null })?.what).toBe('an Imperva (Incapsula) block page');
    // the bot-management script Cloudflare adds to pages it lets through
    const detection = "<script>window.__CF$cv$params={r:'8f56aec4ac540dbf'};var a=document.createElement('script');a.src='/cdn-cgi/challenge-platform/h/b/scripts/jsd/787bc399e22f/main.js';</script>";
    expect(pageWall(page('Labs weigh a pause', 'Labs weigh a pause.', detection))).toBeNull();
    // a sentence of a block page, which an article may quote, is a weak mark: the run asks the headline
    expect(pageWall(page('Google blocks researchers', 'Google said its systems have detected unusual traffic from your computer network.'))).toEqual({ what: 'an "unusual traffic" block page', weak: true });
  });

  it('never takes a page of more words than a wall has for one, whatever it quotes', () => {
    const article = 'Researchers met a page saying the site had detected unusual traffic from your computer network. '.repeat(20);
    expect(pageWall(page('Access Denied', article, `<p>${article}</p>`))).toBeNull();
  });
});
