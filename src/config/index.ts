export { definePipeline, PipelineConfigError, type ConfigProblem } from './define-pipeline.ts';
export { loadPipeline, findProjectRoot, PipelineLoadError, type LoadedPipeline } from './load-pipeline.ts';
export type { Pipeline, PipelineInput, SourceDefinition, FeedSourceDefinition, FetchSettings, AlertSettings, DigestSettings } from './schema.ts';
