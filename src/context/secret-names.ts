/**
 * Whether a name (an environment variable, a config key, a JSON field, a
 * command-line flag) says its value is a secret: `DB_PASSWORD`, `dbPassword`,
 * `auth.password`, `MYSQL_PWD`, `SENTRY_DSN`, `client-key-data`, `_authToken`,
 * `SSHPASS`; not `max_tokens`, `token_type`, `password_file`, `PWD`'s path or
 * `secretName`. The shell session uses it too, to choose which variables'
 * values it reports.
 */
export function isSecretName(name: string): boolean {
  let known = verdicts.get(name);
  if (known === undefined) {
    known = judgeName(name);
    // The same few names recur through a whole output (`level`, `host`, `id`): judge each once.
    if (verdicts.size >= 4096) verdicts.clear();
    verdicts.set(name, known);
  }
  return known;
}

const verdicts = new Map<string, boolean>();

function judgeName(name: string): boolean {
  const words = splitWords(name);
  const last = words.at(-1);
  if (last === undefined || NOT_A_VALUE.has(last) || NOT_A_SECRET_FIRST.has(words[0]!)) return false;
  const squashed = words.join('');
  if (SECRET_INSIDE.test(squashed) || SECRET_END.test(squashed)) return true;
  if (words.some((word) => SECRET_WORD.has(word))) return true;
  if (SECRET_LAST.has(last)) return true;
  const before = words.at(-2);
  if (before === undefined) return false;
  if (last === 'key') return KEY_OWNERS.has(before);
  return last === 'data' && before === 'key';
}

/** Lower-case words: split at separators and at camelCase humps (`apiKey`, `HTTPPassword`). */
function splitWords(name: string): string[] {
  return name
    .slice(0, 100)
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Somewhere in the name, words run together or not (`PGPASSWORD`, `SharedAccessKey`). */
const SECRET_INSIDE = /password|passwd|passphrase|secret|credential|apikey|accesskey|accountkey|privatekey|secretkey|clientkey|signingkey|encryptionkey|masterkey|authtoken|accesstoken|refreshtoken|sessiontoken|bearertoken|connectionstring|connstr/;
/** At the end of the name, run together (`SSHPASS`, `MYSQLPWD`, `NPMTOKEN`). */
const SECRET_END = /(?:pass|pwd|token|dsn)$/;
/** A whole word anywhere in the name. */
const SECRET_WORD = new Set(['token', 'pwd', 'pass', 'dsn', 'sas', 'secrets', 'creds']);
/** A whole word ending the name. */
const SECRET_LAST = new Set(['auth', 'cookie', 'cookies', 'sig', 'signature', 'cred', 'otp', 'totp', 'pin', 'psk']);
/** `<owner>_key` names a secret key; `partition_key`, `sort_key`, `public_key` do not. */
const KEY_OWNERS = new Set([
  'api', 'access', 'secret', 'private', 'account', 'client', 'encryption', 'signing', 'master', 'shared', 'app', 'license',
  'service', 'storage', 'webhook', 'session', 'subscription', 'deploy', 'auth', 'hmac', 'jwt', 'cipher', 'aes', 'recovery',
  'root', 'admin', 'ingest', 'write', 'consumer', 'instrumentation', 'mailgun', 'sendgrid',
  'stripe', 'openai', 'anthropic', 'gemini', 'google', 'azure', 'aws', 'gcp',
]);
/** A last word that makes the value about a secret, not the secret: its file, length, type, name, where to send it. */
const NOT_A_VALUE = new Set([
  'file', 'files', 'path', 'dir', 'directory', 'url', 'uri', 'endpoint', 'host', 'type', 'name', 'names', 'id', 'ids',
  'length', 'len', 'count', 'size', 'limit', 'min', 'max', 'expiry', 'expires', 'expiration', 'ttl', 'timeout', 'env',
  'var', 'header', 'prefix', 'suffix', 'policy', 'hint', 'label', 'helper', 'method', 'mode', 'provider', 'scheme',
  'source', 'format', 'ref', 'command', 'cmd', 'stdin', 'prompt', 'enabled', 'required', 'field', 'algorithm', 'alg',
  'version', 'kind', 'index', 'location', 'store', 'manager', 'backend', 'rotation', 'parallelism', 'usage', 'used',
]);
/** A first word that makes the whole name a switch or a question (`--no-password`, `--ask-pass`, `is_secret`). */
const NOT_A_SECRET_FIRST = new Set(['no', 'ask', 'prompt', 'require', 'requires', 'show', 'is', 'has', 'use', 'enable', 'disable', 'allow', 'forgot', 'reset', 'change', 'num', 'max', 'min']);
