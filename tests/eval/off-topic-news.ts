/**
 * `npm run eval:off-topic -- [--pages <folder>] [--pipeline <file>]`: how much general news the scorer takes for
 * coverage of the topic. Reads every `.html` page in the folder (default: the news pages of the extraction corpus,
 * ../shared/eval/extraction/dev/html, articles on every subject but this one), extracts it as a run would (title and
 * text) and scores it; prints how many were found on topic, and which, so a reader can check that none is.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { extractArticle } from '../../src/extract/index.ts';
import { createScorer } from '../../src/stance/index.ts';
import { requireCorpusPaths } from './corpus-path.ts';
import { loadPipelineTopic } from './load-pipeline-topic.ts';

const argv = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const index = argv.indexOf(name);
  return index >= 0 && argv[index + 1] ? argv[index + 1]! : fallback;
};
const folder = option('--pages', '../shared/eval/extraction/dev/html');
const pipelineFile = option('--pipeline', 'pipelines/ai-pause.ts');

requireCorpusPaths('eval:off-topic', [{ path: folder, what: 'the folder of news pages' }], 'npm run eval:off-topic -- --pages <folder of .html pages>');

const { topic, stance } = await loadPipelineTopic(pipelineFile);
const scorer = createScorer(topic, stance);
const pages = readdirSync(folder).filter((name) => name.endsWith('.html')).sort();
if (pages.length === 0) throw new Error(`${folder}: no .html pages`);
const onTopic: string[] = [];
for (const name of pages) {
  const extracted = extractArticle(readFileSync(path.join(folder, name), 'utf8'), 'html', `https://news.example.org/${name}`);
  const result = scorer.score({ title: extracted.title, text: extracted.text });
  if (result.relevance.relevant) {
    onTopic.push(`  ${result.relevance.score.toFixed(2)}  ${result.stance?.label ?? '-'}  ${extracted.title ?? '(untitled)'}  [${name}]`);
  }
}
console.log(`${scorer.version} on ${folder}: ${onTopic.length} of ${pages.length} pages scored on topic (${((100 * onTopic.length) / pages.length).toFixed(1)}%)`);
for (const line of onTopic) console.log(line);
