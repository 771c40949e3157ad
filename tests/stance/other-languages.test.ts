import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { definePipeline, PipelineConfigError, type PipelineInput } from '../../src/config/index.ts';
import type { TopicDefinition } from '../../src/model/index.ts';
import { languageName, languageOfText } from '../../src/model/language.ts';
import { createScorer, splitSentences } from '../../src/stance/index.ts';
import { createOtherLanguageRelevance } from '../../src/stance/other-languages.ts';
import { pauseTopic } from '../helpers/pause-topic.ts';

const GERMAN = {
  proposalTerms: ['*pause', 'pausier*', 'moratori*'],
  contextTerms: ['KI', 'künstlich* Intelligenz', 'Anthropic'],
  excludeTerms: ['Anmeldung*'],
};
const topic: TopicDefinition = {
  ...pauseTopic,
  otherLanguages: {
    de: GERMAN,
    it: { proposalTerms: ['pausa', 'moratoria'], contextTerms: ['AI', 'IA', 'intelligenz* artificial*'] },
    ru: { proposalTerms: ['пауз*', 'моратори*'], contextTerms: ['ИИ', 'искусственн* интеллект*'] },
    ja: { proposalTerms: ['一時停止', 'モラトリアム'], contextTerms: ['人工知能', 'AI'] },
  },
};
const scorer = createScorer(topic, { scorer: 'pause-proposal', relevanceThreshold: 0.5 });

const germanReport = [
  'Der Vorschlag, die Entwicklung der mächtigsten Systeme weltweit und überprüfbar zu pausieren, stößt in Berlin auf Widerstand.',
  'Das Unternehmen Anthropic hatte ihn im Juni vorgelegt.',
  '"Eine solche Pause wäre ein Fehler", sagte der Digitalminister, und andere Experten unterstützen das Moratorium.',
].join(' ');

describe('the language of a text', () => {
  it('is told by its own words, over what its page declares', () => {
    expect(languageOfText(germanReport)).toBe('de');
    expect(languageOfText(germanReport, 'en-GB')).toBe('de');
    expect(languageOfText('Leading labs should agree to a verified pause of frontier AI development, the report says.', 'de')).toBe('en');
  });

  it('is told by its script where words are not spaced or the alphabet serves several languages', () => {
    expect(languageOfText('人工知能の開発を一時停止するよう、研究者らが呼びかけた。')).toBe('ja');
    expect(languageOfText('研究人员呼吁暂停开发最强大的人工智能系统。')).toBe('zh');
    expect(languageOfText('Исследователи призвали к паузе в разработке самых мощных систем ИИ.')).toBe('und-Cyrl');
    expect(languageOfText('Исследователи призвали к паузе в разработке самых мощных систем ИИ.', 'ru-RU')).toBe('ru');
    // an English text quoting a name in another script is English
    expect(languageOfText('The minister, 李明, said that the labs should pause the training of frontier AI and that it is for the inspectors to check it.')).toBe('en');
  });

  it('is English for an English text that names German people and papers, or sits in a page declaring German', () => {
    expect(languageOfText('Von der Leyen backs AI pause\nUrsula von der Leyen backs a pause of frontier AI development, says Die Zeit.')).not.toBe('de');
    expect(languageOfText('Leading labs should agree to a verified pause of frontier AI development, and they must do it soon, the report says.', 'de-DE')).toBe('en');
    expect(languageOfText('Spain and France weigh the pause: what the labs say, and what ministers in Madrid and Paris would ask of them.', 'es')).not.toBe('es');
  });

  it('is the language of the text\'s own voice, not of what it quotes', () => {
    const german = 'Der Chef von Anthropic hat am Dienstag in Berlin für eine überprüfte Pause geworben. "We are asking every frontier lab to stop training larger models until an independent body can verify what they do, and we think the world will be safer for it", sagte er vor den Abgeordneten im Ausschuss.';
    expect(languageOfText(german)).toBe('de');
    const english = 'The minister quoted the letter at length. «Мы призываем все лаборатории приостановить обучение самых мощных моделей до тех пор, пока независимый орган не сможет проверить их работу» — it said, and the labs have not yet answered the call for a pause.';
    expect(languageOfText(english)).toBe('en');
  });

  it('is that of a script whose characters stand for words, beside the Latin names of labs', () => {
    expect(languageOfText('Anthropic呼吁OpenAI和Google DeepMind暂停AI开发')).toBe('zh');
    expect(languageOfText('Anthropic、AI開発の一時停止をOpenAIやGoogle DeepMindに提案')).toBe('ja');
  });

  it('tells Spanish from French and Portuguese, which share many function words', () => {
    const spanish = 'Directo | Reacciones a la propuesta de pausa en la IA de frontera\nLa secretaria de Estado ha asegurado que el Gobierno «no descarta» apoyar una moratoria internacional, siempre que se negocie en el marco de la ONU. Desde la oposición, un portavoz ha advertido de que ralentizar la innovación podría ahuyentar inversiones.';
    expect(languageOfText(spanish)).toBe('es');
  });

  it('falls back on the declared language for a text too short to tell, and is unknown without one', () => {
    expect(languageOfText('KI-Moratorium', 'de-AT')).toBe('de');
    expect(languageOfText('KI-Moratorium')).toBeNull();
    // what a page declares is a language only when it is a language tag
    expect(languageOfText('KI-Moratorium', '<b>de</b>')).toBeNull();
    expect(languageOfText('Исследователи призвали к паузе в разработке самых мощных систем ИИ.', '<script>')).toBe('und-Cyrl');
    expect(languageOfText('ხელოვნური ინტელექტის განვითარების შეჩერება', '<img src=x>')).toBeNull();
  });

  it('is named for people', () => {
    expect(languageName('de')).toBe('German');
    expect(languageName('und-Cyrl')).toBe('Cyrillic script');
  });
});

describe('relevance of a text the scorer does not read, by its language\'s words', () => {
  const relevanceIn = createOtherLanguageRelevance(topic.otherLanguages!, 0.5);

  it('finds a proposal word with a domain word in its sentence, its neighbours or the headline, compounds included', () => {
    const inOneSentence = relevanceIn('de', null, 'Forscher fordern ein KI-Moratorium. Das Wetter war gut.');
    expect(inOneSentence).toMatchObject({ relevant: true, evidence: ['Forscher fordern ein KI-Moratorium.'] });
    // "Entwicklungspause" is a compound of "*pause"; the domain word is two sentences on
    expect(relevanceIn('de', null, 'Eine Entwicklungspause wird gefordert. Die Frist läuft. Anthropic schweigt.').relevant).toBe(true);
    expect(relevanceIn('de', 'Künstliche Intelligenz: Streit in Berlin', 'Eine Pause sei nötig, sagen Forscher.').relevant).toBe(true);
    expect(relevanceIn('de', null, germanReport).score).toBeGreaterThan(inOneSentence.score);
  });

  it('takes no pause word of another sense: no domain word near, an exclude term, an acronym written as a common word', () => {
    expect(relevanceIn('de', null, 'Nach der Sommerpause beginnt die Bundesliga wieder. Die Fans freuen sich.').relevant).toBe(false);
    expect(relevanceIn('de', null, 'Der KI-Dienst setzt neue Anmeldungen aus und legt eine Pause ein.').relevant).toBe(false);
    // Italian "ai" is "to the": only "AI" in capitals names the domain
    expect(relevanceIn('it', null, 'Il tennista è ai quarti nonostante una lunga pausa medica.').relevant).toBe(false);
    expect(relevanceIn('it', null, 'Gli esperti chiedono una pausa nello sviluppo della AI più potente.').relevant).toBe(true);
    // a headline of another sense lends the body no domain
    expect(relevanceIn('de', 'KI-Chatbot: Anbieter stoppt Anmeldungen', 'Die Pause soll eine Woche dauern.').relevant).toBe(false);
    expect(relevanceIn('de', 'KI-Chatbot: Streit in Berlin', 'Die Pause soll eine Woche dauern.').relevant).toBe(true);
  });

  it('reads a run without sentence ends in pieces, and shows one as evidence, not the run', () => {
    const run = `${'die Sitzung dauerte bis in den Abend '.repeat(100)}und Forscher fordern ein KI-Moratorium ${'und so weiter '.repeat(100)}`;
    const found = relevanceIn('de', null, run);
    expect(found.relevant).toBe(true);
    expect(found.evidence.every((sentence) => sentence.length <= 1_000)).toBe(true);
  });

  it('takes the lists written under a region\'s or a script\'s code, whatever their case', () => {
    const keyed = createOtherLanguageRelevance({ 'pt-BR': { proposalTerms: ['pausa'], contextTerms: ['IA'] }, 'und-Cyrl': { proposalTerms: ['пауз*'], contextTerms: ['ИИ'] } }, 0.5);
    expect(keyed('pt', null, 'Pesquisadores pedem uma pausa na IA mais avançada.').relevant).toBe(true);
    expect(keyed('und-Cyrl', null, 'Исследователи призвали к паузе в разработке ИИ.').relevant).toBe(true);
    // a page declaring Russian takes the lists of its script, and a language takes those of every code of it
    expect(keyed('ru', null, 'Исследователи призвали к паузе в разработке ИИ.').relevant).toBe(true);
    const both = createOtherLanguageRelevance({ pt: { proposalTerms: ['moratória'], contextTerms: ['IA'] }, 'pt-BR': { proposalTerms: ['pausa'], contextTerms: ['IA'] } }, 0.5);
    expect(both('pt', null, 'Pesquisadores pedem uma pausa na IA mais avançada.').relevant).toBe(true);
  });

  it('matches terms anywhere in scripts without spaces, and by the lists of a script\'s languages when the text did not say which', () => {
    expect(relevanceIn('ja', null, '研究者らは最先端AIの開発を一時停止するよう求めた。').relevant).toBe(true);
    expect(relevanceIn('und-Cyrl', null, 'Исследователи призвали к паузе в разработке самых мощных систем ИИ.').relevant).toBe(true);
    expect(relevanceIn('ko', null, 'AI 개발 중단').relevant).toBe(false);
  });
});

describe('the scorer on a text in another language', () => {
  it('judges relevance by that language\'s words and no stance, and says which language it did not read', () => {
    const result = scorer.score({ title: 'KI-Pause: Forscher fordern globales Moratorium', text: germanReport });
    expect(result).toMatchObject({ unreadLanguage: 'de', stance: null, voices: [], relevance: { relevant: true } });
    expect(result.relevance.evidence[0]).toBe('KI-Pause: Forscher fordern globales Moratorium');
  });

  it('is off topic with no lists for the language, and reads English as before', () => {
    const french = 'Les chercheurs demandent une pause dans le développement de l\'intelligence artificielle la plus puissante.';
    expect(scorer.score({ title: null, text: french })).toMatchObject({ unreadLanguage: 'fr', relevance: { relevant: false, score: 0 }, stance: null });
    const english = scorer.score({ title: null, text: 'Leading AI labs should agree to a verified pause of frontier AI development now.' });
    expect(english.unreadLanguage).toBeUndefined();
    expect(english.stance?.label).toBe('support');
  });

  it('reads an English headline in a feed declaring another language as English, and that language\'s own as before', () => {
    // no word of the feed's language in them, and the English rules find them on topic: a stance cue ("rejects") wins
    // over the German lists' "pause" too
    for (const [title, lang, label] of [
      ['OpenAI rejects Anthropic pause proposal', 'de', 'oppose'],
      ['Labs split over Anthropic pause plan', 'de', 'neutral'],
      // "as" and "a" are Portuguese words too, not a Portuguese text's own
      ['As a researcher, I strongly oppose freezing frontier AI work.', 'pt', 'oppose'],
    ] as const) {
      for (const text of [title, '']) {
        const result = scorer.score({ title, text, lang });
        expect({ title, unread: result.unreadLanguage, relevant: result.relevance.relevant, label: result.stance?.label }).toEqual({ title, unread: undefined, relevant: true, label });
      }
    }
    // German headlines: the lists find the first (no German function word, no English cue); the second has German's own
    // words; a Dutch one holds "over", which is Dutch too
    expect(scorer.score({ title: 'KI-Pause: Forscher fordern globales Moratorium', text: '', lang: 'de' })).toMatchObject({ unreadLanguage: 'de', relevance: { relevant: true } });
    expect(scorer.score({ title: 'Anthropic fordert eine Pause bei der KI-Entwicklung', text: '', lang: 'de' })).toMatchObject({ unreadLanguage: 'de', relevance: { relevant: true } });
    expect(scorer.score({ title: 'Tweede Kamer verdeeld over steun aan internationale AI-pauze', text: '', lang: 'nl' }).unreadLanguage).toBe('nl');
    // nine words of Portuguese whose only English-looking one ("no") is Portuguese too
    expect(scorer.score({ title: 'Anthropic propõe pausa global no desenvolvimento da IA mais avançada', text: '', lang: 'pt' }).unreadLanguage).toBe('pt');
    // French words the English lexicon has too ("catastrophe", "danger") are no English, nor is a Czech headline,
    // a language the guess has no function words of
    const french = createScorer({ ...topic, otherLanguages: { ...topic.otherLanguages, fr: { proposalTerms: ['pause'], contextTerms: ['Anthropic', 'superintelligence'] } } }, { scorer: 'pause-proposal', relevanceThreshold: 0.5 });
    for (const title of ['Anthropic : pause superintelligence, sinon catastrophe', 'Superintelligence : pause ou danger ?']) {
      expect(french.score({ title, text: '', lang: 'fr' })).toMatchObject({ unreadLanguage: 'fr', relevance: { relevant: true }, stance: null });
    }
    expect(scorer.score({ title: 'Anthropic navrhuje moratorium, OpenAI odmítá', text: '', lang: 'cs' })).toMatchObject({ unreadLanguage: 'cs', stance: null });
    // while an English headline in a Czech or Swedish feed is English by its verb
    for (const lang of ['cs', 'sv']) {
      expect(scorer.score({ title: 'OpenAI rejects Anthropic pause proposal', text: '', lang })).toMatchObject({ relevance: { relevant: true }, stance: { label: 'oppose' } });
    }
  });

  it('reads the first 200,000 characters, as the English rules do: a hostile page of millions of letters is not read whole', () => {
    // one run of words with no sentence end, past the bound, then a sentence naming the topic
    const filler = 'die Sitzung des Ausschusses dauerte bis in den Abend und endete ohne ein Ergebnis '.repeat(2_600);
    const topical = 'Forscher fordern ein KI-Moratorium.';
    expect(scorer.score({ title: null, text: `${topical}\n${filler}` }).relevance.relevant).toBe(true);
    expect(scorer.score({ title: null, text: `${filler}\n${topical}` }).relevance.relevant).toBe(false);
  });

  it('changes version when a language\'s words change, and not when they are reordered', () => {
    const version = (otherLanguages: TopicDefinition['otherLanguages']) => createScorer({ ...topic, otherLanguages }, { scorer: 'pause-proposal', relevanceThreshold: 0.5 }).version;
    const base = version(topic.otherLanguages);
    expect(version({ ...topic.otherLanguages, de: { ...GERMAN, proposalTerms: [...GERMAN.proposalTerms].reverse() } })).toBe(base);
    expect(version({ ...topic.otherLanguages, de: { ...GERMAN, proposalTerms: [...GERMAN.proposalTerms, 'stopp*'] } })).not.toBe(base);
    // an acronym matches in capitals only, so its case is part of what it matches
    expect(version({ ...topic.otherLanguages, de: { ...GERMAN, contextTerms: ['ki', ...GERMAN.contextTerms.slice(1)] } })).not.toBe(base);
  });
});

describe('a pipeline\'s word lists for other languages', () => {
  const pipeline = (otherLanguages: unknown) => ({
    id: 'p', name: 'P', sources: [{ id: 's', kind: 'files', name: 'S', glob: 'seeds/*.txt' }],
    topic: { description: 'd', proposalTerms: ['pause'], contextTerms: ['AI labs'], otherLanguages },
  });
  const problemsOf = (otherLanguages: unknown): string[] => {
    try {
      definePipeline(pipeline(otherLanguages) as PipelineInput);
    } catch (error) {
      if (error instanceof PipelineConfigError) return error.problems.map((p) => `${p.field}: expected ${p.expected}`);
      throw error;
    }
    return [];
  };

  it('are optional, and taken by language code', () => {
    expect(problemsOf(undefined)).toEqual([]);
    expect(problemsOf({ de: GERMAN, 'pt-BR': { proposalTerms: ['pausa'], contextTerms: ['IA'] } })).toEqual([]);
  });

  it('refuse a code that is no language, English, and an empty list, naming the field', () => {
    expect(problemsOf({ German: GERMAN }).join('\n')).toMatch(/topic\.otherLanguages.*language code/);
    expect(problemsOf({ en: GERMAN }).join('\n')).toMatch(/topic\.otherLanguages.*other than English/);
    expect(problemsOf({ de: { ...GERMAN, contextTerms: [] } }).join('\n')).toMatch(/topic\.otherLanguages\.de\.contextTerms/);
  });

  it('refuse a term of nothing but stars, and a star inside a word, which would match nothing or only itself', () => {
    expect(problemsOf({ de: { ...GERMAN, proposalTerms: ['*'] } }).join('\n')).toMatch(/topic\.otherLanguages\.de\.proposalTerms\[0\]: expected a phrase with a letter or digit/);
    expect(problemsOf({ de: { ...GERMAN, contextTerms: ['KI', 'künst*liche Intelligenz'] } }).join('\n')).toMatch(/contextTerms\[1\]: expected a `\*` at a word's start or end only/);
    expect(problemsOf({ de: { ...GERMAN, excludeTerms: ['*anmeldung*', 'Neu kunden*'] } })).toEqual([]);
  });
});

describe('English texts', () => {
  it('are never taken for another language: no labelled passage, nor any of its sentences alone', () => {
    const folder = path.resolve(import.meta.dirname, '../fixtures/stance');
    const taken: string[] = [];
    let sentences = 0;
    for (const file of readdirSync(folder).filter((name) => name.endsWith('.jsonl'))) {
      for (const line of readFileSync(path.join(folder, file), 'utf8').split('\n')) {
        if (line.trim() === '') continue;
        const { text } = JSON.parse(line) as { text: string };
        for (const piece of [text, ...splitSentences(text).map((s) => s.text)]) {
          sentences += 1;
          const lang = languageOfText(piece);
          if (lang !== null && lang !== 'en') taken.push(`${lang}: ${piece}`);
        }
      }
    }
    expect(sentences).toBeGreaterThan(10_000);
    expect(taken).toEqual([]);
  });
});
