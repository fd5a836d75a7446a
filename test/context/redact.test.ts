import { describe, expect, it } from 'vitest';
import { redact, SecretMemory } from '../../src/context/index.ts';

// Each planted secret: the kind its placeholder names, the text it hides in, and the secret itself.
const planted: [kind: string, text: string, secret: string][] = [
  ['openai-key', 'export OPENAI=sk-proj-AbCdEf0123456789AbCdEf0123456789AbCd', 'sk-proj-AbCdEf0123456789AbCdEf0123456789AbCd'],
  ['openai-key', 'key sk-1234567890abcdefghijKLMNOP here', 'sk-1234567890abcdefghijKLMNOP'],
  ['openrouter-key', 'sk-or-v1-0123456789abcdef0123456789abcdef0123', 'sk-or-v1-0123456789abcdef0123456789abcdef0123'],
  ['anthropic-key', 'x-api-key: sk-ant-api03-AAAAbbbbCCCCddddEEEEffff', 'sk-ant-api03-AAAAbbbbCCCCddddEEEEffff'],
  ['aws-access-key', 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE', 'AKIAIOSFODNN7EXAMPLE'],
  ['aws-access-key', 'ASIAY34FZKBOKMUTVV7A,', 'ASIAY34FZKBOKMUTVV7A'],
  ['aws-secret-key', 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
  ['github-token', 'git clone https://ghp_0123456789abcdefghijABCDEFGHIJ012345@github.com/x', 'ghp_0123456789abcdefghijABCDEFGHIJ012345'],
  ['github-token', 'GH=gho_0123456789abcdefghijABCDEFGHIJ012345', 'gho_0123456789abcdefghijABCDEFGHIJ012345'],
  ['github-token', 'ghs_0123456789abcdefghijABCDEFGHIJ012345 ghu_0123456789abcdefghijABCDEFGHIJ012345', 'ghs_0123456789abcdefghijABCDEFGHIJ012345'],
  ['github-token', 'ghr_0123456789abcdefghijABCDEFGHIJ012345', 'ghr_0123456789abcdefghijABCDEFGHIJ012345'],
  ['github-token', 'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz', 'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz'],
  ['gitlab-token', 'glpat-xxxxXXXXxxxxXXXXxxxx', 'glpat-xxxxXXXXxxxxXXXXxxxx'],
  ['slack-token', 'SLACK=xoxb-123456789012-123456789012-abcdefABCDEF', 'xoxb-123456789012-123456789012-abcdefABCDEF'],
  ['slack-token', 'xoxp-1234-5678-abcdefghij', 'xoxp-1234-5678-abcdefghij'],
  ['google-api-key', 'AIzaSyA-1234567890abcdefghijklmnopqrstu', 'AIzaSyA-1234567890abcdefghijklmnopqrstu'],
  ['jwt', 'cookie eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U;', 'eyJzdWIiOiIxMjM0NTY3ODkwIn0'],
  ['private-key', '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\nAAAABG5vbmU=\n-----END OPENSSH PRIVATE KEY-----', 'b3BlbnNzaC1rZXktdjEAAAAA'],
  ['flag', 'mysql -u root --password=hunter2hunter2', 'hunter2hunter2'],
  ['assignment', 'DB_PASSWORD: "s3cr3t-value"', 's3cr3t-value'],
  ['assignment', 'curl "https://x/api?token=abcd1234efgh&x=1"', 'abcd1234efgh'],
  ['assignment', 'SECRET_KEY=django-insecure-abc123', 'django-insecure-abc123'],
  ['assignment', '{"api_key": "0a1b2c3d4e"}', '0a1b2c3d4e'],
  ['flag', 'psql --password hunter2hunter2', 'hunter2hunter2'],
  ['flag', 'mysql -uroot -phunter2hunter2 shop', 'hunter2hunter2'],
  ['flag', 'curl -u ann:hunter2hunter2 https://x', 'hunter2hunter2'],
  ['cookie', 'Cookie: sid=abcdef123456', 'abcdef123456'],
  ['signature', 'https://a.blob.core.windows.net/c?sv=1&sig=abcdEFGH1234%3D', 'abcdEFGH1234%3D'],
  ['auth-header', 'Authorization: Bearer abc.def.ghi-jkl_mno', 'abc.def.ghi-jkl_mno'],
  ['auth-header', 'curl -H "authorization: basic dXNlcjpwYXNzd29yZA=="', 'dXNlcjpwYXNzd29yZA=='],
  ['bearer-token', 'token is Bearer abc123def456ghi789jk', 'abc123def456ghi789jk'],
  ['url-password', 'postgres://admin:pa55w0rd@db.internal:5432/app', 'pa55w0rd'],
  ['url-password', 'git remote add o https://ann:tok3n-value@git.example.com/x.git', 'tok3n-value'],
  ['url-password', 'postgres://admin:p@ss@w0rd@db:5432/app', 'p@ss@w0rd'],
];

describe('redaction', () => {
  for (const [kind, text, secret] of planted) {
    it(`removes a ${kind}: ${text.slice(0, 40)}`, () => {
      const result = redact(text);
      expect(result.text).not.toContain(secret);
      expect(result.text).toContain(`[REDACTED:${kind}]`);
      expect(result.count).toBeGreaterThanOrEqual(1);
    });
  }

  it('keeps the name of what it redacts, and the quotes around it', () => {
    expect(redact('export DB_PASSWORD="correct horse battery"').text).toBe('export DB_PASSWORD="[REDACTED:assignment]"');
    expect(redact('postgres://admin:pa55w0rd@db:5432').text).toBe('postgres://admin:[REDACTED:url-password]@db:5432');
    expect(redact('Authorization: Bearer abcdefgh12345678').text).toBe('Authorization: Bearer [REDACTED:auth-header]');
    expect(redact('{"password": "hunter2", "user": "ann"}').text).toBe('{"password": "[REDACTED:assignment]", "user": "ann"}');
    expect(redact('postgres://admin:p@ss@db:5432').text).toBe('postgres://admin:[REDACTED:url-password]@db:5432');
  });

  it('counts each secret once', () => {
    const text = 'a=sk-proj-AbCdEf0123456789AbCdEf0123456789AbCd b=AKIAIOSFODNN7EXAMPLE token=abcd1234efgh';
    expect(redact(text).count).toBe(3);
    // Placeholders are not secrets: a second pass finds nothing.
    expect(redact(redact(text).text)).toEqual({ text: redact(text).text, count: 0 });
  });

  it('removes the values of env vars named like secrets, wherever they appear, and names the variable', () => {
    const env = { MY_SERVICE_TOKEN: 'tok-9f8e7d6c5b4a', DB_PASSWORD: 'correct horse', SMTP_PASS: 'smtp-pass-1', MYSQL_PWD: 'mysql-pwd-2', SENTRY_DSN: 'dsn-value-3', PATH: '/usr/bin', API_KEY_ENABLED: 'true', SHORT_KEY: '1', SSH_KEY_FILE: '/home/ann/.ssh/id_ed25519', PWD: '/home/ann' };
    const result = redact('got tok-9f8e7d6c5b4a and correct horse, smtp-pass-1 mysql-pwd-2 dsn-value-3 from /usr/bin; enabled=true key 1 in /home/ann/.ssh/id_ed25519', env);
    expect(result.text).toBe(
      'got [REDACTED:env:MY_SERVICE_TOKEN] and [REDACTED:env:DB_PASSWORD], [REDACTED:env:SMTP_PASS] [REDACTED:env:MYSQL_PWD] [REDACTED:env:SENTRY_DSN] from /usr/bin; enabled=true key 1 in /home/ann/.ssh/id_ed25519',
    );
    expect(result.count).toBe(5);
  });

  it('removes known values whatever their name, such as those of variables since unset', () => {
    const memory = new SecretMemory();
    // The shell saw DB_PASSWORD while it was set; it has been unset since, so the environment no longer has it.
    memory.remember([{ name: 'DB_PASSWORD', value: 'Zq8-unset-later' }]);
    memory.rememberEnv({ GITHUB_TOKEN: 'gh-value-4711', HOME: '/home/ann' });
    const result = redact('$ echo $DB_PASSWORD\nZq8-unset-later\n$ unset DB_PASSWORD\ngh-value-4711', {}, memory);
    expect(result.text).toBe('$ echo $DB_PASSWORD\n[REDACTED:env:DB_PASSWORD]\n$ unset DB_PASSWORD\n[REDACTED:env:GITHUB_TOKEN]');
    expect([...memory].map((pair) => pair.name)).toEqual(['DB_PASSWORD', 'GITHUB_TOKEN']);
  });

  it("takes from the shell's broad report only the names that say secret (a MAX_TOKENS of 4096 is no secret)", () => {
    const memory = new SecretMemory();
    memory.rememberNamed([
      { name: 'MAX_TOKENS', value: '409600' },
      { name: 'GIT_AUTHOR_NAME', value: 'Ann Example' },
      { name: 'KEYBOARD', value: 'dvorak-intl' },
      { name: 'STRIPE_API_KEY', value: 'sk-live-value' },
    ]);
    expect([...memory]).toEqual([{ name: 'STRIPE_API_KEY', value: 'sk-live-value' }]);
  });

  it('never hides a path, so the working directory stays readable even with blanks in it', () => {
    const env = { PWD: '/home/ann/My Projects/app', OLDPWD: '/tmp', SSH_KEY_PATH: '~/.ssh/id_ed25519' };
    const text = 'cd /home/ann/My Projects/app && ls ~/.ssh/id_ed25519';
    expect(redact(text, env)).toEqual({ text, count: 0 });
  });

  it('removes a short known value only as a whole word', () => {
    expect(redact('pw test; testing tested', { DB_PASS: 'test' }).text).toBe('pw [REDACTED:env:DB_PASS]; testing tested');
  });

  it('replaces a value that contains another whole, under its own name', () => {
    const text = redact('abcdef-123456 and abcdef', { OUTER_TOKEN: 'abcdef-123456', INNER_TOKEN: 'abcdef' }).text;
    expect(text).toBe('[REDACTED:env:OUTER_TOKEN] and [REDACTED:env:INNER_TOKEN]');
  });

  describe('private keys', () => {
    const body = 'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\nVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK';
    const rsa = `-----BEGIN RSA PRIVATE KEY-----\n${body}\n-----END RSA PRIVATE KEY-----`;

    it('removes a whole block and nothing around it', () => {
      expect(redact(`$ cat id_rsa\n${rsa}\n$ echo done`)).toEqual({ text: '$ cat id_rsa\n[REDACTED:private-key]\n$ echo done', count: 1 });
    });

    it('removes a block whose END was cut off, to the end of the text', () => {
      const result = redact(`$ head id_rsa\n-----BEGIN PRIVATE KEY-----\n${body}`);
      expect(result.text).toBe('$ head id_rsa\n[REDACTED:private-key]');
    });

    it('removes the key lines above an END whose BEGIN was cut off (an output tail)', () => {
      const result = redact(`build ok\n${body}\n-----END EC PRIVATE KEY-----\nnext`);
      expect(result.text).toBe('build ok\n[REDACTED:private-key]\nnext');
    });

    it('removes PGP private key blocks, and leaves public keys and certificates alone', () => {
      expect(redact(`-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBF\n-----END PGP PRIVATE KEY BLOCK-----`).text).toBe('[REDACTED:private-key]');
      const cert = `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----`;
      expect(redact(cert)).toEqual({ text: cert, count: 0 });
    });
  });

  it('leaves ordinary text alone: SHAs, UUIDs, paths, base64 of ordinary length, URLs, prose about passwords', () => {
    const ordinary = [
      'commit 3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39',
      'Merge: 3f2a9c1 8e7b6a5',
      'id 123e4567-e89b-12d3-a456-426614174000',
      '/home/ann/.ssh/id_ed25519.pub /usr/lib/x86_64-linux-gnu/libssl.so.3',
      './node_modules/.bin/tsc src/context/secret-patterns.ts ~/.config/conch/config.toml',
      'C:\\Users\\ann\\AppData\\Local\\Temp',
      'aGVsbG8gd29ybGQ=',
      'dGhpcyBpcyBhbiBvcmRpbmFyeSBiYXNlNjQgc3RyaW5n',
      'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      'Enter your password to continue. The token expired.',
      'Password:',
      'skip-this sk-short sk-learn-compatible-estimator-wrapper',
      'tokens per second: 42.5; max_tokens=512; tokenizer=bpe',
      'npm install --save-dev typescript@5.9.3',
      'git@github.com:ann/conch.git ssh ann@host.example.com',
      'https://example.com:8443/path/to?page=2&sort=asc',
      'export DB_PASSWORD=$DB_PASSWORD; curl -H "Authorization: Bearer $TOKEN" https://api.example.com',
      'password: ******** token=true secret=<your-secret>',
      '--token-file ~/.config/token --password-stdin',
      '2026-11-24T12:00:00.000Z fe80::1%eth0 10.0.0.1:8080',
      'eyJ is how base64 of {" starts',
      'AKIA is a prefix; AIza too',
    ];
    for (const text of ordinary) expect(redact(text), text).toEqual({ text, count: 0 });
  });

  // No timing assertion: a quadratic pattern takes hours on a megabyte, and the test timeout catches it.
  describe('stays linear on a megabyte of near-misses', () => {
    const megabyte = (unit: string) => unit.repeat(Math.ceil(2 ** 20 / unit.length));
    const units = [
      'sk-', 'eyJ-', 'eyJaaaaaaaaaaaaa.aaaaaaaaaaaa.', '-----BEGIN RSA PRIVATE KEY-----\n', '-----END RSA PRIVATE KEY-----\n',
      '\\n-----END RSA PRIVATE KEY-----', '  -----END EC PRIVATE KEY-----', 'password="', "token='", 'password: ', 'a.', 'a:', 'a=',
      'a://b:', 'a://b:c@', 'Authorization: Bearer ', 'Cookie: ', 'a-', 'AKIA', '--password ', '--token=', '-p', 'mysql ', 'mysql -p',
      'curl -u ', 'sshpass -p ', '"', "'", '\\"', 'Private-Lines: 1\n', 'login a password ', 'a:1:b:c:', '<password>', '<a>',
      "define('DB_PASSWORD', '", '&sig=', '\\n', ' ',
      'hf_', `hf_${'a'.repeat(40)} `, 'api_org_', 'gsk_', 'xai-', 'pplx-', 'r8_', 'dckr_pat_', 'HRKU-AA', 'pul-', `pul-${'a'.repeat(39)}-`, 'ops_eyJ', `ops_eyJ${'A'.repeat(99)} `, 'pscale_tkn_', 'sq0csp-',
    ];
    for (const unit of units) {
      it(`repeating ${JSON.stringify(unit)}`, { timeout: 60_000 }, () => {
        const result = redact(megabyte(unit), { SOME_TOKEN: 'abcdefgh' });
        expect(result.text.length).toBeGreaterThan(0);
      });
    }
    // bench/redact-throughput.ts measures these (each program's words were read 64 at a time, used or not).
    for (const [name, separator] of [['on lines', '\n'], ['run together on one line', ' ']] as const) {
      it(`and hides every flag secret in a megabyte of curl -u and sshpass -p commands ${name}`, { timeout: 60_000 }, () => {
        const commands = 'curl -u ann:pw1-alpha https://x' + separator + 'sshpass -p pw2-beta ssh host' + separator;
        const text = commands.repeat(Math.ceil(2 ** 20 / commands.length));
        const result = redact(text);
        expect(result.count).toBe(2 * Math.ceil(2 ** 20 / commands.length));
        expect(result.text).not.toMatch(/pw1-alpha|pw2-beta/);
        expect(result.text.startsWith(`curl -u ann:[REDACTED:flag] https://x${separator}sshpass -p [REDACTED:flag] ssh host`)).toBe(true);
      });
    }
    it('and finds a secret after a megabyte of noise', () => {
      expect(redact(`${megabyte('eyJ-')} ghp_0123456789abcdefghijABCDEFGHIJ012345`).text).toMatch(/\[REDACTED:github-token\]$/);
    });
  });
});
