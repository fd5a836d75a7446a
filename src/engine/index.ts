export { EngineProcess, engineFor, shutdownEngines, type EngineEvent, type EngineOutcome } from './client.ts';
export { engineInstalled, installEngine, type InstallOptions } from './install.ts';
export { cpuPackage, NODE_LLAMA_CPP_VERSION, ENGINE_APPROX_BYTES } from './platform.ts';
export { pickThreads } from './threads.ts';
export { EngineCrashError, EngineError, EngineInstallError, EngineMissingError, EngineUnsupportedError, ModelNotPulledError, ModelUnusableError } from './errors.ts';
export type { EmbeddedModel } from './types.ts';
export type { ChatFunctions, ChatHistoryItem, FunctionCallItem } from './llama-api.ts';
export type { WorkerResult } from './protocol.ts';
