export { postSse, MAX_TIMER_MS, type PlainBody, type SseHandlers, type SseRequestOptions, type SseResult } from './post-sse.ts';
export { getBody, type GetOptions } from './get-body.ts';
export { createSseParser, type SseEvent, type SseParser, type SseParserOptions, type SseUnknownField } from './parser.ts';
export { bodyExcerpt, type BodyDescriber } from './read-body.ts';
export { isLoopback, type ProxySettings } from './proxy.ts';
export { ConnectError, type ConnectStage, EventTooLargeError, HttpError, StreamClosedError, TimeoutError, type TimeoutKind } from './errors.ts';
