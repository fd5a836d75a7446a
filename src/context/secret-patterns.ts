import { isSecretName } from './secret-names.ts';

/**
 * Secrets recognised by their shape, each with the placeholder kind it becomes.
 *
 * Every pattern must stay linear on any input, because shell output can be
 * megabytes of near-misses: an unbounded run is only ever the last thing a
 * pattern matches (so reaching it means success, not a retry), everything
 * before it is a literal or a bounded class, and a lookbehind like
 * `(?<![\w-])` keeps a pattern from restarting inside a run it has already
 * scanned.
 */
export interface SecretPattern {
  kind: string;
  /** Global; a named group `keep` (the `password=` of an assignment) stays as it is, the rest of the match is the secret. */
  pattern: RegExp;
  /**
   * Text the pattern cannot match without (lower-case for a case-insensitive
   * pattern): a pass is skipped when none is there, which most text is, at
   * the cost of a fast substring search instead of a regex scan.
   */
  hints?: readonly string[];
  /** A further test of the secret, for what a linear regex cannot say; `groups` are the match's named groups. */
  accept?: (secret: string, groups: Record<string, string | undefined>) => boolean;
  /** Where the secret really ends, when only code can tell (the last `@` of a URL's user part); undefined: no secret here. */
  end?: (secret: string) => number | undefined;
}

/** Real keys are random: mixed letters and digits. Words like `sk-learn-compatible-estimator` are not. */
const random = (secret: string) => /\d/.test(secret) && /[A-Za-z]/.test(secret);
/** Keys drawn from letters alone (Hugging Face's) are random in their case instead. */
const randomCase = (secret: string) => random(secret) || (/[a-z]/.test(secret) && /[A-Z]/.test(secret));

const LITERAL_SUSPECT_FIRST = new Set(['$', '%', '[', '<', '{', '*', 'x', 'X', '.', '…']);

/** Placeholders, variables and type names stand where a secret would, without being one. */
export function literalValue(value: string): boolean {
  // What the pattern can match starts with one of these, or is a word of at most 9 letters: most values are judged here.
  if (value.length > 9 && !LITERAL_SUSPECT_FIRST.has(value[0]!)) return true;
  return !/^(?:\$|%(?:\(\w+\))?[sdr]$|%\{|\[REDACTED|<[^>]*>?$|\{\{|\*+$|x{3,}$|\.{3}|…|(?:true|false|null|nil|none|undefined|required|optional|yes|no|bearer|basic|str|string|bytes|int|number|boolean|bool|any|secretstr)$)/i.test(value);
}

/**
 * A token: its fixed prefix, starting where a word does (not inside a run of
 * word characters, or right after an escaped `\n`, `\t`, `\r`: a file's text
 * inside a JSON string), then the rest. The prefix comes first and the check
 * of what precedes it after, so the regex engine can skip to the prefix
 * rather than test every position.
 */
function token(prefix: string, rest: string, boundary = String.raw`[^\w-]`): RegExp {
  return new RegExp(String.raw`${prefix}(?<=(?:^|${boundary}|\\[nrt])${prefix})${rest}`, 'g');
}

const HEADER_SEP = String.raw`\\?["']?[ \t]{0,5}[:=][ \t]{0,5}\\?["']?`;

export const SECRET_PATTERNS: readonly SecretPattern[] = [
  // Provider keys and tokens: a fixed prefix, then a run.
  { kind: 'anthropic-key', pattern: token(String.raw`sk-ant-`, String.raw`[\w-]{20,}`) },
  { kind: 'openrouter-key', pattern: token(String.raw`sk-or-`, String.raw`[\w-]{20,}`) },
  { kind: 'openai-key', pattern: token(String.raw`sk-`, String.raw`(?:proj-|svcacct-|admin-|None-)?[\w-]{20,}`), accept: random },
  { kind: 'stripe-key', pattern: token('(?:[rs]k_(?:live|test)_|whsec_)', '[A-Za-z0-9]{16,}') },
  { kind: 'aws-access-key', pattern: token('(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)', '[A-Z0-9]{16}(?![A-Za-z0-9])', '[^A-Za-z0-9]') },
  { kind: 'aws-secret-key', hints: ['secret'], pattern: /(?<keep>aws_?secret_?access_?key["']?[ \t]{0,16}[=:][ \t]{0,16}["']?)[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])/gi },
  { kind: 'github-token', pattern: token('(?:gh[pousr]_|github_pat_)', '[A-Za-z0-9_]{22,255}') },
  { kind: 'gitlab-token', pattern: token('(?:(?:glpat|gldt|glptt|glrt|glcbt|glimt|glagent|gloas|glsoat|glffct)-|GR1348941)', String.raw`[\w-]{20,}`) },
  { kind: 'bitbucket-token', pattern: token(String.raw`ATBB`, String.raw`[A-Za-z0-9_=.-]{32,}`) },
  { kind: 'atlassian-token', pattern: token(String.raw`ATATT3`, String.raw`[\w=-]{100,}`) },
  { kind: 'slack-token', pattern: token('(?:xox[abposre]-|xapp-)', '[A-Za-z0-9-]{10,}') },
  { kind: 'slack-webhook', hints: ['hooks.slack.com'], pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9/]{20,}/g },
  { kind: 'discord-webhook', hints: ['/api/webhooks/'], pattern: /(?<keep>https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/\d{5,25}\/)[\w-]{20,}/g },
  { kind: 'google-api-key', pattern: token(String.raw`AIza`, String.raw`[\w-]{35}(?![\w-])`) },
  { kind: 'google-oauth', pattern: token(String.raw`(?:GOCSPX-|ya29\.)`, String.raw`[\w-]{20,}`) },
  { kind: 'huggingface-token', pattern: token(String.raw`(?:hf_|api_org_)`, String.raw`[A-Za-z0-9]{30,}`), accept: randomCase },
  { kind: 'groq-key', pattern: token(String.raw`gsk_`, String.raw`[A-Za-z0-9]{48,}`) },
  { kind: 'xai-key', pattern: token(String.raw`xai-`, String.raw`[A-Za-z0-9]{70,}`) },
  { kind: 'perplexity-key', pattern: token(String.raw`pplx-`, String.raw`[A-Za-z0-9]{40,}`) },
  { kind: 'replicate-token', pattern: token(String.raw`r8_`, String.raw`[A-Za-z0-9]{32,}`), accept: random },
  { kind: 'docker-hub-token', pattern: token(String.raw`dckr_pat_`, String.raw`[\w-]{20,}`) },
  { kind: 'heroku-key', pattern: token(String.raw`HRKU-AA`, String.raw`[\w-]{50,}`) },
  { kind: 'pulumi-token', pattern: token(String.raw`pul-`, String.raw`[a-f0-9]{40}(?![\w-])`) },
  { kind: '1password-token', pattern: token(String.raw`ops_eyJ`, String.raw`[A-Za-z0-9+/]{100,}={0,3}`) },
  { kind: 'planetscale-token', pattern: token(String.raw`pscale_(?:tkn|pw|oauth)_`, String.raw`[\w.-]{32,}`) },
  { kind: 'square-token', pattern: token(String.raw`sq0(?:atp|csp)-`, String.raw`[\w-]{22,}`) },
  { kind: 'npm-token', pattern: token(String.raw`npm_`, String.raw`[A-Za-z0-9]{36}(?![A-Za-z0-9])`) },
  { kind: 'pypi-token', pattern: token(String.raw`pypi-AgE`, String.raw`[\w-]{50,}`) },
  { kind: 'sendgrid-key', pattern: token(String.raw`SG\.`, String.raw`[\w-]{16,32}\.[\w-]{16,64}`) },
  { kind: 'mailgun-key', pattern: token(String.raw`key-`, String.raw`[0-9a-f]{32}(?![\w-])`) },
  { kind: 'twilio-key', pattern: token(String.raw`SK`, String.raw`[0-9a-f]{32}(?![\w-])`) },
  // The bot's id, then `:AA…`; in a URL it follows `/bot`. The id is not the secret.
  { kind: 'telegram-token', pattern: /(?<keep>:)AA(?<=(?:^|\/bot|[^\w:-])\d{8,10}:AA)[\w-]{33}(?![\w-])/g },
  { kind: 'shopify-token', pattern: token('shp(?:at|ss|ca|pa)_', String.raw`[a-fA-F0-9]{32}(?![\w-])`) },
  { kind: 'databricks-token', pattern: token(String.raw`dapi`, String.raw`[a-f0-9]{32}(?:-\d)?(?![\w-])`) },
  { kind: 'digitalocean-token', pattern: token('do[opr]_v1_', String.raw`[a-f0-9]{64}(?![\w-])`) },
  { kind: 'doppler-token', pattern: token(String.raw`dp\.(?:pt|st|sa|ct|scim|audit)\.`, '[A-Za-z0-9]{40,}') },
  { kind: 'vault-token', pattern: token(String.raw`hv[sbr]\.`, String.raw`[\w-]{24,}`) },
  { kind: 'terraform-token', hints: ['.atlasv1.'], pattern: /\.atlasv1\.(?<=(?:^|[^A-Za-z0-9]|\\[nrt])[A-Za-z0-9]{14}\.atlasv1\.)[\w-]{60,}/g },
  { kind: 'grafana-token', pattern: token('(?:glc_|glsa_)', '(?:[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|[A-Za-z0-9+/]{32,}={0,2})') },
  { kind: 'linear-key', pattern: token(String.raw`lin_api_`, String.raw`[A-Za-z0-9]{40}`) },
  { kind: 'notion-token', pattern: token('(?:secret|ntn)_', '[A-Za-z0-9]{43,}'), accept: random },
  { kind: 'newrelic-key', pattern: token(String.raw`NRAK-`, String.raw`[A-Z0-9]{27}(?![\w-])`) },
  { kind: 'sentry-token', pattern: token('sntry[su]_', '[A-Za-z0-9+/=_]{40,}') },
  { kind: 'postman-key', pattern: token(String.raw`PMAK-`, String.raw`[a-f0-9]{24}-[a-f0-9]{34}`) },
  { kind: 'age-key', pattern: token(String.raw`AGE-SECRET-KEY-1`, String.raw`[0-9A-Z]{58}`) },
  // A JWT is three base64url segments; the header is JSON, so it starts `eyJ` (`{"`).
  { kind: 'jwt', pattern: token(String.raw`eyJ`, String.raw`[\w-]{10,}\.[\w-]{10,}\.[\w-]*`) },
  // PuTTY keys: the private part is the base64 lines after `Private-Lines: N`.
  // Lines end in a newline, or in `\n` when the file sits inside a JSON string.
  { kind: 'private-key', hints: ['Private-Lines:'], pattern: /(?<keep>Private-Lines: \d{1,4}(?:\r?\n|\\n))(?:[ \t]*[A-Za-z0-9+/=]{1,100}(?:\r?\n|\\n))+/g },

  // Credentials in URLs: `scheme://user:password@host`, the password possibly holding `@` (the last one ends it).
  {
    kind: 'url-password',
    hints: ['://'],
    // The scheme is checked behind `://`, which the engine can skip to.
    pattern: /(?<keep>:\/\/(?<=\b[a-zA-Z][a-zA-Z0-9+.-]{1,20}:\/\/)[^\s:@/?#[\]"'<>]{0,100}:)[^\s/?#"'<>]{1,300}/g,
    end: (secret) => {
      const at = secret.lastIndexOf('@');
      return at > 0 ? at : undefined;
    },
  },
  // Sentry's DSN carries its key as the URL's user.
  { kind: 'sentry-dsn', hints: ['://'], pattern: /(?<keep>\bhttps?:\/\/)[0-9a-f]{32}(?=@)/g },
  // Signed URLs: Azure SAS `sig=`, S3 and GCS presigned signatures and session tokens.
  { kind: 'signature', hints: ['sig', 'x-amz-security-token'], pattern: /(?<keep>[?&;](?:sig|signature|x-amz-signature|x-goog-signature|x-amz-security-token)=)[^&\s"'#<>]{8,}/gi },

  // Headers, in HTTP dumps, curl flags and code.
  {
    kind: 'auth-header',
    hints: ['authorization'],
    pattern: new RegExp(String.raw`(?<keep>\b(?:Proxy-)?Authorization${HEADER_SEP}(?:(?:Bearer|Basic|Token|Bot|Negotiate|NTLM|ApiKey|SSWS|OAuth|JWT|Key|Splunk|GenieKey|DSN)[ \t]{1,5})?)[\w.~+/=:-]{8,}`, 'gi'),
    accept: literalValue,
  },
  { kind: 'bearer-token', hints: ['Bearer'], pattern: /(?<keep>\bBearer[ \t]{1,5})[\w.~+/-]{16,}=*/g, accept: random },
  { kind: 'cookie', hints: ['cookie'], pattern: new RegExp(String.raw`(?<keep>\b(?:Set-)?Cookie${HEADER_SEP})[^\r\n"'\\]{3,}`, 'gi'), accept: (secret) => secret.includes('=') },

  // Credential files whose lines are not `name=value`.
  // .pgpass: host:port:database:user:password
  // (A line starts and ends at a newline, or at `\n` or a quote inside a JSON string.)
  // The `:port:` comes first and the host is checked behind it, so the engine skips to the colons.
  { kind: 'pgpass-password', pattern: /(?<keep>:(?:\d{1,5}|\*):(?<=(?:^|\\n|")[ \t]*(?:[^:\s#"\\]{1,253}|\*):(?:\d{1,5}|\*):)[^:\s"\\]{1,100}:[^:\s"\\]{1,100}:)[^\s"\\]{1,300}(?=$|\\n|")/gm },
  // .netrc: `machine h login u password p`, on one line or several.
  { kind: 'netrc-password', hints: ['passw'], pattern: /(?<keep>\b(?:login|user)[ \t]+\S{1,200}[ \t]+(?:password|passwd)[ \t]+)[^\s"'\\]+/g },
  { kind: 'netrc-password', hints: ['passw'], pattern: /(?<keep>(?<=^|\\n)[ \t]*(?:password|passwd)[ \t]+)[^\s\\]+(?=[ \t]*\r?$|\\n)/gm },
  // redis.conf
  { kind: 'assignment', hints: ['requirepass', 'masterauth', 'masterpass'], pattern: /(?<keep>(?<=^|\\n)[ \t]*(?:requirepass|masterauth|masterpass)[ \t]+)[^\s"'\\]+/gm },
  // XML and HTML-ish config: <password>…</password> (Maven settings.xml, Tomcat, .NET).
  {
    kind: 'assignment',
    hints: ['</'],
    pattern: /(?<keep><(?<tag>[A-Za-z_][\w.:-]{0,60})>)[^<\s][^<\n]{0,300}(?=<\/\k<tag>>)/g,
    accept: (secret, groups) => isSecretName(groups.tag ?? '') && literalValue(secret),
  },
  // PHP: define('DB_PASSWORD', 'secret');
  {
    kind: 'assignment',
    hints: ['define('],
    pattern: /(?<keep>\bdefine\([ \t]{0,5}['"](?<name>[\w.-]{1,80})['"][ \t]{0,5},[ \t]{0,5}['"])[^'"\n]{1,300}(?=['"])/g,
    accept: (secret, groups) => isSecretName(groups.name ?? '') && literalValue(secret),
  },
  // openssl -passin pass:X, xfreerdp /p:X
  { kind: 'flag', hints: ['pass:'], pattern: /(?<keep>-pass(?:in|out)?[ \t]{1,8}["']?pass:)[^\s"']+/g },
  { kind: 'flag', hints: ['/p:'], pattern: /(?<keep>(?<!\S)\/p:)\S+/g },
];
