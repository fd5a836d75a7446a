/**
 * The part of node-llama-cpp 3.21's API the engine uses. node-llama-cpp is not
 * a dependency of conch's own package (it is installed on demand into the
 * engine folder), so its types are declared here, as narrow as the use.
 */

export type ChatHistoryItem =
  | { type: 'system'; text: string }
  | { type: 'user'; text: string }
  | { type: 'model'; response: (string | FunctionCallItem)[] };

export interface FunctionCallItem {
  type: 'functionCall';
  name: string;
  description?: string;
  params: unknown;
  result: unknown;
}

export type ChatFunctions = Record<string, { description?: string; params?: unknown }>;

export interface ResponseChunk {
  type: undefined | 'segment';
  segmentType: undefined | string;
  text: string;
}

export interface GenerateOptions {
  signal?: AbortSignal;
  stopOnAbortSignal?: boolean;
  maxTokens?: number;
  temperature?: number;
  seed?: number;
  functions?: ChatFunctions;
  onResponseChunk?: (chunk: ResponseChunk) => void;
  onToken?: (tokens: number[]) => void;
  onFunctionCallParamsChunk?: (chunk: unknown) => void;
}

export interface GenerateResult {
  response: string;
  functionCalls?: { functionName: string; params: unknown }[];
  metadata: { stopReason: 'eogToken' | 'stopGenerationTrigger' | 'functionCalls' | 'maxTokens' | 'abort' | 'customStopTrigger' };
}

export interface LlamaChat {
  generateResponse(history: ChatHistoryItem[], options: GenerateOptions): Promise<GenerateResult>;
  dispose(): void;
}

export interface LlamaContextSequence {
  readonly nextTokenIndex: number;
  readonly tokenMeter: { readonly usedInputTokens: number; readonly usedOutputTokens: number };
  dispose(): void;
}

export interface LlamaContext {
  getSequence(): LlamaContextSequence;
  dispose(): Promise<void>;
}

export interface LlamaModel {
  createContext(options: { contextSize: number; threads: number; sequences: number; batchSize?: number }): Promise<LlamaContext>;
  dispose(): Promise<void>;
}

export type LogLevel = 'disabled' | 'fatal' | 'error' | 'warn' | 'info' | 'log' | 'debug';

export interface Llama {
  loadModel(options: { modelPath: string; gpuLayers: number; useMmap?: boolean }): Promise<LlamaModel>;
  dispose(): Promise<void>;
}

export interface NodeLlamaCpp {
  getLlama(options: {
    gpu: false;
    build: 'never';
    skipDownload: true;
    usePrebuiltBinaries: true;
    progressLogs: false;
    logLevel: LogLevel;
    logger: (level: LogLevel, message: string) => void;
    maxThreads: number;
  }): Promise<Llama>;
  LlamaChat: new (options: { contextSequence: LlamaContextSequence }) => LlamaChat;
}
