import { describe, expect, it } from 'vitest';
import { alertPayload, alertText, shouldAlert } from '../../src/alert/index.ts';
import { alertEmail } from '../../src/alert/channels/email.ts';
import { definePipeline } from '../../src/config/index.ts';
import type { ScoreResult } from '../../src/model/index.ts';

/**
 * Coverage in a language the scorer does not read has no stance to choose by: it raises an alert as new coverage,
 * unless the pipeline turns that off, and the alert says it was not scored and in which language.
 */
const now = new Date('2026-06-10T06:00:00.000Z');
const settingsWith = (alerts: object) => definePipeline({
  id: 'p', name: 'p', sources: [{ id: 's', kind: 'files', name: 's', glob: '*.txt' }],
  topic: { description: 'd', proposalTerms: ['pause'], contextTerms: ['AI'] },
  alerts,
}).alerts;
const german = (relevant: boolean): ScoreResult => ({
  scorerVersion: 'v',
  relevance: { score: relevant ? 0.88 : 0, relevant, evidence: relevant ? ['Forscher fordern ein KI-Moratorium.'] : [] },
  stance: null,
  voices: [],
  unreadLanguage: 'de',
});
const supportive: ScoreResult = {
  scorerVersion: 'v',
  relevance: { score: 0.9, relevant: true, evidence: [] },
  stance: { label: 'support', score: 0.5, confidence: 0.8, evidence: [{ sentence: 'A pause is overdue.', weight: 0.5 }] },
  voices: [],
};

describe('alerts on coverage in another language', () => {
  it('are raised for it on topic by default, whatever stances are followed, and not when turned off or off topic', () => {
    expect(shouldAlert(german(true), false, settingsWith({}), null, now)).toBe(true);
    expect(shouldAlert(german(true), false, settingsWith({ stances: ['oppose'] }), null, now)).toBe(true);
    expect(shouldAlert(german(true), false, settingsWith({ otherLanguages: false }), null, now)).toBe(false);
    expect(shouldAlert(german(false), false, settingsWith({}), null, now)).toBe(false);
    expect(shouldAlert(german(true), true, settingsWith({}), null, now)).toBe(false);
  });

  it('say the article was not scored, and in which language, with the sentence that found it', () => {
    const payload = alertPayload({ id: 7, title: 'KI-Moratorium gefordert', url: 'https://news.example.de/a', outlet: 'Nachrichten', publishedAt: null }, german(true));
    expect(payload).toMatchObject({ stance: null, score: null, unreadLanguage: 'de', evidence: 'Forscher fordern ein KI-Moratorium.' });
    expect(alertText(payload)).toBe('[not scored, German] KI-Moratorium gefordert — Nachrichten https://news.example.de/a');
    const one = alertEmail([payload]);
    expect(one.subject).toBe('pausewatch: not scored, German: KI-Moratorium gefordert (Nachrichten)');
    expect(one.html).toContain('<b>not scored, German</b>');
    const english = alertPayload({ id: 8, title: 'Labs weigh a pause', url: 'https://news.example/b', outlet: 'News', publishedAt: null }, supportive);
    expect(alertEmail([english, payload]).subject).toBe('pausewatch: 2 new articles (1 support, 1 not scored)');
  });
});
