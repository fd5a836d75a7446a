import { describe, expect, it } from 'vitest';
import { isSecretName } from '../../src/context/index.ts';

describe('isSecretName', () => {
  const secret = [
    'DB_PASSWORD', 'PGPASSWORD', 'dbPassword', 'auth.password', 'spring.datasource.password', 'MYSQL_PWD', 'Pwd', 'SMTP_PASS', 'pass', 'SSHPASS',
    'SENTRY_DSN', 'dsn', 'GITHUB_TOKEN', 'NPMTOKEN', '_authToken', 'access_token', 'id-token', 'X-Auth-Token', 'api_key', 'apiKey', 'X-Api-Key',
    'AWS_SECRET_ACCESS_KEY', 'SECRET_KEY_BASE', 'client_secret', 'clientSecret', 'AccountKey', 'SharedAccessKey', 'SharedAccessSignature', 'sig',
    'client-key-data', 'private_key', 'auth', 'NPM_AUTH', 'Cookie', 'passphrase', 'GOOGLE_CREDENTIALS', 'psk', 'otp',
  ];
  const ordinary = [
    'PATH', 'HOME', 'max_tokens', 'tokens_per_second', 'TOKENIZERS_PARALLELISM', 'token_type', 'password_file', 'PASSWORD_FILE',
    'token_url', 'secretName', 'secret_ref', 'passport', 'compass_dir', 'sort_key', 'public_key', 'primary_key', 'partition_key', 'key',
    'no-password', 'ask-pass', 'is_secret', 'password_min_length', 'SSH_AUTH_SOCK', 'XAUTHORITY', 'host', 'user', 'level', 'client_id',
    'client-certificate-data', 'expires_in',
  ];
  for (const name of secret) it(`says ${name} holds a secret`, () => expect(isSecretName(name)).toBe(true));
  for (const name of ordinary) it(`says ${name} does not`, () => expect(isSecretName(name)).toBe(false));
});
