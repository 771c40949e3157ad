import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { definePipeline, loadPipeline, PipelineConfigError, type PipelineInput } from '../../src/config/index.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');

const valid = {
  id: 'ai-pause',
  name: 'Pause',
  sources: [{ id: 'seeds', kind: 'files', name: 'Seeds', glob: 'seeds/*.txt' }],
  topic: { description: 'd', proposalTerms: ['pause'], contextTerms: ['AI labs'] },
} as const;

function problemsOf(input: unknown): string[] {
  try {
    definePipeline(input as PipelineInput);
  } catch (error) {
    if (error instanceof PipelineConfigError) return error.problems.map((p) => `${p.field}: expected ${p.expected}, found ${p.found}`);
    throw error;
  }
  return [];
}

const email = (smtp: object, extra: object = {}) => ({ type: 'email', from: 'a@example.org', to: ['desk@example.org'], smtp, ...extra });

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A project folder (with package.json) holding `pipeline.ts` that exports `definition`. */
function project(definition: object): { root: string; file: string } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pausewatch-strict-fields-'));
  dirs.push(root);
  writeFileSync(path.join(root, 'package.json'), '{}');
  const file = path.join(root, 'pipeline.ts');
  writeFileSync(file, `export default ${JSON.stringify(definition, null, 2)};\n`);
  return { root, file };
}

describe('an unknown field in any section of a pipeline definition', () => {
  it('is refused and named, each one, with the field it is most likely a typo of', () => {
    const problems = problemsOf({
      ...valid,
      sources: [{ id: 'f', kind: 'feed', name: 'F', url: 'https://news.example/feed', fetcharticles: false }, { ...valid.sources[0], recursive: true }],
      topic: { ...valid.topic, exclude: ['pause button'] },
      stance: { threshold: 0.7 },
      fetch: { timeoutMS: 5_000 },
      digest: { timezone: 'Europe/Brussels' },
      alerts: {
        minRelevence: 0.8,
        channels: [
          { type: 'webhook', url: 'https://hooks.example/x', fromat: 'slack' },
          { type: 'stdout', colour: true },
          { type: 'file', path: 'data/a.jsonl', append: true },
          email({ host: 'smtp.example.org', port: 465, secure: true }, { subject: 'News' }),
        ],
      },
      schedule: { cron: '0 6 * * *', timezone: 'UTC' },
    });
    expect(problems).toEqual([
      'sources[0].fetcharticles: expected no field named "fetcharticles" (did you mean "fetchArticles"?), found an unknown field',
      'sources[1].recursive: expected no field named "recursive", found an unknown field',
      'topic.exclude: expected no field named "exclude", found an unknown field',
      'stance.threshold: expected no field named "threshold", found an unknown field',
      'fetch.timeoutMS: expected no field named "timeoutMS" (did you mean "timeoutMs"?), found an unknown field',
      'digest.timezone: expected no field named "timezone" (did you mean "timeZone"?), found an unknown field',
      'alerts.channels[0].fromat: expected no field named "fromat" (did you mean "format"?), found an unknown field',
      'alerts.channels[1].colour: expected no field named "colour", found an unknown field',
      'alerts.channels[2].append: expected no field named "append", found an unknown field',
      'alerts.channels[3].smtp.secure: expected no field named "secure" (did you mean "security"? It takes "tls" for port 465, "starttls" for 587), found an unknown field',
      'alerts.channels[3].subject: expected no field named "subject", found an unknown field',
      'alerts.minRelevence: expected no field named "minRelevence" (did you mean "minRelevance"?), found an unknown field',
      'schedule.timezone: expected no field named "timezone", found an unknown field',
    ]);
  });

  it('names every unknown field of one object, and a password written in the file is not repeated', () => {
    const problems = problemsOf({ ...valid, alerts: { channels: [email({ host: 'smtp.example.org', user: 'u', password: 'hunter2', passwordEnv: 'PW', tls: true })] } });
    expect(problems).toEqual([
      'alerts.channels[0].smtp.password: expected no field named "password" (did you mean "passwordEnv"? It takes the name of the environment variable that holds the password, not the password), found an unknown field',
      'alerts.channels[0].smtp.tls: expected no field named "tls", found an unknown field',
    ]);
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it('is refused by a command as a configuration error, exit 2', async () => {
    const { root } = project({ ...valid, alerts: { channels: [{ type: 'webhook', url: 'https://hooks.example/x', fromat: 'slack' }] } });
    const result = await cli(root, ['run', '--quiet', '--pipeline', 'pipeline.ts', '--database', 'db.sqlite']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('  - alerts.channels[0].fromat: expected no field named "fromat" (did you mean "format"?), found an unknown field\n');
  });

  it('leaves the project\'s own pipeline file and the README example loading', async () => {
    expect((await loadPipeline(path.join(repoRoot, 'pipelines/ai-pause.ts'))).pipeline.id).toBe('ai-pause');
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const example = /```ts\n(import \{ definePipeline \}[\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    const { root } = project({});
    const file = path.join(root, 'example.ts');
    writeFileSync(file, example!.replace("'../src/config/index.ts'", JSON.stringify(path.join(repoRoot, 'src/config/index.ts'))));
    expect((await loadPipeline(file)).pipeline.alerts.channels).toHaveLength(4);
  });
});

describe('a feed URL with a login that is refused', () => {
  it('is named without its password: one that does not parse, and one of another scheme', () => {
    const problems = problemsOf({
      ...valid,
      sources: [
        { id: 'port', kind: 'feed', name: 'Port', url: 'http://reader:s3cret-pw@news.example:99999/feed' },
        { id: 'ftp', kind: 'feed', name: 'Ftp', url: 'ftp://reader:s3cret-pw@news.example/feed' },
      ],
    });
    expect(problems).toEqual([
      'sources[0].url: expected an absolute http(s) URL, found "http://***@news.example:99999/feed"',
      'sources[1].url: expected an absolute http(s) URL, found "ftp://***@news.example/feed"',
    ]);
  });
});

describe('a webhook', () => {
  it('with a user name and password in its URL is refused at load, without repeating them or its path', () => {
    const problems = problemsOf({
      ...valid,
      alerts: { channels: [{ type: 'webhook', url: 'http://bob:s3cret-pw@hooks.example/hook/T0KEN' }, { type: 'webhook', url: 'https://bob@hooks.example/other' }] },
    });
    expect(problems).toEqual([
      'alerts.channels[0].url: expected a URL without a user name or password in it (give credentials in `headers`, e.g. an Authorization header), found one with a user name and password in it',
      'alerts.channels[1].url: expected a URL without a user name or password in it (give credentials in `headers`, e.g. an Authorization header), found one with a user name in it',
    ]);
    expect(problems.join('\n')).not.toMatch(/s3cret|T0KEN/);
  });

  it('with a header name that is not an HTTP token, or a header value with a line break, is refused without showing the value', () => {
    const problems = problemsOf({
      ...valid,
      alerts: { channels: [{ type: 'webhook', url: 'https://hooks.example/x', headers: { 'Bad Name': 'x', 'X-Ok': 'fine', Authorization: 'Bearer t0ken\r\nX-Injected: 1', 'X-Nul': 'a\0b' } }] },
    });
    expect(problems).toEqual([
      'alerts.channels[0].headers.Bad Name: expected a header name of letters, digits and !#$%&\'*+-.^_`|~ (no spaces, colons or other characters), found "Bad Name"',
      'alerts.channels[0].headers.Authorization: expected a header value without line breaks or NUL characters, found a value with one in it (not shown)',
      'alerts.channels[0].headers.X-Nul: expected a header value without line breaks or NUL characters, found a value with one in it (not shown)',
    ]);
    expect(problems.join('\n')).not.toContain('t0ken');
  });

  it('with a header value of the wrong type is refused by its type, without showing the value (an API key given as a number)', () => {
    const problems = problemsOf({ ...valid, alerts: { channels: [{ type: 'webhook', url: 'https://hooks.example/x', headers: { 'X-Api-Key': 918273645, 'X-Flag': true } }] } });
    expect(problems).toEqual([
      'alerts.channels[0].headers.X-Api-Key: expected a string, found a number (not shown)',
      'alerts.channels[0].headers.X-Flag: expected a string, found a boolean (not shown)',
    ]);
  });

  it('known by a URL or recipients too long for a database key needs an id, and loads with one', () => {
    const to = Array.from({ length: 80 }, (_v, i) => `policy-analyst-${i}@ministry.example.org`);
    const email = { type: 'email', from: 'pausewatch@example.org', to, smtp: { host: 'smtp.example.org' } };
    const webhook = { type: 'webhook', url: `https://hooks.example/${'t'.repeat(1200)}` };
    expect(problemsOf({ ...valid, alerts: { channels: [email, webhook] } })).toEqual([
      expect.stringMatching(/^alerts\.channels\[0\]\.id: expected an id for this channel \(without one it is known by its recipients, 3\d\d\d bytes, more than the 1000 a database key holds\), found nothing$/),
      expect.stringMatching(/^alerts\.channels\[1\]\.id: expected an id for this channel \(without one it is known by its URL, 12\d\d bytes, more than the 1000 a database key holds\), found nothing$/),
    ]);
    expect(problemsOf({ ...valid, alerts: { channels: [{ ...email, id: 'ministry' }, { ...webhook, id: 'long-hook' }] } })).toEqual([]);
  });

  it('with valid headers loads', () => {
    expect(problemsOf({ ...valid, alerts: { channels: [{ type: 'webhook', url: 'https://hooks.example/x', headers: { Authorization: 'Bearer abc', 'X-Api-Key': 'k' } }] } })).toEqual([]);
  });
});

describe('an SMTP host', () => {
  it.each(['smtp://127.0.0.1', 'smtp.example.org:587', 'smtp.example.org/relay', 'mail example', '-bad.example'])('%j is refused: a host name or IP address alone', (host) => {
    expect(problemsOf({ ...valid, alerts: { channels: [email({ host })] } })).toEqual([
      `alerts.channels[0].smtp.host: expected a host name or IP address alone, such as "smtp.example.org" (without "smtp://", a path or ":port": the port goes in \`port\`), found ${JSON.stringify(host)}`,
    ]);
  });

  it.each(['smtp.example.org', 'localhost', '127.0.0.1', '::1', 'mail.internal.', 'relay_1.corp.example'])('%j is accepted', (host) => {
    expect(problemsOf({ ...valid, alerts: { channels: [email({ host })] } })).toEqual([]);
  });
});

describe('two channels to one destination written differently', () => {
  it('webhook URLs that differ only in the case of the host or a default port are one destination, named by origin', () => {
    const problems = problemsOf({
      ...valid,
      alerts: { channels: [{ type: 'webhook', url: 'https://H.EXAMPLE/x' }, { type: 'webhook', url: 'https://h.example/x' }, { type: 'webhook', url: 'https://h.example:443/x' }, { type: 'webhook', url: 'https://h.example/y' }] },
    });
    expect(problems).toEqual([
      'alerts.channels[1]: expected a destination no other channel has (channels[0] already sends alerts to the webhook https://h.example/…; each would arrive twice), found an object',
      'alerts.channels[2]: expected a destination no other channel has (channels[0] already sends alerts to the webhook https://h.example/…; each would arrive twice), found an object',
    ]);
  });

  it('an alert file written relative to the project root and as an absolute path is one destination', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'pausewatch-strict-fields-'));
    dirs.push(root);
    writeFileSync(path.join(root, 'package.json'), '{}');
    const file = path.join(root, 'pipelines', 'p.ts');
    const definition = { ...valid, alerts: { channels: [{ type: 'file', path: 'data/x.jsonl' }, { type: 'file', path: path.join(root, 'data', 'x.jsonl') }] } };
    mkdirSync(path.dirname(file));
    writeFileSync(file, `export default ${JSON.stringify(definition)};\n`);
    await expect(loadPipeline(file)).rejects.toThrow(
      `invalid pipeline definition in ${file} (1 problem):\n  - alerts.channels[1]: expected a destination no other channel has (channels[0] already sends alerts to file data/x.jsonl; each would arrive twice), found an object`,
    );
    // another file of the same name elsewhere is another destination
    writeFileSync(file, `export default ${JSON.stringify({ ...definition, alerts: { channels: [{ type: 'file', path: 'data/x.jsonl' }, { type: 'file', path: path.join(root, 'pipelines', 'data', 'x.jsonl') }] } })};\n`);
    expect((await loadPipeline(file)).pipeline.alerts.channels).toHaveLength(2);
  });
});

describe('schedule.cron', () => {
  it.each([
    ['99 99 * * banana', 'minute "99" is not a value or ascending range within 0-59; hour "99" is not a value or ascending range within 0-23; day of week "banana" is not a value or ascending range within 0-7 or sun-sat'],
    ['0 24 * * *', 'hour "24" is not a value or ascending range within 0-23'],
    ['0 6 0 * *', 'day of month "0" is not a value or ascending range within 1-31'],
    ['0 6 * 13 *', 'month "13" is not a value or ascending range within 1-12 or jan-dec'],
    ['0 6 * * 8', 'day of week "8" is not a value or ascending range within 0-7 or sun-sat'],
    ['30-10 6 * * *', 'minute "30-10" is not a value or ascending range within 0-59'],
    ['*/0 6 * * *', 'minute "*/0" is not *, a value (0-59), a range a-b or a list of them, each with an optional /step'],
    ['0 6 * *', 'minute, hour, day of month, month and day of week, not 4 fields'],
    ['@daily', 'minute, hour, day of month, month and day of week, not 1 field'],
  ])('%j is refused, naming what is wrong', (cron, why) => {
    expect(problemsOf({ ...valid, schedule: { cron } })).toEqual([`schedule.cron: expected a five-field cron expression (${why}), found ${JSON.stringify(cron)}`]);
  });

  it.each(['0 6 * * *', '*/15 0-23/2 1,15 * *', '0 6 * jan-mar mon-fri', '0 6 31 DEC SUN', '59 23 * * 7', '0 0 1-31/2 1-12 0-7'])('%j is accepted', (cron) => {
    expect(problemsOf({ ...valid, schedule: { cron } })).toEqual([]);
  });
});

describe('every problem of a definition', () => {
  it('is listed at once: a login without its password variable and a channel that sends nothing beside a bad host and port', () => {
    const problems = problemsOf({
      ...valid,
      alerts: { channels: [email({ host: 'smtp://mail.example.org', port: 'submission', user: 'pausewatch' }, { alerts: false }), { type: 'stdout' }, { type: 'stdout', extra: 1 }] },
    });
    expect(problems).toEqual([
      'alerts.channels[0].smtp.host: expected a host name or IP address alone, such as "smtp.example.org" (without "smtp://", a path or ":port": the port goes in `port`), found "smtp://mail.example.org"',
      'alerts.channels[0].smtp.port: expected a number, found "submission"',
      'alerts.channels[0].smtp.passwordEnv: expected user and passwordEnv go together, found nothing',
      'alerts.channels[0].digest: expected true when alerts is false (a channel that takes neither alerts nor the digest sends nothing), found false',
      'alerts.channels[2].extra: expected no field named "extra", found an unknown field',
      'alerts.channels[2]: expected a destination no other channel has (channels[1] already sends alerts to the console; each would arrive twice), found an object',
    ]);
  });
});

function cli(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(repoRoot, 'src/cli/bin.cjs'), ...args], { cwd, env: { ...process.env, ...env, DATABASE_URL: '' } }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('an email channel whose password variable is not set', () => {
  it('names the pipeline file as it was given, as the other configuration errors do', async () => {
    const variable = 'PAUSEWATCH_STRICT_FIELDS_TEST_UNSET';
    const { root } = project({ ...valid, alerts: { channels: [email({ host: '127.0.0.1', user: 'u', passwordEnv: variable })] } });
    const result = await cli(root, ['run', '--quiet', '--pipeline', 'pipeline.ts', '--database', 'db.sqlite'], { [variable]: '' });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'pausewatch: invalid pipeline definition in pipeline.ts (1 problem):\n' +
        `  - alerts.channels[0].smtp.passwordEnv: expected the name of an environment variable that holds the SMTP password, found "${variable}", which is empty in this environment\n`,
    );
  });
});
