import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The digest lists voices and sources by name in one order on every machine: sorted in the host's locale (`LANG`), a
 * cron job and an analyst's Swedish shell wrote one day's digest in two orders, Ö after Z in Swedish.
 */

const root = path.resolve(import.meta.dirname, '../..');

/** The digest's orders of `names` in a process whose locale is `lang`, with the host's own order beside them. */
function ordersUnder(lang: string, names: string[]): { host: string[]; voices: string[]; sources: string[] } {
  const script = `
    const { collectDigestVoices } = await import(${JSON.stringify(path.join(root, 'src/digest/collect-digest-voices.ts'))});
    const { definedSourcesHealth } = await import(${JSON.stringify(path.join(root, 'src/run/write-digest.ts'))});
    const names = ${JSON.stringify(names)};
    const host = [...names].sort((a, b) => a.localeCompare(b));
    const article = (id, actor) => ({ id, relevant: true, duplicateOf: null, stance: { label: 'support' }, voices: [{ actor, stance: 'support', quote: 'We back a verified pause.' }] });
    const voices = collectDigestVoices(names.map((name, i) => article(i + 1, name))).map((voice) => voice.actor);
    const loaded = { pipeline: { sources: names.map((name, i) => ({ id: 's' + i, name })) } };
    const sources = definedSourcesHealth(loaded, names.map((name, i) => ({ id: 's' + i, name, gone: false, error_streak: 0, last_success_at: '2026-06-05T00:00:00.000Z', last_error: null, last_warning_count: 0 }))).map((source) => source.name);
    console.log(JSON.stringify({ host, voices, sources }));`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, env: { ...process.env, LANG: lang, LC_ALL: lang }, encoding: 'utf8' });
  return JSON.parse(out) as { host: string[]; voices: string[]; sources: string[] };
}

describe('names in the digest', () => {
  it('are in the same order whatever the host locale', () => {
    const names = ['Zeitung AI', 'Örebro AI', 'Oslo Desk'];
    const swedish = ordersUnder('sv_SE.UTF-8', names);
    const plain = ordersUnder('C.UTF-8', names);
    // the host's own order differs, or this would test nothing
    expect(swedish.host).not.toEqual(plain.host);
    for (const orders of [swedish, plain]) {
      expect(orders.voices).toEqual(['Örebro AI', 'Oslo Desk', 'Zeitung AI']);
      expect(orders.sources).toEqual(['Örebro AI', 'Oslo Desk', 'Zeitung AI']);
    }
  });
});
