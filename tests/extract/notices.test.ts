import { describe, expect, it } from 'vitest';
import { extractHtml } from '../../src/extract/html.ts';
import { extractPlainText } from '../../src/extract/plain-text.ts';

const LEAD = [
  'Leading researchers on Tuesday renewed calls for a coordinated, verified pause on the development of frontier AI systems, arguing that governments need time to build inspection regimes.',
  'The proposal, circulated among delegations in Geneva, would halt training runs above a compute threshold until an international agency can verify compliance, according to a draft seen by reporters.',
];
const paragraphs = (ps: string[]) => ps.map((p) => `<p>${p}</p>`).join('');

describe('a paywall notice or a consent banner on a page is not article text, as in a capture of it', () => {
  it('the paywall overlay of a short teaser (which the retry without class names reads) is left out', () => {
    const notice = 'You have reached your limit of free articles this month. Subscribe now for just $1 a week to keep reading.';
    const html = `<html><body><article>${paragraphs(LEAD)}<div class="paywall-overlay"><h2>Subscribe to continue reading</h2><p>${notice}</p><a href="/subscribe">Subscribe</a></div></article></body></html>`;
    const article = extractHtml(html);
    expect(article.text).toBe(LEAD.join('\n\n'));
    expect(article.partial).toBe(true);
    // the same words in a capture
    expect(extractPlainText(`${LEAD.join('\n\n')}\n\n${notice}`).text).toBe(LEAD.join('\n\n'));
  });

  it('a consent banner beside the article, in the words of the IAB framework, is left out', () => {
    const banner = 'We and our 842 partners store and access information on your device, such as cookies, and process personal data, such as unique identifiers, for personalised advertising and content, and audience research.';
    const more = [
      'Critics, including several industry groups, said a pause would be unenforceable, while supporters countered that chip supply chains make verification feasible.',
      'Officials from three governments said they were studying the text, but none committed to backing it before the summit next month.',
    ];
    const html = `<html><body><div><p>${banner}</p><button>Accept all</button></div><article>${paragraphs([...LEAD, ...more])}</article></body></html>`;
    expect(extractHtml(html).text).toBe([...LEAD, ...more].join('\n\n'));
    expect(extractPlainText(`${banner}\n\n${[...LEAD, ...more].join('\n\n')}`).text).toBe([...LEAD, ...more].join('\n\n'));
  });

  it('a consent wall in the two paragraphs of the IAB framework leaves no article text, so a run keeps the feed\'s', () => {
    const wall = [
      'We and our 842 partners store and/or access information on a device, such as cookies and process personal data, such as unique identifiers and standard information sent by a device for personalised advertising and content, advertising and content measurement, audience research and services development.',
      'With your permission we and our partners may use precise geolocation data and identification through device scanning. You may click to consent to our and our 842 partners’ processing as described above. Alternatively you may click to refuse to consent or access more detailed information and change your preferences before consenting.',
    ];
    const html = `<!doctype html><html><head><title>Before you continue</title></head><body><div class="consent"><h1>We value your privacy</h1>${paragraphs(wall)}<button>Accept all</button><button>Reject all</button></div></body></html>`;
    const article = extractHtml(html);
    expect(article.text).not.toContain('geolocation');
    expect(article.text).not.toContain('partners');
    expect(extractPlainText(wall.join('\n\n')).text).toBe('');
  });

  it('an article that reports on cookies keeps those sentences', () => {
    const report = 'The regulator said on Monday that news sites must ask before they use cookies for advertising, and fined two publishers.';
    expect(extractHtml(`<html><body><article>${paragraphs([...LEAD, report])}</article></body></html>`).text).toContain(report);
  });

  it('an article quoting a banner\'s words keeps them; a banner quoting its own button is still left out', () => {
    const quoted = [
      '“This site uses cookies to stop duplicate signatures, and a faulty update meant anyone who rejected them was locked out,” said campaign director Joep Meindertsma.',
      'Visitors who clicked “Reject all cookies” saw the captcha reload endlessly, the campaign said.',
      'Others, who picked ‘Accept all cookies’ at the prompt, signed without trouble, organisers said.',
      'Visitors who click “Reject all cookies” today still see the captcha reload, and a sign reading ‘Don’t accept all cookies’ hangs in the campaign office.',
    ];
    const oneTrust = 'By clicking “Accept All Cookies”, you agree to the storing of cookies on your device to enhance site navigation, analyze site usage, and assist in our marketing efforts.';
    const html = `<html><body><div id="onetrust-banner-sdk"><p>${oneTrust}</p><button>Accept All Cookies</button></div><article>${paragraphs([...LEAD, ...quoted])}</article></body></html>`;
    expect(extractHtml(html).text).toBe([...LEAD, ...quoted].join('\n\n'));
    expect(extractPlainText(`${oneTrust}\n\n${[...LEAD, ...quoted].join('\n\n')}`).text).toBe([...LEAD, ...quoted].join('\n\n'));
    // a banner telling which of its buttons to press, quoting them, is one all the same
    const instruction = 'Select “Accept all cookies” to continue, or “Cookie settings” to change your choices at any time.';
    expect(extractPlainText(`${instruction}\n\n${LEAD.join('\n\n')}`).text).toBe(LEAD.join('\n\n'));
  });
});
