import { describe, expect, it } from 'vitest';
import { definePipeline, PipelineConfigError, type PipelineInput } from '../../src/config/index.ts';
import { scorerNames } from '../../src/stance/index.ts';

const valid: PipelineInput = {
  id: 'ai-pause',
  name: 'Pause',
  sources: [{ id: 'seeds', kind: 'files', name: 'Seeds', glob: 'seeds/*.txt' }],
  topic: { description: 'd', proposalTerms: ['pause'], contextTerms: ['AI labs'] },
};

function problemsOf(input: unknown): string[] {
  try {
    definePipeline(input as PipelineInput);
  } catch (error) {
    if (error instanceof PipelineConfigError) return error.problems.map((p) => `${p.field}: expected ${p.expected}, found ${p.found}`);
    throw error;
  }
  return [];
}

describe('a pipeline definition', () => {
  it('gets documented defaults and is frozen', () => {
    const pipeline = definePipeline(valid);
    expect(pipeline.stance).toEqual({ scorer: 'pause-proposal', relevanceThreshold: 0.5 });
    expect(pipeline.fetch).toMatchObject({ maxRedirects: 5, allowPrivateAddresses: false, fetchArticles: true });
    expect(pipeline.digest).toMatchObject({ dir: 'data/digests', timeZone: 'UTC' });
    expect(pipeline.alerts.channels).toEqual([{ type: 'stdout' }]);
    expect(Object.isFrozen(pipeline.sources[0])).toBe(true);
  });

  it('says what a number JSON cannot write was, and lists a BigInt among the other problems', () => {
    const problems = problemsOf({ ...valid, fetch: { timeoutMs: Number.NaN, connectTimeoutMs: Number.POSITIVE_INFINITY, maxBytes: 10n as unknown as number } });
    expect([...problems].sort()).toEqual([
      expect.stringMatching(/^fetch\.connectTimeoutMs: expected .*, found Infinity$/),
      expect.stringMatching(/^fetch\.maxBytes: expected .*, found 10n \(a BigInt\)$/),
      expect.stringMatching(/^fetch\.timeoutMs: expected .*, found NaN$/),
    ]);
  });

  it('lists the first fifty problems of a definition with thousands, and counts the rest', () => {
    const sources = Array.from({ length: 500 }, (_, i) => ({ id: `s${i}`, kind: 'feed', name: 'S', url: 'not a url' }));
    let message = '';
    try {
      definePipeline({ ...valid, sources } as unknown as PipelineInput);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split('\n')).toHaveLength(1 + 50 + 1);
    expect(message).toMatch(/^invalid pipeline definition \(500 problems\):\n/);
    expect(message.endsWith('\n  … and 450 more')).toBe(true);
  });

  it('refuses a value that names a shell variable, which nothing expands, and says how the file reads one', () => {
    const problems = problemsOf({
      ...valid,
      sources: [{ id: 'a', kind: 'feed', name: 'A', url: 'https://news.example/feed?token=${FEED_TOKEN}' }],
      digest: { dir: '${DIGEST_DIR}/ai' },
    });
    expect(problems).toEqual([
      'sources[0].url: expected a value, not a shell variable (nothing expands ${FEED_TOKEN}: read it with process.env.FEED_TOKEN in the file), found ${FEED_TOKEN} in the text',
      'digest.dir: expected a value, not a shell variable (nothing expands ${DIGEST_DIR}: read it with process.env.DIGEST_DIR in the file), found ${DIGEST_DIR} in the text',
    ]);
  });

  it('refuses a stance scorer the registry does not have, naming the ones it has', () => {
    expect(problemsOf({ ...valid, stance: { scorer: 'pause-propsal' } })).toEqual(['stance.scorer: expected one of "pause-proposal", found "pause-propsal"']);
    // every scorer the registry has is one a pipeline may name
    for (const scorer of scorerNames) expect(definePipeline({ ...valid, stance: { scorer } as PipelineInput['stance'] }).stance.scorer).toBe(scorer);
  });

  it('takes a feed URL pasted with white space around it as the URL alone, as it is fetched, stored and shown', () => {
    const pipeline = definePipeline({ ...valid, sources: [{ id: 'a', kind: 'feed', name: 'A', url: ' https://news.example/feed.xml\n' }] });
    expect(pipeline.sources[0]).toMatchObject({ url: 'https://news.example/feed.xml' });
  });

  it('with mistakes reports every problem at once, each naming the field, what was expected and what was found', () => {
    const problems = problemsOf({
      ...valid,
      sources: [
        { id: 'a', kind: 'feed', name: 'A', url: 'not a url' },
        { id: 'a', kind: 'files', name: 'B', glob: 'x/*.txt' },
        { id: 'c', kind: 'podcast', name: 'C' },
      ],
      digest: { timeZone: 'Mars/Olympus' },
      alerts: { stances: ['angry'] },
      colour: 'blue',
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'sources[0].url: expected an absolute http(s) URL, found "not a url"',
        'sources[1].id: expected a unique source id (sources[0] already uses it), found "a"',
        expect.stringMatching(/^sources\[2\]\.kind: expected .*"feed".*"files".*, found "podcast"$/),
        'digest.timeZone: expected an IANA time zone such as "UTC" or "Europe/Brussels", found "Mars/Olympus"',
        expect.stringMatching(/^alerts\.stances\[0\]: expected one of "support", "oppose", "neutral", found "angry"$/),
        'colour: expected no field named "colour", found an unknown field',
      ]),
    );
    expect(problems).toHaveLength(6);
  });
});

describe('alert channels', () => {
  const smtp = { host: 'mail.example.org' };
  it('two channels that deliver the same thing to the same place are refused: each alert would arrive twice', () => {
    expect(problemsOf({ ...valid, alerts: { channels: [{ type: 'file', path: 'data/alerts.jsonl' }, { type: 'file', path: './data/alerts.jsonl' }] } }))
      .toEqual(['alerts.channels[1]: expected a destination no other channel has (channels[0] already sends alerts to file data/alerts.jsonl; each would arrive twice), found an object']);
    expect(problemsOf({ ...valid, alerts: { channels: [{ type: 'stdout' }, { type: 'stdout' }] } })).toHaveLength(1);
    expect(problemsOf({
      ...valid,
      alerts: { channels: [{ type: 'email', from: 'a@example.org', to: ['Desk@example.org'], smtp }, { type: 'email', from: 'b@example.org', to: ['desk@example.org'], smtp, digest: true }] },
    })).toHaveLength(1);
  });

  it('one channel for the alerts and another for the digest may go to the same people', () => {
    expect(problemsOf({
      ...valid,
      alerts: { channels: [{ type: 'email', from: 'a@example.org', to: ['desk@example.org'], smtp }, { type: 'email', from: 'a@example.org', to: ['desk@example.org'], smtp, alerts: false, digest: true }] },
    })).toEqual([]);
  });
});

const USER_AGENT_EXPECTED = 'a header value of visible ASCII characters and spaces only (node:http refuses others, such as an em dash or a line break, on every request)';

describe('fetch.userAgent', () => {
  it('is refused at load when node:http would refuse it on every request, naming the character', () => {
    expect(problemsOf({ ...valid, fetch: { userAgent: 'pausewatch (desk — jane@example.org)' } })).toEqual([
      `fetch.userAgent: expected ${USER_AGENT_EXPECTED}, found "pausewatch (desk — jane@example.org)", with U+2014 "—" at character 18`,
    ]);
    expect(problemsOf({ ...valid, fetch: { userAgent: 'pausewatch\r\nX-Injected: 1' } })).toEqual([
      `fetch.userAgent: expected ${USER_AGENT_EXPECTED}, found "pausewatch\\r\\nX-Injected: 1", with U+000D "\\r" at character 11`,
    ]);
    expect(problemsOf({ ...valid, fetch: { userAgent: 'pausewatch (rédaction)' } })).toHaveLength(1);
  });

  it('is accepted in visible ASCII and spaces', () => {
    expect(problemsOf({ ...valid, fetch: { userAgent: 'pausewatch/1.0 (policy desk; +mailto:jane@example.org) ~!#$%&*' } })).toEqual([]);
  });
});
