import { afterEach, describe, expect, it } from 'vitest';
import { alertEmail, emailChannel } from '../../src/alert/channels/email.ts';
import { registerRun } from '../../src/cli/commands/run.ts';
import { definePipeline, PipelineConfigError } from '../../src/config/index.ts';
import { openStore } from '../../src/store/index.ts';
import { freshSqlite } from '../helpers/databases.ts';
import { bodyText, header, startSmtpServer, type SmtpServer } from '../helpers/smtp-server.ts';
import { pipelineDefinition, tempProject, type TempProject } from '../helpers/temp-project.ts';

/** A capture dated today: the undated items of a source's first read are its backlog, and raise no alert. */
const today = () => new Date().toLocaleDateString('en-US', { month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
const article = (title: string, body: string) => `${title}\n\n${today()}\n\n${body}\n`;

describe('email alerts', () => {
  let smtp: SmtpServer;
  let project: TempProject;

  afterEach(async () => {
    await project?.remove();
    await smtp?.close();
  });

  /** The project's pipeline, its one channel an email channel with `smtpSettings` and `channelSettings` (alerts, digest). */
  const pipelineSendingTo = (smtpSettings: object, channelSettings: object = {}) => ({
    ...pipelineDefinition({ id: 'mail', name: 'Mail', sources: [{ id: 'caps', kind: 'files', name: 'Captures', glob: 'caps/*.txt' }] }),
    alerts: { channels: [{ type: 'email', from: 'pausewatch@example.org', to: ['analyst@example.org', 'desk@example.org'], smtp: smtpSettings, ...channelSettings }] },
  });

  async function projectSendingTo(smtpSettings: object, env?: Record<string, string>) {
    project = await tempProject({ name: 'email-alerts', database: freshSqlite, commands: [registerRun] });
    project.writePipeline(pipelineSendingTo(smtpSettings));
    for (const [name, value] of Object.entries(env ?? {})) process.env[name] = value;
  }

  it("send a run's alerts as one message, and nothing again when the run is repeated", async () => {
    smtp = await startSmtpServer();
    await projectSendingTo({ host: '127.0.0.1', port: smtp.port, security: 'none' });
    project.writeFile('caps/a.txt', article('Labs should pause frontier AI now', 'A coordinated pause of frontier AI development is overdue and must be verified.'));
    project.writeFile('caps/b.txt', article('A pause would be a mistake', 'A pause of frontier AI development would be a costly mistake that hands the lead to rivals.'));

    const first = await project.cli('run', '--json');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ alertsSent: 2, alertsFailed: [] });
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail).toMatchObject({ from: 'pausewatch@example.org', to: ['analyst@example.org', 'desk@example.org'] });
    expect(mail!.raw).toMatch(/^Subject: pausewatch: 2 new articles \(/m);
    const body = bodyText(mail!.raw);
    expect(body).toContain('Labs should pause frontier AI now');
    expect(body).toContain('A pause would be a mistake');

    const again = await project.cli('run', '--json');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ alertsSent: 0 });
    expect(smtp.received).toHaveLength(1);
  });

  it('keep the alerts of a refused message for the next run, which sends them once', async () => {
    smtp = await startSmtpServer();
    smtp.state.refuse = true;
    await projectSendingTo({ host: '127.0.0.1', port: smtp.port, security: 'none' });
    project.writeFile('caps/a.txt', article('Labs should pause frontier AI now', 'A coordinated pause of frontier AI development is overdue and must be verified.'));

    const refused = await project.cli('run');
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(
      /FAILED\s+1 alert not delivered by email to analyst@example\.org, desk@example\.org \(SMTP server 127\.0\.0\.1:\d+: Message failed: 550 mailbox unavailable — the server refuses it for good \(5xx\): retries fail the same way until the addresses or the server's settings are fixed\); the next runs retry them/,
    );

    smtp.state.refuse = false;
    expect((await project.cli('run', '--quiet')).code).toBe(0);
    expect((await project.cli('run', '--quiet')).code).toBe(0);
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.raw).toMatch(/^Subject: pausewatch: support: Labs should pause frontier AI now \(Captures\)/m);
  });

  it('name the recipients the server refused, and the server, without sending again to those who got the alerts', async () => {
    smtp = await startSmtpServer({
      onRcptTo(address, _session, done) {
        if (address.address === 'desk@example.org') return done(Object.assign(new Error('5.1.1 <desk@example.org>: no such user'), { responseCode: 550 }));
        done();
      },
    });
    await projectSendingTo({ host: '127.0.0.1', port: smtp.port, security: 'none' });
    project.writeFile('caps/a.txt', article('Labs should pause frontier AI now', 'A coordinated pause of frontier AI development is overdue and must be verified.'));
    project.writeFile('caps/b.txt', article('A pause would be a mistake', 'A pause of frontier AI development would be a costly mistake that hands the lead to rivals.'));

    const first = await project.cli('run', '--json');
    // one recipient got nothing: the run is partial, as for any alert not delivered
    expect(first.code).toBe(1);
    const report = JSON.parse(first.stdout);
    expect(report).toMatchObject({
      alertsSent: 2,
      alertsFailed: [],
      recipientsRefused: [{
        channel: 'email to analyst@example.org, desk@example.org',
        server: `127.0.0.1:${smtp.port}`,
        refused: [{ address: 'desk@example.org', reply: '550 5.1.1 <desk@example.org>: no such user' }],
        digestDate: null,
      }],
    });
    expect(report.recipientsRefused[0].alertIds).toHaveLength(2);
    expect(smtp.received.map((mail) => mail.to)).toEqual([['analyst@example.org']]);

    project.writeFile('caps/c.txt', article('Senators back a pause', 'Senators say a verified pause of frontier AI development is needed now.'));
    const second = await project.cli('run');
    expect(second.code).toBe(1);
    expect(second.stdout).toContain(
      `  FAILED       SMTP server 127.0.0.1:${smtp.port} refused desk@example.org (550 5.1.1 <desk@example.org>: no such user) ` +
        'for 1 alert by email to analyst@example.org, desk@example.org; the other recipients got it, and it is not sent again\n',
    );
    expect(smtp.received).toHaveLength(2);

    // nothing is sent again to the recipient who got them
    const third = await project.cli('run', '--json');
    expect(third.code).toBe(0);
    expect(JSON.parse(third.stdout)).toMatchObject({ alertsSent: 0, recipientsRefused: [] });
    expect(smtp.received).toHaveLength(2);
  });

  it('say that alerts waiting for a channel switched to alerts: false wait because it takes no alerts, not because it is gone', async () => {
    smtp = await startSmtpServer();
    smtp.state.refuse = true;
    const smtpSettings = { host: '127.0.0.1', port: smtp.port, security: 'none' };
    await projectSendingTo(smtpSettings);
    project.writeFile('caps/a.txt', article('Labs should pause frontier AI now', 'A coordinated pause of frontier AI development is overdue and must be verified.'));
    expect((await project.cli('run', '--quiet')).code).toBe(1);

    // the channel stays, for the digest only
    project.writePipeline(pipelineSendingTo(smtpSettings, { alerts: false, digest: true }));
    smtp.state.refuse = false;
    const waiting = await project.cli('run');
    expect(waiting.code).toBe(0);
    expect(waiting.stdout).toContain(
      '  waiting      1 alert for email to analyst@example.org, desk@example.org, which no longer takes alerts (alerts: false): sent if it takes them again within 48 h\n',
    );
    expect(waiting.stdout).not.toContain('no longer in the pipeline');
    expect(JSON.parse((await project.cli('run', '--json')).stdout)).toMatchObject({
      alertsWaiting: [{ channel: 'email to analyst@example.org, desk@example.org', count: 1, reason: 'alerts_off' }],
    });

    // two days on, it is given up, for that reason
    const store = await openStore(project.database.target);
    try {
      await store.db.updateTable('alerts').set({ created_at: new Date(Date.now() - 49 * 3_600_000).toISOString() }).execute();
    } finally {
      await store.close();
    }
    const expired = await project.cli('run');
    expect(expired.code).toBe(0);
    expect(expired.stdout).toContain(
      '  dropped      1 alert for email to analyst@example.org, desk@example.org given up, its channel no longer takes alerts (alerts: false): "Labs should pause frontier AI now"\n',
    );
    expect(expired.stdout).not.toContain('no longer in the pipeline');
    expect(smtp.received).toHaveLength(0);
  });

  it('log in with the password from the environment variable the pipeline names, and refuse a run without it', async () => {
    smtp = await startSmtpServer({
      allowInsecureAuth: true,
      authOptional: false,
      onAuth(auth, _session, done) {
        if (auth.username === 'alerts' && auth.password === 'correct horse') return done(null, { user: auth.username });
        return done(new Error('invalid login'));
      },
    });
    await projectSendingTo({ host: '127.0.0.1', port: smtp.port, security: 'none', user: 'alerts', passwordEnv: 'PAUSEWATCH_TEST_SMTP_PASSWORD' });
    project.writeFile('caps/a.txt', article('Labs should pause frontier AI now', 'A coordinated pause of frontier AI development is overdue and must be verified.'));

    delete process.env.PAUSEWATCH_TEST_SMTP_PASSWORD;
    await expect(project.cli('run', '--quiet')).rejects.toThrow(
      `invalid pipeline definition in ${project.pipelineFile} (1 problem):\n` +
        '  - alerts.channels[0].smtp.passwordEnv: expected the name of an environment variable that holds the SMTP password, found "PAUSEWATCH_TEST_SMTP_PASSWORD", which is not set in this environment',
    );
    expect(smtp.received).toHaveLength(0);

    process.env.PAUSEWATCH_TEST_SMTP_PASSWORD = 'correct horse';
    try {
      expect((await project.cli('run', '--quiet')).code).toBe(0);
    } finally {
      delete process.env.PAUSEWATCH_TEST_SMTP_PASSWORD;
    }
    expect(smtp.received.map((mail) => mail.user)).toEqual(['alerts']);
  });

  it('says a refused login, and a refusal for now, for what they mean to the retries', async () => {
    smtp = await startSmtpServer({
      allowInsecureAuth: true,
      authOptional: false,
      onAuth: (_auth, _session, done) => done(new Error('invalid login')),
    });
    const alert = { articleId: 1, title: 'T', url: 'https://x/a', outlet: 'O', publishedAt: null, relevance: 1, stance: 'support', score: 0.5, evidence: null };
    const login = emailChannel({ from: 'a@example.org', to: ['b@example.org'], smtp: { host: '127.0.0.1', port: smtp.port, security: 'none', user: 'alerts', password: 'wrong' } });
    expect(((await login.deliver(alert).catch((e: Error) => e)) as Error).message).toMatch(/535 .* — the server refuses the login: retries fail the same way until smtp\.user or the password is fixed$/);
    await smtp.close();
    // a login refused for now is a 4xx like any other
    smtp = await startSmtpServer({ allowInsecureAuth: true, authOptional: false, onAuth: (_auth, _session, done) => done(Object.assign(new Error('Temporary authentication failure'), { responseCode: 454 })) });
    const later = emailChannel({ from: 'a@example.org', to: ['b@example.org'], smtp: { host: '127.0.0.1', port: smtp.port, security: 'none', user: 'alerts', password: 'right' } });
    expect(((await later.deliver(alert).catch((e: Error) => e)) as Error).message).toMatch(/454 .*Temporary authentication failure — refused for now \(4xx\)$/);
    await smtp.close();
    smtp = await startSmtpServer({ onRcptTo: (_address, _session, done) => done(Object.assign(new Error('mailbox busy, try later'), { responseCode: 450 })) });
    const busy = emailChannel({ from: 'a@example.org', to: ['busy@example.org'], smtp: { host: '127.0.0.1', port: smtp.port, security: 'none' } });
    expect(((await busy.deliver(alert).catch((e: Error) => e)) as Error).message).toMatch(/450 mailbox busy, try later — refused for now \(4xx\)$/);
  });

  it('never sends in the clear when the pipeline asks for STARTTLS and the server does not offer it', async () => {
    smtp = await startSmtpServer();
    const channel = emailChannel({ from: 'a@example.org', to: ['b@example.org'], smtp: { host: '127.0.0.1', port: smtp.port, security: 'starttls', user: 'alerts', password: 'secret' } });
    const error = await channel.deliver({ articleId: 1, title: 'T', url: 'https://x/a', outlet: 'O', publishedAt: null, relevance: 1, stance: 'support', score: 0.5, evidence: null }).catch((e: Error) => e);
    expect((error as Error).message).toMatch(/^SMTP server 127\.0\.0\.1:\d+: .*STARTTLS/i);
    expect(smtp.received).toHaveLength(0);
  });
});

describe('a relay slow to give its final reply (scanning the message)', () => {
  it('is waited for past the connection time-out, and the same alerts keep one Message-ID however often they are sent (from their keys)', async () => {
    const smtp = await startSmtpServer();
    try {
      const alert = { articleId: 7, title: 'Labs should pause', url: 'https://x/a', outlet: 'O', publishedAt: null, relevance: 1, stance: 'support', score: 0.5, evidence: null };
      const channel = emailChannel({ from: 'Pausewatch <alerts@example.org>', to: ['b@example.org'], smtp: { host: '127.0.0.1', port: smtp.port, security: 'none' }, timeoutMs: 300 });
      smtp.state.hold = true;
      const sending = channel.deliverBatch!([alert], undefined, ['key-7']);
      await smtp.messageHeld();
      // the data sent whole, its reply held past the 300 ms the connection and greeting may take
      await new Promise((resolve) => setTimeout(resolve, 900));
      smtp.release();
      await sending;
      await channel.deliverBatch!([alert], undefined, ['key-7']);
      await channel.deliverBatch!([alert, { ...alert, articleId: 8 }], undefined, ['key-7', 'key-8']);
      const ids = smtp.received.map((mail) => header(mail.raw, 'Message-ID'));
      expect(ids[0]).toMatch(/^<pausewatch\.[0-9a-f]{32}@example\.org>$/);
      expect(ids[1]).toBe(ids[0]);
      expect(ids[2]).not.toBe(ids[0]);
    } finally {
      await smtp.close();
    }
  });
});

describe('an alert email', () => {
  const hostile = {
    articleId: 1, title: 'Pause\r\nBcc: victim@example.org <script>alert(1)</script>', url: 'javascript:alert(1)', outlet: 'Out<b>let</b>',
    publishedAt: '2026-06-09T21:05:00.000Z', relevance: 0.9, stance: 'oppose', score: -0.4, evidence: '"Quotes" & <tags>',
  };

  it('keeps feed text on one header line and escaped in HTML, and links only web addresses', () => {
    const { subject, html, text } = alertEmail([hostile]);
    expect(subject).toBe('pausewatch: oppose: Pause  Bcc: victim@example.org <script>alert(1)</script> (Out<b>let</b>)');
    expect(html).not.toContain('<script>');
    expect(html).toContain('Pause  Bcc: victim@example.org &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('href="javascript');
    expect(html).toContain('<q>&quot;Quotes&quot; &amp; &lt;tags&gt;</q>');
    expect(text).toBe('[oppose -0.40] Pause  Bcc: victim@example.org <script>alert(1)</script> — Out<b>let</b>, 2026-06-09 21:05 UTC javascript:alert(1)\n  “"Quotes" & <tags>”\n');
  });

  it('counts a run of alerts by stance in its subject and links each headline', () => {
    const alerts = [
      { ...hostile, title: 'A', url: 'https://x/a?b=1&c=2', stance: 'support' },
      { ...hostile, title: 'B', url: 'https://x/b', stance: 'support' },
      { ...hostile, title: 'C', url: 'https://x/c', stance: 'neutral' },
    ];
    const { subject, html } = alertEmail(alerts);
    expect(subject).toBe('pausewatch: 3 new articles (2 support, 1 neutral)');
    expect(html).toContain('<a href="https://x/a?b=1&amp;c=2">A</a>');
  });
});

describe('email channel settings', () => {
  const withChannel = (channel: object) => () =>
    definePipeline({ ...(pipelineDefinition({ id: 'p', name: 'p', sources: [{ id: 's', kind: 'files', name: 's', glob: '*.txt' }] }) as object), alerts: { channels: [channel] } } as never);

  it('name each wrong field: an address that is not one, a login without its password variable', () => {
    const wrong = withChannel({ type: 'email', from: 'pausewatch', to: ['analyst@example.org', 'desk'], smtp: { host: 'smtp.example.org', user: 'alerts' } });
    expect(wrong).toThrow(PipelineConfigError);
    const message = (() => { try { wrong(); } catch (error) { return (error as Error).message; } return ''; })();
    expect(message).toContain('alerts.channels[0].from: expected an email address');
    expect(message).toContain('alerts.channels[0].to[1]: expected an email address');
    expect(message).toContain('alerts.channels[0].smtp.passwordEnv: expected user and passwordEnv go together');
  });

  it('default to port 587 with STARTTLS required', () => {
    const pipeline = withChannel({ type: 'email', from: 'a@example.org', to: ['b@example.org'], smtp: { host: 'smtp.example.org' } })();
    expect(pipeline.alerts.channels[0]).toMatchObject({ smtp: { port: 587, security: 'starttls' } });
  });
});
