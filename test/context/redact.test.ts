import { describe, expect, it } from 'vitest';
import { redact } from '../../src/context/redact.ts';

const planted: [string, string, string][] = [
  ['openai-key', 'export OPENAI=sk-proj-AbCdEf0123456789AbCdEf0123456789AbCd', 'sk-proj-AbCdEf0123456789AbCdEf0123456789AbCd'],
  ['openai-key', 'key sk-1234567890abcdefghijKLMNOP here', 'sk-1234567890abcdefghijKLMNOP'],
  ['openrouter-key', 'sk-or-v1-0123456789abcdef0123456789abcdef0123', 'sk-or-v1-0123456789abcdef0123456789abcdef0123'],
  ['anthropic-key', 'x-api-key: sk-ant-api03-AAAAbbbbCCCCddddEEEEffff', 'sk-ant-api03-AAAAbbbbCCCCddddEEEEffff'],
  ['aws-access-key', 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE', 'AKIAIOSFODNN7EXAMPLE'],
  ['aws-secret-key', 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
  ['github-token', 'git clone https://ghp_0123456789abcdefghijABCDEFGHIJ012345@github.com/x', 'ghp_0123456789abcdefghijABCDEFGHIJ012345'],
  ['github-token', 'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz', 'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz'],
  ['gitlab-token', 'glpat-xxxxXXXXxxxxXXXXxxxx', 'glpat-xxxxXXXXxxxxXXXXxxxx'],
  ['slack-token', 'SLACK=xoxb-123456789012-123456789012-abcdefABCDEF', 'xoxb-123456789012-123456789012-abcdefABCDEF'],
  ['google-api-key', 'AIzaSyA-1234567890abcdefghijklmnopqrstu', 'AIzaSyA-1234567890abcdefghijklmnopqrstu'],
  ['jwt', 'token: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', 'eyJhbGciOiJIUzI1NiJ9'],
  ['private-key', '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\nAAAABG5vbmU=\n-----END OPENSSH PRIVATE KEY-----', 'b3BlbnNzaC1rZXktdjEAAAAA'],
  ['assignment', 'mysql -u root --password=hunter2hunter2', 'hunter2hunter2'],
  ['assignment', 'DB_PASSWORD: "s3cr3t-value"', 's3cr3t-value'],
  ['assignment', 'curl "https://x/api?token=abcd1234efgh&x=1"', 'abcd1234efgh'],
  ['bearer-token', 'Authorization: Bearer abc.def.ghi-jkl_mno', 'abc.def.ghi-jkl_mno'],
  ['url-password', 'postgres://admin:pa55w0rd@db.internal:5432/app', 'pa55w0rd'],
];

describe('redaction', () => {
  for (const [kind, text, secret] of planted) {
    it(`removes a ${kind}`, () => {
      const result = redact(text);
      expect(result.text).not.toContain(secret);
      expect(result.text).toContain('[REDACTED:');
      expect(result.count).toBeGreaterThanOrEqual(1);
    });
  }

  it('removes the values of env vars named like secrets, wherever they appear, and names the variable', () => {
    const env = { MY_SERVICE_TOKEN: 'tok-9f8e7d6c5b4a', DB_PASSWORD: 'correct horse', PATH: '/usr/bin', API_KEY_ENABLED: 'true', SHORT_KEY: '1' };
    const result = redact('got tok-9f8e7d6c5b4a and correct horse from /usr/bin; enabled=true key 1', env);
    expect(result.text).toBe('got [REDACTED:env:MY_SERVICE_TOKEN] and [REDACTED:env:DB_PASSWORD] from /usr/bin; enabled=true key 1');
    expect(result.count).toBe(2);
  });

  it('leaves ordinary text alone: SHAs, UUIDs, paths, base64 of ordinary length, prose about passwords', () => {
    const ordinary = [
      'commit 3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39',
      'id 123e4567-e89b-12d3-a456-426614174000',
      '/home/ann/.ssh/id_ed25519.pub /usr/lib/x86_64-linux-gnu/libssl.so.3',
      'aGVsbG8gd29ybGQ=',
      'Enter your password to continue. The token expired.',
      'skip-this sk-short',
      'tokens per second: 42.5',
      'npm install --save-dev typescript@5.9.3',
    ];
    for (const text of ordinary) expect(redact(text), text).toEqual({ text, count: 0 });
  });

  it('is linear on adversarial input (1 MB of near-misses)', () => {
    const text = `${'sk-'.repeat(100_000)}${'password'.repeat(50_000)}${'eyJ.'.repeat(50_000)}`;
    const start = process.hrtime.bigint();
    redact(text);
    // Not a timing assertion on speed, a guard against catastrophic backtracking (which takes minutes).
    expect(Number(process.hrtime.bigint() - start) / 1e9).toBeLessThan(20);
  });
});
