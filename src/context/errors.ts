import { ConchError } from '../errors.ts';

/** The conversation log could not be written or read (disk full, permissions). A bad line is not an error: it is skipped. */
export class ConversationLogError extends ConchError {
  override name = 'ConversationLogError';
  readonly file: string;

  constructor(file: string, message: string, options?: { cause?: unknown }) {
    super('CONVERSATION_LOG', message, options);
    this.file = file;
  }
}
