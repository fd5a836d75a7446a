/**
 * Secret shapes for the redaction corpus: what a person's terminal, files and
 * requests really hold. Each: a name, the text as it appears, and the secret
 * in it that must never leave. Every secret is fake, random-looking, and
 * unique in the corpus.
 */
export interface SecretShape {
  name: string;
  text: string;
  secret: string;
}

const PEM_BODY = 'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\nVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK';
const OPENSSH_BODY = 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\nQyNTUxOQAAACDh7yZ5x3Pq0Tq6ab7kVb0mI6Uej3sLxq1JkYV5Z1hF3wAAAJgnS1oZJ0ta';
const EC_BODY = 'MHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oZvIOwUe9pgcoAoGCCqGSM49\nAwEHoUQDQgAEmV8pYlK0wF4zq1hR0G9iT7m2n8XfPq3LJtvD1b2aYfH8sB0kT6nQ';

export const SHAPES: SecretShape[] = [
  // Provider keys and tokens
  { name: 'OpenAI project key', text: 'export OPENAI_KEY_USED=1; echo sk-proj-ox9yimTcfipZGnzPbDFDyFKm51zfFoWbSrHAE56yUhQqg0ey', secret: 'ox9yimTcfipZGnzPbDFDyFKm51zfFoWbSrHAE56yUhQqg0ey' },
  { name: 'OpenAI legacy key', text: 'using key sk-N1ygQdvpSfF5PH5nLZjMeI8cFSmj83LDUL4CsJw24BikWMgI for the batch', secret: 'N1ygQdvpSfF5PH5nLZjMeI8cFSmj83LDUL4CsJw24BikWMgI' },
  { name: 'Anthropic key', text: 'x-api-key: sk-ant-api03-OT_zNtTKjCSFbLRCIe2GWM1wYovdzuMobWRv3Dr0501kiKmeknUt-tiycrRXpMSPUa_AhewwR34pkzC_8tWpn5AA', secret: 'OT_zNtTKjCSFbLRCIe2GWM1wYovdzuMobWRv3Dr0501kiKmeknUt' },
  { name: 'OpenRouter key', text: 'key: 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', secret: '4e2fcbe7161e33600bd267ac60992ac792dba9b936fbc969ccbbd6f2852f8d38' },
  { name: 'AWS access key id', text: 'aws_access_key_id = AKIASR6RR0PXPP63PO7M', secret: 'AKIASR6RR0PXPP63PO7M' },
  { name: 'AWS secret key (credentials file)', text: '[default]\naws_secret_access_key = V+noXkv2frcyHlm76KlqTiOekrUjDeOCLTPioS3u\nregion = eu-west-1', secret: 'V+noXkv2frcyHlm76KlqTiOekrUjDeOCLTPioS3u' },
  { name: 'AWS session token', text: 'aws_session_token = IQoJb3JpZ2luX2VjuGXt3imCkLwRznghwvPLF9okrqCPB0wvr4h5K13V/UxNI8qJ+LBYr/8pLYeeVLSWdsbkx5q2nVfVTnOn9vE9USV2VesOheDU9U8wMrIc4KH6LLZ+5l+4RrnU==', secret: 'uGXt3imCkLwRznghwvPLF9okrqCPB0wvr4h5K13V' },
  { name: 'GitHub classic token', text: 'git clone https://ghp_TMQDxEKynIHTLlYjG0cfJYQWtnjOzq84Zm9h@github.com/acme/app.git', secret: 'TMQDxEKynIHTLlYjG0cfJYQWtnjOzq84Zm9h' },
  { name: 'GitHub fine-grained token', text: 'gh auth login --with-token <<< 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', secret: '62a3RgHGmE6WT0A5hBGjejQTX8YQTw7MBQdqASQmbseXFuSkodz0StqtHrM' },
  { name: 'GitHub OAuth token (gh hosts.yml)', text: 'github.com:\n    oauth_token: gho_bzYnTSSSnmhZXP37XFjT0upP6fBw5G04JRF6\n    user: ann', secret: 'bzYnTSSSnmhZXP37XFjT0upP6fBw5G04JRF6' },
  { name: 'GitLab token', text: 'glab auth login --hostname gitlab.example.com --token glpat-7Urv8mCRuEC2zRqIj4Ps', secret: '7Urv8mCRuEC2zRqIj4Ps' },
  { name: 'Slack bot token', text: 'SLACK_BOT=xoxb-396056541167-6907583009855-TE4LgNlhdCrfJbmpO6edvwyT', secret: 'TE4LgNlhdCrfJbmpO6edvwyT' },
  { name: 'Slack app token', text: 'socket mode with xapp-1-A5O9ZAUWJH6-8161302262419-a01f4903e5d98fdab2f4bcd412ec7ca5144391b25e6b17779b75c2b5b3c61d27', secret: 'a01f4903e5d98fdab2f4bcd412ec7ca5144391b25e6b17779b75c2b5b3c61d27' },
  { name: 'Slack webhook', text: 'curl -X POST -d @msg.json https://hooks.slack.com/services/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', secret: 'hK7NGZSk6vVsKI8zNhCJltkV' },
  { name: 'Stripe live key', text: 'Stripe.api_key = "sk_live_Y45wwHdRzM9re6pJ1T9SECsS"', secret: 'Y45wwHdRzM9re6pJ1T9SECsS' },
  { name: 'Google API key', text: 'https://maps.googleapis.com/maps/api/geocode/json?address=x&key=AIzay9iiLixYmpxx-PEy4FWdSNp-fm4VGQnny-2', secret: 'AIzay9iiLixYmpxx-PEy4FWdSNp-fm4VGQnny-2' },
  { name: 'Google OAuth client secret', text: '"client_id": "1234.apps.googleusercontent.com", "installed_secret": "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"', secret: '5mqdTqX5Q2oW81qjxE4zJtBaQUlv' },
  { name: 'Hugging Face token', text: 'huggingface-cli login --token hf_GuJ12A8Utioy6aLg5joe2XkPjFs37IyfCT', secret: 'GuJ12A8Utioy6aLg5joe2XkPjFs37IyfCT' },
  { name: 'npm token (.npmrc)', text: '//registry.npmjs.org/:_authToken=npm_s9eyC6FBvEUot5c66LRgbJ6NxPTBaUq8SxcP', secret: 's9eyC6FBvEUot5c66LRgbJ6NxPTBaUq8SxcP' },
  { name: 'PyPI token (.pypirc)', text: '[pypi]\nusername = __token__\npassword = pypi-AgEIcHlwaS5vcmcwi-gcgmOrFUTTkEyEJm1dyco0OsIChPTWuPMucIcfLsMAdrfqTI4HSMrU64DOkHaKRoIba', secret: 'wi-gcgmOrFUTTkEyEJm1dyco0OsIChPTWuPMucIcfLsMAdrfqTI4HSMrU64DOkHaKRoIba' },
  { name: 'SendGrid key', text: 'sending with 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 now', secret: '_WhzDuX1OFHRbME1YH9Qh-DwTvuDyhWDmqHLet9kUmI' },
  { name: 'Twilio API key', text: 'twilio api:core:messages:create --api-key SK3413b9b8415c00eebc71bea9d48d227a', secret: '3413b9b8415c00eebc71bea9d48d227a' },
  { name: 'Telegram bot token', text: 'curl https://api.telegram.org/bot3860743454:AA0hab2eyDnk8rx4_jdHKgSkIVN7DEhjD4N/getMe', secret: 'AA0hab2eyDnk8rx4_jdHKgSkIVN7DEhjD4N' },
  { name: 'DigitalOcean token', text: 'doctl auth init -t dop_v1_13d8d34adbfcff2cacad99fe07282141036fe9629a9f4eb895c90307d644358e', secret: '13d8d34adbfcff2cacad99fe07282141036fe9629a9f4eb895c90307d644358e' },
  { name: 'Vault token', text: 'Key                  Value\n---                  -----\ntoken                hvs.5wFWN01dua6nrT5p3JmejKx0\ntoken_accessor       x', secret: '5wFWN01dua6nrT5p3JmejKx0' },
  { name: 'Mailgun key', text: 'mg = Mailgun("key-a1da104f4e48fc8aa9a065c9529915f8")', secret: 'a1da104f4e48fc8aa9a065c9529915f8' },
  { name: 'Shopify token', text: 'X-Shopify-Access-Token: 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', secret: '4ed46da9186d5e262034861d4fb9d60c' },
  { name: 'age secret key', text: '# created: 2026-11-24\nAGE-SECRET-KEY-1107TB0OX3QF2HC37LUNVIIXQKFB7U3E7CWCJ5LIYK9WIWXC9VEN45V7KJY', secret: '107TB0OX3QF2HC37LUNVIIXQKFB7U3E7CWCJ5LIYK9WIWXC9VEN45V7KJY' },
  { name: 'Doppler token', text: 'doppler configure set token dp.pt.Z4Rr9YUiwXNWkyBfgO96Qq4IPzF4TRTTZNpjIK821xk', secret: 'Z4Rr9YUiwXNWkyBfgO96Qq4IPzF4TRTTZNpjIK821xk' },
  { name: 'Databricks token', text: 'databricks configure --host https://x.cloud.databricks.com -t dapi0980ffc38e45c084749220f9fc5ea6df', secret: '0980ffc38e45c084749220f9fc5ea6df' },
  { name: 'Grafana service account token', text: 'grafana token glsa_xR7EM4Qa2YVjq4WtNsHjSM1RsZsVIVgo_659d8325 created', secret: 'xR7EM4Qa2YVjq4WtNsHjSM1RsZsVIVgo' },
  { name: 'Hugging Face token, letters only (as issued)', text: '$ cat ~/.cache/huggingface/token\n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', secret: 'iFSJbwvQZXdtbBtSvUSItlSkcIGxlBNgor' },
  { name: 'Hugging Face organization token', text: 'from huggingface_hub import HfApi; api = HfApi("https://huggingface.co", "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")', secret: 'bXiigQaaphjEhrEBJiIhpgUioougwKIunq' },
  { name: 'Slack refresh token', text: 'slack config rotation: refresh xoxe-1-ORExzf0i0fMNU58ZNJOmQESidWqF1cMim6x9qt9ANP8felmKr5tU85mTOmS6', secret: 'ORExzf0i0fMNU58ZNJOmQESidWqF1cMim6x9qt9ANP8felmKr5tU85mTOmS6' },
  { name: 'GitHub Actions installation token', text: 'git remote set-url origin https://x-access-token:ghs_izVO2jTC5Jm4RcMXa0IpvN7eFaCx8tqmj5yL@github.com/acme/app', secret: 'izVO2jTC5Jm4RcMXa0IpvN7eFaCx8tqmj5yL' },
  { name: 'GitHub user-to-server token', text: 'GH_ENTERPRISE="ghu_93SswJDhuQJaU8bFnGEQcdWJWyFgYkyxusHp" gh api user', secret: '93SswJDhuQJaU8bFnGEQcdWJWyFgYkyxusHp' },
  { name: 'Stripe restricted key', text: 'stripe listen --api-key rk_live_tDSmuuTAxl6tzgBXLnAKikHs --forward-to localhost:4242', secret: 'tDSmuuTAxl6tzgBXLnAKikHs' },
  { name: 'AWS temporary access key id', text: '{"Credentials": {"AccessKeyId": "ASIARR2V7FJD42EHKWJR", "Expiration": "2026-11-24T13:00:00Z"}}', secret: 'ASIARR2V7FJD42EHKWJR' },
  { name: 'Discord webhook', text: 'curl -H "Content-Type: application/json" -d \'{"content":"deployed"}\' https://discord.com/api/webhooks/1184263725180342373/jkBecqEzSUjEydoPp0R-FW8g3znpjQu9iV3jN3Ul8xzv_vmk4_PuLsLwGNzipwMsrP1z', secret: 'jkBecqEzSUjEydoPp0R-FW8g3znpjQu9iV3jN3Ul8xzv_vmk4_PuLsLwGNzipwMsrP1z' },
  { name: 'Heroku API key', text: '$ heroku authorizations:create -d ci -S\nHRKU-AAUySAOMQ0jXF6JjZbHgGfmB_uPhJfIiRL63BvdAF32Dn3l37Kkl5Z8sCmM1', secret: 'UySAOMQ0jXF6JjZbHgGfmB_uPhJfIiRL63BvdAF32Dn3l37Kkl5Z8sCmM1' },
  { name: 'Pulumi access token', text: '{"current": "https://api.pulumi.com", "accessTokens": {"https://api.pulumi.com": "pul-bba13a8ea1d42e541c3a9012c0f462cb5535e64c"}}', secret: 'bba13a8ea1d42e541c3a9012c0f462cb5535e64c' },
  { name: 'Groq key', text: 'echo 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 | llm keys set groq', secret: 'BfsTTGYYGGtZL2hKCBHKTihFCW8WVyElRltTJx8kgs8TTJSSDCsh' },
  { name: 'xAI key', text: 'curl https://api.x.ai/v1/models -H "x-grok: xai-lF58swfxktKmyYY92NXGq4xf9fLdjaIBGJjUm74BKsCb1h6kBovq1ZtUowuNzky0B31O99h2MyMRDqj5"', secret: 'lF58swfxktKmyYY92NXGq4xf9fLdjaIBGJjUm74BKsCb1h6kBovq1ZtUowuNzky0B31O99h2MyMRDqj5' },
  { name: 'Perplexity key', text: 'llm keys set perplexity 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', secret: 'lGboW4aZu41i36ed2HsmGFO5WkQnICmLAqI7LfXz5D7G4H1A' },
  { name: 'Replicate token', text: 'client = replicate.Client("r8_3gtUmhJSuXBRvSWOQAxRNgOLJj9KCI4fP3iey")', secret: '3gtUmhJSuXBRvSWOQAxRNgOLJj9KCI4fP3iey' },
  { name: 'Docker Hub token', text: 'echo dckr_pat_N4RKvqTMoGwzX4pVWrqWqQLUN5L | docker login -u ann --password-stdin', secret: 'N4RKvqTMoGwzX4pVWrqWqQLUN5L' },
  { name: '1Password service account token', text: 'op run --env-file=.env -- ./deploy.sh  # with ops_eyJmd8OhcF2zEJry9/3ZPjmCm8tDxJBnm1SR2vQiZgwGOCUHfQc3SoTyRjP6vejzXyBKi3LESPf7zaHusBtZXt24P6AUtVicstcCXozjBB8cXT3xHZBxTLRM6AEph6gQw75arQX9qtp5GJjWXeuQsaotaiWXzPL+ySC56nmQFXqyWvnHKtfKISwKS9gn5hLjg+1uK4G4DwnZNTWeKp6WpgcFlFS2aZi8gZSXzf7WJXjZUSsB8AvX/Rpnm401BdqKQ3WJsG4', secret: 'HusBtZXt24P6AUtVicstcCXozjBB8cXT3xHZBxTLRM6AEph6gQw75arQX9qtp5GJjWXeuQsaotaiWXzPL' },
  { name: 'PlanetScale token', text: '$ pscale service-token create\n  ID          VALUE\n  x1y2z3a4    pscale_tkn_1rEQPRFktI8m6mvWhYWvOGaJL0dvir6oKqfGwWTYuEJ', secret: '1rEQPRFktI8m6mvWhYWvOGaJL0dvir6oKqfGwWTYuEJ' },
  { name: 'Square OAuth secret', text: 'square: client secret sq0csp-RvMTunKTmLajp9BUsOthsPgc_jsqVNaUJPg3otqdC1e (sandbox)', secret: 'RvMTunKTmLajp9BUsOthsPgc_jsqVNaUJPg3otqdC1e' },
  { name: 'JWT', text: 'id token: eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJzdWIiOiJhbm4iLCJleHAiOjE3MzI5MDAwMDB9.X3mV1c0Qp8yN2bR5tK7wL9zA4sD6fG8hJ1kL3mN5pQ7', secret: 'eyJzdWIiOiJhbm4iLCJleHAiOjE3MzI5MDAwMDB9' },

  // Private keys
  { name: 'RSA private key', text: `$ cat ~/.ssh/id_rsa\n-----BEGIN RSA PRIVATE KEY-----\n${PEM_BODY}\n-----END RSA PRIVATE KEY-----`, secret: 'u1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun' },
  { name: 'OpenSSH private key', text: `-----BEGIN OPENSSH PRIVATE KEY-----\n${OPENSSH_BODY}\n-----END OPENSSH PRIVATE KEY-----`, secret: 'QyNTUxOQAAACDh7yZ5x3Pq0Tq6ab7kVb0mI6Uej3sLxq1JkYV5Z1hF3wAAAJgnS1oZJ0ta' },
  { name: 'EC private key, head cut off', text: `${EC_BODY}\n-----END EC PRIVATE KEY-----\n$ ls`, secret: 'AwEHoUQDQgAEmV8pYlK0wF4zq1hR0G9iT7m2n8XfPq3LJtvD1b2aYfH8sB0kT6nQ' },
  { name: 'PGP private key block', text: '-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBGV5k2kBCADZm0Xq7f9Y3vT2pL8rN4sK1wH6jD0cB5aE3gF7iM9oQ2uR\n=x8Qz\n-----END PGP PRIVATE KEY BLOCK-----', secret: 'lQOYBGV5k2kBCADZm0Xq7f9Y3vT2pL8rN4sK1wH6jD0cB5aE3gF7iM9oQ2uR' },
  { name: 'GCP service account key (JSON)', text: '{"type": "service_account", "private_key_id": "b2930a4e", "private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\\n-----END PRIVATE KEY-----\\n"}', secret: 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj' },
  { name: 'PuTTY private key', text: 'PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nPrivate-Lines: 1\nAAAAIFz0Fq8vK3mR7tL2wX9yB4nC6dE1aG5hJ8kM0pQ3sT7u\nPrivate-MAC: 0a1b2c', secret: 'AAAAIFz0Fq8vK3mR7tL2wX9yB4nC6dE1aG5hJ8kM0pQ3sT7u' },

  // Credentials in URLs and connection strings
  { name: 'Postgres URL', text: 'DATABASE_URL=postgres://app:8ZhwYmEiF_1ur4yJdRJ@db.internal:5432/app', secret: '8ZhwYmEiF_1ur4yJdRJ' },
  { name: 'MongoDB SRV URL', text: 'mongosh "mongodb+srv://ann:Q8JIUxfdMy@cluster0.abcde.mongodb.net/shop"', secret: 'Q8JIUxfdMy' },
  { name: 'Redis URL without a user', text: 'redis-cli -u redis://:DPjBNtc%iXuBEq@cache:6379/0 ping', secret: 'DPjBNtc%iXuBEq' },
  { name: 'URL password containing @', text: 'psql postgresql://admin:7Rl@c7iZf@Lp0d7VN@db.example.com:5432/prod', secret: '7Rl@c7iZf@Lp0d7VN' },
  { name: 'HTTPS basic auth in a git remote', text: 'origin\thttps://ann:CZ_VQ+1WRIoifBiuvd@git.example.com/team/app.git (fetch)', secret: 'CZ_VQ+1WRIoifBiuvd' },
  { name: 'Azure storage connection string', text: 'AZURE_CONN="DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=Abb4kMOTt1MX7a8SyOaQKLQ4FfRyXY8yH777hKGU==;EndpointSuffix=core.windows.net"', secret: 'Abb4kMOTt1MX7a8SyOaQKLQ4FfRyXY8yH777hKGU==' },
  { name: 'Azure Service Bus SharedAccessKey', text: 'Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=Fs%sDb-9HhMLJ2r^SN7hLE=', secret: 'Fs%sDb-9HhMLJ2r^SN7hLE=' },
  { name: 'Azure SAS sig=', text: 'azcopy copy "https://acme.blob.core.windows.net/c/f.tar?sv=2022-11-02&ss=b&srt=o&sp=r&se=2026-01-01T00:00:00Z&sig=Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA%3D%3D" .', secret: 'Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA%3D%3D' },
  { name: 'S3 presigned URL', text: 'https://acme.s3.amazonaws.com/r.pdf?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20261124T000000Z&X-Amz-Signature=f004480408e0b5fc31238c3e8d8f603c5c9809a6', secret: 'f004480408e0b5fc31238c3e8d8f603c5c9809a6' },
  { name: 'ADO.NET connection string', text: 'Server=tcp:acme.database.windows.net,1433;User ID=app;Password=Xk9nF!lcY6l%bB%eCl;Encrypt=True;', secret: 'Xk9nF!lcY6l%bB%eCl' },
  { name: 'ODBC PWD=', text: 'DRIVER={ODBC Driver 18};SERVER=db;UID=sa;PWD=_CTCANsQG4lVjH0;', secret: '_CTCANsQG4lVjH0' },
  { name: 'JDBC URL', text: 'jdbc:mysql://db:3306/app?user=app&password=HsYBxrcmvPdQ&useSSL=true', secret: 'HsYBxrcmvPdQ' },
  { name: 'libpq keywords', text: 'psql "host=db port=5432 user=app password=cn7GwsbDHRS2-L3%Ikl dbname=app"', secret: 'cn7GwsbDHRS2-L3%Ikl' },
  { name: 'Sentry DSN', text: 'SENTRY_DSN=https://b2930a4e2d7e69dd013e5a873994888a@o4504.ingest.sentry.io/450', secret: 'b2930a4e2d7e69dd013e5a873994888a' },

  // Passwords on command lines
  { name: 'mysql -pX', text: 'mysql -h db.internal -u root -pAE2fTEWaieY2Bql shop', secret: 'AE2fTEWaieY2Bql' },
  { name: 'mysqldump -uroot -pX', text: 'mysqldump -uroot -pRwzda7PzMksm*^1va --all-databases > all.sql', secret: 'Rwzda7PzMksm*^1va' },
  { name: 'curl -u user:X', text: 'curl -u ann:OGMuRCpQk+597Ukm https://api.example.com/v1/me', secret: 'OGMuRCpQk+597Ukm' },
  { name: 'curl --user user:X', text: 'curl -s --user "deploy:OPNQk0N#DK!EqEn" https://ci.example.com/job/build', secret: 'OPNQk0N#DK!EqEn' },
  { name: 'sshpass -p X', text: 'sshpass -p ePAI#LjK%yilA ssh -p 2222 ann@bastion', secret: 'ePAI#LjK%yilA' },
  { name: 'sshpass -pX', text: "sshpass -p'WL1k+av*oE1+IK%pp' scp file host:", secret: 'WL1k+av*oE1+IK%pp' },
  { name: 'docker login -p X', text: 'docker login -u ann -p V8ucY-xsjfggP9IhEp6m registry.example.com', secret: 'V8ucY-xsjfggP9IhEp6m' },
  { name: 'docker login --password X', text: 'podman login --username ann --password O!8hrx_4kyt3Ki quay.io', secret: 'O!8hrx_4kyt3Ki' },
  { name: 'redis-cli -a X', text: 'redis-cli -h cache -a LtDZI%sdP0f4 info', secret: 'LtDZI%sdP0f4' },
  { name: 'sqlcmd -P X', text: 'sqlcmd -S db -U sa -P q3Zr8VbN2xLm7T -Q "SELECT 1"', secret: 'q3Zr8VbN2xLm7T' },
  { name: 'ldapsearch -w X', text: 'ldapsearch -x -D "cn=admin,dc=acme,dc=org" -w Lq7vN2pZ9kX4 -b dc=acme,dc=org', secret: 'Lq7vN2pZ9kX4' },
  { name: 'smbclient -U user%X', text: 'smbclient //fs/share -U ann%Tz8mQ4wK2nR6', secret: 'Tz8mQ4wK2nR6' },
  { name: 'openssl -passin pass:X', text: 'openssl rsa -in key.pem -passin pass:Wv5nB8xK3mZ1 -out plain.pem', secret: 'Wv5nB8xK3mZ1' },
  { name: 'keytool -storepass X', text: 'keytool -list -keystore app.jks -storepass Hj4kL7mN0pQ2', secret: 'Hj4kL7mN0pQ2' },
  { name: 'wget --http-password=X', text: 'wget --http-user=ann --http-password=Gf6dS3aZ9xC2 https://files.example.com/a.iso', secret: 'Gf6dS3aZ9xC2' },
  { name: 'zip -P X', text: 'zip -P Nb7vC4xZ1qW8 -r backup.zip docs/', secret: 'Nb7vC4xZ1qW8' },
  { name: '7z -pX', text: '7z a -pRt5yU8iO2pA4 secret.7z docs/', secret: 'Rt5yU8iO2pA4' },
  { name: 'httpie -a user:X', text: 'http -a ann:Yh3jK6lM9nB2 GET https://api.example.com/me', secret: 'Yh3jK6lM9nB2' },
  { name: 'xfreerdp /p:X', text: 'xfreerdp /v:win01 /u:ann /p:Pq2wE5rT8yU1', secret: 'Pq2wE5rT8yU1' },
  { name: 'helm --set auth.password=X', text: 'helm install db bitnami/postgresql --set auth.password=Mn8bV5cX2zL4', secret: 'Mn8bV5cX2zL4' },
  { name: 'kubectl --from-literal=password=X', text: 'kubectl create secret generic db --from-literal=username=app --from-literal=password=Kj9hG6fD3sA1', secret: 'Kj9hG6fD3sA1' },
  { name: 'PGPASSWORD=X psql', text: 'PGPASSWORD=Zx4cV7bN0mQ3 psql -h db -U app -c "select 1"', secret: 'Zx4cV7bN0mQ3' },
  { name: 'git -c http.extraHeader with basic auth', text: 'git -c http.extraHeader="Authorization: Basic YW5uOlc0cjhUMXk2VTk=" clone https://git.example.com/x', secret: 'YW5uOlc0cjhUMXk2VTk=' },

  // Headers
  { name: 'Cookie header', text: 'Cookie: sessionid=8f3kz2q9x7v1m4n6b0c5; csrftoken=Jd8Kq2Lm5Nx7', secret: '8f3kz2q9x7v1m4n6b0c5' },
  { name: 'Set-Cookie header', text: 'Set-Cookie: __Host-session=Vq7Wn3Xk9Zp2Rt5Y; Path=/; Secure; HttpOnly', secret: 'Vq7Wn3Xk9Zp2Rt5Y' },
  { name: 'X-Api-Key header', text: 'curl -H "X-Api-Key: 7c1e9a4b2d8f6e3a5c0b" https://api.example.com/v2/items', secret: '7c1e9a4b2d8f6e3a5c0b' },
  { name: 'Authorization: Bearer', text: 'Authorization: Bearer 4f8d2a9c7e1b3f5a0d6c8e2b', secret: '4f8d2a9c7e1b3f5a0d6c8e2b' },
  { name: 'Authorization: Basic', text: 'Authorization: Basic YW5uOmNvcnJlY3Rob3JzZQ==', secret: 'YW5uOmNvcnJlY3Rob3JzZQ==' },
  { name: 'Authorization: token', text: "requests.get(url, headers={'Authorization': 'token 9f8e7d6c5b4a39281706f5e4d3c2b1a0'})", secret: '9f8e7d6c5b4a39281706f5e4d3c2b1a0' },
  { name: 'Proxy-Authorization', text: 'Proxy-Authorization: Basic cHJveHk6U2VjcmV0UHJveHkx', secret: 'cHJveHk6U2VjcmV0UHJveHkx' },
  { name: 'GitLab Private-Token header', text: 'curl --header "PRIVATE-TOKEN: Qw3Er6Ty9Ui2Op5A" https://gitlab.example.com/api/v4/projects', secret: 'Qw3Er6Ty9Ui2Op5A' },

  // Credential files
  { name: '.netrc on one line', text: 'machine api.heroku.com login ann@example.com password Hy6Gt9Fr2De5', secret: 'Hy6Gt9Fr2De5' },
  { name: '.netrc on several lines', text: 'machine git.example.com\n  login ann\n  password Ju7Hy3Gt1Fr9', secret: 'Ju7Hy3Gt1Fr9' },
  { name: '.pgpass line', text: 'db.internal:5432:app:ann:Ki8Ju4Hy2Gt6', secret: 'Ki8Ju4Hy2Gt6' },
  { name: 'docker config.json auth', text: '{\n  "auths": {\n    "registry.example.com": {\n      "auth": "YW5uOkxvOWtJOGp1N2h5Ng=="\n    }\n  }\n}', secret: 'YW5uOkxvOWtJOGp1N2h5Ng==' },
  { name: 'kubeconfig client-key-data', text: 'users:\n- name: admin\n  user:\n    client-certificate-data: LS0tLS1CRUdJTiBDRVJU\n    client-key-data: LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQpNSUlFb3dJQkFBS0NBUUVB', secret: 'LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQpNSUlFb3dJQkFBS0NBUUVB' },
  { name: 'kubeconfig user token', text: '- name: ci\n  user:\n    token: Zk3Xm8Qp1Wn6Rt4Yv7Bc', secret: 'Zk3Xm8Qp1Wn6Rt4Yv7Bc' },
  { name: 'Maven settings.xml', text: '<server>\n  <id>nexus</id>\n  <username>deploy</username>\n  <password>Mv5Nb8Vc2Xz7</password>\n</server>', secret: 'Mv5Nb8Vc2Xz7' },
  { name: 'redis.conf requirepass', text: 'bind 127.0.0.1\nrequirepass Rq4Wp7Eo1Iu9\nmaxmemory 2gb', secret: 'Rq4Wp7Eo1Iu9' },
  { name: 'wp-config.php define', text: "define( 'DB_PASSWORD', 'Wp2Lk5Mj8Nh1' );", secret: 'Wp2Lk5Mj8Nh1' },
  { name: 'Terraform tfvars', text: 'db_username = "app"\ndb_password = "Tf6Rd3Es9Wa2"', secret: 'Tf6Rd3Es9Wa2' },

  // Environment files and variables named like secrets
  { name: 'export DB_PASSWORD with spaces, quoted', text: 'export DB_PASSWORD="correct horse battery staple"', secret: 'correct horse battery staple' },
  { name: '*_PASS', text: 'SMTP_PASS=Sm7Tp4Pa1Ss8', secret: 'Sm7Tp4Pa1Ss8' },
  { name: '*_PWD', text: 'MYSQL_PWD=My5Sq2Lp8Wd3 mysql -u root', secret: 'My5Sq2Lp8Wd3' },
  { name: '*DSN', text: 'CACHE_DSN=q8Ws3nV1xZ7tK2mB', secret: 'q8Ws3nV1xZ7tK2mB' },
  { name: 'SSHPASS', text: 'SSHPASS=Ss9Hp6As3Ss0 sshpass -e ssh host', secret: 'Ss9Hp6As3Ss0' },
  { name: 'camelCase clientSecret (JSON)', text: '{"clientId": "web", "clientSecret": "Cs4Lt7Ie1Nt9"}', secret: 'Cs4Lt7Ie1Nt9' },
  { name: 'AZURE_CLIENT_SECRET', text: 'AZURE_CLIENT_SECRET=Az8~Cl5.Se2_Cr9', secret: 'Az8~Cl5.Se2_Cr9' },
  { name: 'Rails SECRET_KEY_BASE', text: 'SECRET_KEY_BASE=9c3f7a1e5b8d2f6a0c4e7b1d5f8a2c6e', secret: '9c3f7a1e5b8d2f6a0c4e7b1d5f8a2c6e' },
  { name: 'password starting with a dash', text: 'ADMIN_PASSWORD=-CJnnCNxiGy%222so', secret: '-CJnnCNxiGy%222so' },
  { name: 'Python keyword argument', text: 'conn = psycopg2.connect(host="db", user="app", password="Py7Th4On1Pw")', secret: 'Py7Th4On1Pw' },
  { name: 'Spring property', text: 'spring.datasource.password=Sp3Ri6Ng9Db2', secret: 'Sp3Ri6Ng9Db2' },
  { name: 'YAML password', text: 'database:\n  host: db\n  password: Ym5Lp8Wd2Qx', secret: 'Ym5Lp8Wd2Qx' },
  { name: 'OAuth token request body', text: 'grant_type=password&username=ann&password=Oa3Ut6Hb9Dy&client_secret=Cl1Se4Cr7Et0', secret: 'Oa3Ut6Hb9Dy' },
  { name: 'OAuth client_secret', text: 'grant_type=client_credentials&client_id=web&client_secret=Gc2Vb5Nm8Lk1', secret: 'Gc2Vb5Nm8Lk1' },
  { name: 'OAuth token response', text: '{"access_token":"At8Kn3Mx6Pq1Wz4","token_type":"bearer","refresh_token":"Rf5Tk2Lp9Qz7Xw0","expires_in":3600}', secret: 'Rf5Tk2Lp9Qz7Xw0' },
];
