/**
 * What counts as a secret, each with the placeholder kind it becomes.
 *
 * Every pattern must stay linear on any input, because shell output can be
 * megabytes of near-misses: an unbounded run is only ever the last thing a
 * pattern matches (so reaching it means success, not a retry), everything
 * before it is a literal or a bounded class, and `(?<![\w-])` keeps a pattern
 * from restarting inside a run it has already scanned.
 */
export interface SecretPattern {
  kind: string;
  /** Global; a named group `keep` (the `password=` of an assignment) stays as it is, the rest of the match is replaced. */
  pattern: RegExp;
  /** A further test of the replaced part, for what a linear regex cannot say. */
  accept?: (secret: string) => boolean;
}

/** Real keys are random: mixed letters and digits. Words like `sk-learn-compatible-estimator` are not. */
const random = (secret: string) => /\d/.test(secret) && /[A-Za-z]/.test(secret);

/** `password=$PASSWORD`, `token: true` or `secret=****` name a secret without containing one. */
const literalValue = (secret: string) => !/^(?:\$|\[REDACTED|<|\*+$|(?:true|false|null|none|undefined|required|optional)$)/i.test(secret);

const KEYWORD = String.raw`(?:password|passwd|passphrase|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key)(?:[_-]?key)?`;
// A quoted value may hold spaces; the quotes stay outside the match (lookarounds) so they survive redaction.
const VALUE = String.raw`(?:(?<=")[^"\n]{4,200}(?=")|(?<=')[^'\n]{4,200}(?=')|[^\s"'&;,]{4,})`;

export const SECRET_PATTERNS: readonly SecretPattern[] = [
  { kind: 'anthropic-key', pattern: /(?<![\w-])sk-ant-[\w-]{20,}/g },
  { kind: 'openrouter-key', pattern: /(?<![\w-])sk-or-[\w-]{20,}/g },
  { kind: 'openai-key', pattern: /(?<![\w-])sk-(?:proj-|svcacct-|admin-)?[\w-]{20,}/g, accept: random },
  { kind: 'stripe-key', pattern: /(?<![\w-])[rs]k_(?:live|test)_[A-Za-z0-9]{16,}/g },
  { kind: 'aws-access-key', pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}(?![A-Za-z0-9])/g },
  { kind: 'aws-secret-key', pattern: /(?<keep>aws_secret_access_key["']?[ \t]{0,5}[=:][ \t]{0,5}["']?)[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])/gi },
  { kind: 'github-token', pattern: /(?<![\w-])(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_\w{22,255})/g },
  { kind: 'gitlab-token', pattern: /(?<![\w-])glpat-[\w-]{20,}/g },
  { kind: 'slack-token', pattern: /(?<![\w-])xox[abposr]-[A-Za-z0-9-]{10,}/g },
  { kind: 'slack-webhook', pattern: /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/]{20,}/g },
  { kind: 'google-api-key', pattern: /(?<![\w-])AIza[\w-]{35}(?![\w-])/g },
  { kind: 'huggingface-token', pattern: /(?<![\w-])hf_[A-Za-z0-9]{30,}/g, accept: random },
  { kind: 'npm-token', pattern: /(?<![\w-])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/g },
  // A JWT is three base64url segments; the header is JSON, so it starts `eyJ` (`{"`).
  { kind: 'jwt', pattern: /(?<![\w-])eyJ[\w-]{10,}\.[\w-]{10,}\.[\w-]*/g },
  { kind: 'bearer-token', pattern: /(?<keep>\bAuthorization["']?[ \t]{0,5}[:=][ \t]{0,5}["']?(?:Bearer|Basic|Token|Bot)[ \t]{1,5})[\w.~+/=-]{8,}/gi },
  { kind: 'bearer-token', pattern: /(?<keep>\bBearer[ \t]{1,5})[\w.~+/-]{16,}=*/g, accept: random },
  { kind: 'url-password', pattern: /(?<keep>\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:@/[]{0,100}:)[^\s@/]{1,200}(?=@)/gi },
  { kind: 'assignment', pattern: new RegExp(String.raw`(?<keep>${KEYWORD}["']?[ \t]{0,3}[=:][ \t]{0,3}["']?)${VALUE}`, 'gi'), accept: literalValue },
  // `--password hunter2`, `--api-key sk...`: a flag, a space, and a value that is not itself a flag.
  { kind: 'assignment', pattern: new RegExp(String.raw`(?<keep>(?<![\w-])--?[\w-]{0,30}${KEYWORD}[ \t]{1,3}["']?)[^\s"'-][^\s"']{3,}`, 'gi'), accept: literalValue },
];

/** Environment variables whose values are secrets by their name. */
export const SECRET_ENV_NAME = /KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL/i;
