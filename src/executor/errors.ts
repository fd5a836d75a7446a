import { ConchError } from '../errors.ts';

/** `fg`/`bg` named a job that does not exist, or one that cannot do that. */
export class JobError extends ConchError {
  override name = 'JobError';
  readonly jobId: number | undefined;

  constructor(jobId: number | undefined, message: string) {
    super('NO_SUCH_JOB', message);
    this.jobId = jobId;
  }
}
