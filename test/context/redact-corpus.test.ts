import { describe, expect, it } from 'vitest';
import { redact } from '../../src/context/index.ts';
import { SHAPES } from './secret-corpus.ts';

/** The kinds of text a secret hides in, each as it really looks. */
const SURROUNDINGS: Record<string, (shape: string) => string> = {
  '.env file': (shape) => `# production\nAPP_ENV=production\nLOG_LEVEL=info\n${shape}\nPORT=8080\nWORKERS=4\n`,
  'JSON document': (shape) => JSON.stringify({ id: 'job-4711', status: 'failed', log: shape, retries: 3, tags: ['deploy', 'prod'] }, null, 2),
  'YAML CI file': (shape) =>
    `name: deploy\non: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: |\n${shape
      .split('\n')
      .map((line) => `          ${line}`)
      .join('\n')}\n      - name: done\n        run: echo ok\n`,
  'shell history': (shape) => `#1732900000\ncd ~/src/app\n#1732900012\n${shape}\n#1732900020\ngit status\n`,
  'terminal transcript': (shape) => `ann@box:~/src/app$ git pull\nAlready up to date.\nann@box:~/src/app$ cat notes.txt\n${shape}\nann@box:~/src/app$ echo $?\n0\n`,
  'HTTP dump': (shape) =>
    `* Connected to api.example.com (93.184.216.34) port 443\n> POST /v1/deploy HTTP/1.1\n> Host: api.example.com\n> User-Agent: curl/8.5.0\n> Accept: */*\n>\n${shape}\n< HTTP/1.1 201 Created\n< Content-Type: application/json\n< Content-Length: 17\n<\n{"status":"ok"}\n`,
};

describe('redaction corpus', () => {
  it('has at least 60 distinct secret shapes', () => {
    expect(SHAPES.length).toBeGreaterThanOrEqual(60);
    expect(new Set(SHAPES.map((shape) => shape.secret)).size).toBe(SHAPES.length);
    // Each secret really is in its text, or the test would prove nothing.
    for (const shape of SHAPES) expect(shape.text, shape.name).toContain(shape.secret);
  });

  for (const shape of SHAPES) {
    describe(shape.name, () => {
      it('is removed on its own', () => {
        const result = redact(shape.text);
        expect(result.text).not.toContain(shape.secret);
        expect(result.count).toBeGreaterThanOrEqual(1);
      });
      for (const [where, embed] of Object.entries(SURROUNDINGS)) {
        it(`is removed inside a ${where}`, () => {
          const text = embed(shape.text);
          // In JSON the secret is escaped as a string would be.
          const secret = where === 'JSON document' ? JSON.stringify(shape.secret).slice(1, -1) : shape.secret;
          expect(text).toContain(secret);
          expect(redact(text).text).not.toContain(secret);
        });
      }
    });
  }
});

describe('no false alarms', () => {
  // Text that mentions secrets, or looks random, without holding one.
  const ordinary = [
    'commit 3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39\nAuthor: Ann <ann@example.com>\nMerge: 3f2a9c1 8e7b6a5',
    'id 123e4567-e89b-12d3-a456-426614174000 request-id: 9b2f0c1e-7d4a-4e5b-8c3f-1a2b3c4d5e6f',
    '/home/ann/.ssh/id_ed25519.pub /usr/lib/x86_64-linux-gnu/libssl.so.3 C:\\Users\\ann\\AppData\\Local\\Temp',
    './node_modules/.bin/tsc src/context/secret-patterns.ts ~/.config/conch/config.toml',
    'aGVsbG8gd29ybGQ= dGhpcyBpcyBhbiBvcmRpbmFyeSBiYXNlNjQgc3RyaW5n',
    'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    'docker pull nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31',
    'Enter your password to continue. The token expired. Reset your password at the login page.',
    'Password:',
    "Password for 'https://ann@github.com':",
    'skip-this sk-short sk-learn-compatible-estimator-wrapper',
    'tokens per second: 42.5; max_tokens=2048; tokenizer=bpe; TOKENIZERS_PARALLELISM=false',
    'npm install --save-dev typescript@5.9.3',
    'git@github.com:ann/conch.git ssh ann@host.example.com',
    'https://example.com:8443/path/to?page=2&sort=asc http://localhost:3000/',
    'export DB_PASSWORD=$DB_PASSWORD; curl -H "Authorization: Bearer $TOKEN" https://api.example.com',
    'password: ******** token=true secret=<your-secret> api_key: "{{ vault_api_key }}"',
    '--token-file ~/.config/token --password-stdin --no-password --ask-pass',
    '2026-11-24T12:00:00.000Z fe80::1%eth0 10.0.0.1:8080 [::1]:443',
    'eyJ is how base64 of {" starts; AKIA is a prefix; AIza too',
    'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl ann@box',
    '-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ\n-----END CERTIFICATE-----',
    'docker run -p 8080:80 nginx; ssh -p 2222 ann@bastion; mysql -p shop; curl -u ann https://x',
    'grep -rn password src/ | wc -l; kill -9 1234',
    'def login(username: str, password: str) -> bool:\n    password = getpass()\n    token = os.environ.get("TOKEN")',
    'interface Login { password?: string; token: string; apiKey: string }\nconst secret = process.env.SECRET;',
    '{"token_type": "bearer", "expires_in": 3600, "scope": "read"}',
    'spec:\n  tls:\n  - secretName: tls-cert\n    hosts: [a.example.com]\n  env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef:\n        name: db\n        key: password',
    'PWD=/home/ann/src OLDPWD=/tmp PATH=/usr/local/bin:/usr/bin HOME=/home/ann',
    'passport compass bypass: 1 passes: 3',
    'Content-Length: 1234\nCache-Control: no-cache\nAccept-Encoding: gzip',
    'The build passed. Token limits apply. Keys are rotated monthly.',
    'user:x:1000:1000:Ann,,,:/home/ann:/bin/bash',
    'from huggingface_hub import hf_hub_download, snapshot_download; HF_HUB_ENABLE_HF_TRANSFER=1 hf_transfer',
    'pip install xai-sdk groq replicate docker; git switch pul-4711-fix; square sq0-sandbox; ops_version=2',
    'tokenizer.json hf_model_card_data_extraction_pipeline_for_inference_v2',
  ];
  for (const text of ordinary) {
    it(`leaves alone: ${JSON.stringify(text.slice(0, 50))}`, () => expect(redact(text)).toEqual({ text, count: 0 }));
  }
});
