export { postSse, type SseEventHandler, type SseRequestOptions, type SseResult } from './post-sse.ts';
export { getJson, postJson, type JsonRequestOptions } from './json.ts';
export { createSseParser, type SseEvent, type SseParser, type SseParserOptions } from './parser.ts';
export { ConnectError, EventTooLargeError, HttpError, TimeoutError, type TimeoutKind } from './errors.ts';
