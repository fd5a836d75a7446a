export { downloadModel, describeDownload, type DownloadOptions, type DownloadOutcome, type DownloadProgress } from './download.ts';
export { DownloadError, VerificationError } from './errors.ts';
export { readGgufHeader } from './gguf-header.ts';
export { createProgressDisplay, formatBytes, type ProgressDisplay } from './progress.ts';
export { modelFileOf, removeModelFile, type ModelFile } from './store.ts';
export { pullPreset, type PullOutcome, type PullOutput } from './pull.ts';
