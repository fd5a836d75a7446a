import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunk, sse } from '../fixtures/fake-model-server.ts';
import { PROMPT, withModelServer } from '../helpers/model-conch.ts';

const model = withModelServer();

/** conch in tmux with two presets on the fake server, so `:model` has somewhere to go. */
const conch = (env: Record<string, string> = {}) =>
  model.conch({ env, config: `[presets.big]\nbase_url = "${model.server.baseUrl}"\nmodel = "big-model"\ncontext_size = 32768\n` });

const answer = (...deltas: string[]) => ({
  chunks: [sse(chunk({ role: 'assistant', content: null }), ...deltas.map((d) => chunk({ content: d })), chunk({}, { finish_reason: 'stop' }), { id: 'x', choices: [], usage: { prompt_tokens: 10, completion_tokens: deltas.length, total_tokens: 10 + deltas.length } }, '[DONE]')],
});

const lastRequest = () => model.server.requests.filter((r) => r.url.endsWith('/chat/completions')).at(-1)!.json as { model: string; messages: { role: string; content: string }[] };

/** The model proposes deleting ~/precious (which exists), and Enter on it asks whether to run it anyway. */
async function riskyProposalRun() {
  model.server.script(answer('```sh\nrm -rf ~/precious\n```\n'));
  const s = await conch();
  mkdirSync(join(s.home, 'precious'));
  s.type('? clean up');
  s.keys('Enter');
  await s.waitFor(/\$ rm -rf ~\/precious$/m);
  s.keys('Enter');
  await s.waitFor(/risky: .*\n.*Run it anyway\? \[y\/N\] ?$/m);
  return s;
}

describe('asking the model from the shell (tmux, fake server)', () => {
  it('? streams a rendered answer, then a footer with the preset and model', async () => {
    model.server.script(answer('## Disk use\n', 'Use **du** to ', 'see sizes.\n'));
    const s = await conch();
    s.type('? how do I see disk use');
    s.keys('Enter');
    await s.waitFor(/Disk use/);
    await s.waitFor(/see sizes\./);
    await s.waitFor(/fast.*fake-model/);
    expect(s.screen()).not.toMatch(/\*\*du\*\*/);
    expect(lastRequest().messages.at(-1)!.content).toContain('how do I see disk use');
  });

  it('?? sends the failing command, its status and its output', async () => {
    model.server.script(answer('The file does not exist.'));
    const s = await conch();
    s.type('ls /no/such/dir-xyz');
    s.keys('Enter');
    await s.waitFor(/\[2\] \$ ?$/m);
    s.type('??');
    s.keys('Enter');
    await s.waitFor(/does not exist/);
    const text = JSON.stringify(lastRequest().messages);
    expect(text).toContain('ls /no/such/dir-xyz');
    expect(text).toMatch(/No such file or directory/);
    expect(text).toMatch(/\b2\b/);
  });

  it('never sends planted secrets: keys in commands, outputs and env values are redacted', async () => {
    model.server.script(answer('ok'));
    const s = await conch({ MY_SERVICE_TOKEN: 'tok-9f8e7d6c5b4a3210' });
    const secrets = {
      openai: 'sk-proj-AbCdEf0123456789AbCdEf0123456789AbCd',
      github: 'ghp_0123456789abcdefghijABCDEFGHIJ012345',
      aws: 'AKIAIOSFODNN7EXAMPLE',
      jwt: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
    };
    s.type(`echo ${secrets.openai} ${secrets.github}; echo password=hunter2hunter2 ${secrets.aws} ${secrets.jwt}; echo $MY_SERVICE_TOKEN`);
    s.keys('Enter');
    await s.waitFor(/tok-9f8e7d6c5b4a3210/);
    s.type('? what did that print');
    s.keys('Enter');
    await s.waitFor(/redacted/);
    await s.waitFor(/fake-model/);
    const body = model.server.requests.filter((r) => r.url.endsWith('/chat/completions')).at(-1)!.body;
    for (const secret of [...Object.values(secrets), 'hunter2hunter2', 'tok-9f8e7d6c5b4a3210']) expect(body).not.toContain(secret);
    expect(body).toContain('REDACTED');
  });

  it('puts a proposed command in the prompt unrun; Enter runs it', async () => {
    model.server.script(answer('Run this:\n\n```sh\necho proposed-$((20+1))\n```\n'));
    const s = await conch();
    s.type('? print something');
    s.keys('Enter');
    await s.waitFor(/\$ echo proposed-\$\(\(20\+1\)\)$/m);
    expect(s.screen()).not.toMatch(/^proposed-21$/m);
    s.keys('Enter');
    await s.waitFor(/^proposed-21$/m);
  });

  it('shows a risky proposal\'s reason under it as it is offered, also when Alt-N cycles to it', async () => {
    model.server.script(answer('```sh\nls -la\n```\n\nor\n\n```sh\nrm -rf ~/important\n```\n'));
    const s = await conch();
    mkdirSync(join(s.home, 'important'));
    s.type('? tidy up');
    s.keys('Enter');
    await s.waitFor(/\$ ls -la$/m);
    expect(s.screen()).not.toMatch(/risky/);
    s.keys('M-n');
    await s.waitFor(/\$ rm -rf ~\/important\nrisky: deletes files recursively$/m);
    s.keys('M-n');
    await s.waitFor(/\$ ls -la$/);
    expect(s.screen()).not.toMatch(/risky/);
    s.keys('M-p');
    await s.waitFor(/\$ rm -rf ~\/important\nrisky: deletes files recursively$/m);
    s.keys('Enter');
    // Enter still asks the second yes, below the command, the warning once.
    const asked = await s.waitFor(/\$ rm -rf ~\/important\nrisky: .*\nRun it anyway\? \[y\/N\] ?$/m);
    expect(asked.match(/risky:/g)).toHaveLength(1);
    s.keys('n');
    await s.waitFor(/\[1\] \$ ?$/m);
    expect(statSync(join(s.home, 'important')).isDirectory()).toBe(true);
  });

  it('asks again before running a risky proposed command', async () => {
    const s = await riskyProposalRun();
    s.keys('n');
    await s.waitFor(PROMPT);
    expect(statSync(join(s.home, 'precious')).isDirectory()).toBe(true);
  });

  it('with NO_COLOR marks a proposal [proposed] and a risky one [risky], in words, with no colour', async () => {
    model.server.script(answer('```sh\necho marked-proposal\n```\n\nor\n\n```sh\nrm -rf ~/kept\n```\n'));
    const s = await conch({ NO_COLOR: '1' });
    s.type('? show me');
    s.keys('Enter');
    await s.waitFor(/\$ \[proposed\] echo marked-proposal$/m);
    s.keys('M-n');
    await s.waitFor(/\$ \[risky\] rm -rf ~\/kept\nrisky: deletes files recursively/m);
    const styled = s.tmux('capture-pane', '-t', 'main', '-p', '-e');
    expect(styled).not.toMatch(/\x1b\[[0-9;]*m(?:rm -rf|risky:)/);
    s.keys('C-c');
    await s.waitFor(/\[130\] \$ ?$/m);
  });

  it('Ctrl-C at a risky proposal\'s "Run it anyway?" drops it, never runs it', async () => {
    const s = await riskyProposalRun();
    s.keys('C-c');
    await s.waitFor(/Run it anyway\? \[y\/N\] \^C\n.*\[130\] \$ ?$/m);
    s.type('echo still-$((1+1))');
    s.keys('Enter');
    await s.waitFor(/^still-2$/m);
    expect(statSync(join(s.home, 'precious')).isDirectory()).toBe(true);
  });

  it('Ctrl-C mid-answer returns to the prompt and the server sees the connection close', async () => {
    model.server.script({ chunks: [sse(chunk({ content: 'Thinking about it' }))], stall: true });
    const s = await conch();
    s.type('? a long question');
    s.keys('Enter');
    await s.waitFor(/Thinking about it/);
    const closed = model.server.closed();
    s.keys('C-c');
    await closed;
    await s.waitFor(/interrupted/);
    s.type('echo back');
    s.keys('Enter');
    await s.waitFor(/^back$/m);
  });

  it('shows a waiting line until the first text arrives; the answer then starts clean on that line', async () => {
    let release!: () => void;
    model.server.script({ ...answer('First line of the answer.\n', 'Second.\n'), gate: new Promise<void>((resolve) => (release = resolve)) });
    const s = await conch();
    s.type('? a slow one');
    s.keys('Enter');
    await s.waitFor(/\? a slow one\n[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] asking fast…$/m);
    release();
    const shown = await s.waitFor(/fast · fake-model/);
    expect(shown).toMatch(/\? a slow one\nFirst line of the answer\.\nSecond\.\n/);
    expect(shown).not.toContain('asking fast');
  });

  it('erases the waiting line on Ctrl-C and on an error; with NO_COLOR it is a plain line that does not turn', async () => {
    model.server.script({ chunks: [], stall: true });
    const s = await conch({ NO_COLOR: '1' });
    s.type('? stalled');
    s.keys('Enter');
    await s.waitFor(/\? stalled\nasking fast…$/m);
    s.keys('C-c');
    const stopped = await s.waitFor(/\[130\] \$ ?$/m);
    expect(stopped).not.toContain('asking fast');
    expect(stopped).toMatch(/\? stalled\n\[interrupted\]/);

    let release!: () => void;
    model.server.script({ status: 500, headers: { 'content-type': 'application/json' }, chunks: ['{"error":{"message":"model crashed"}}'], gate: new Promise<void>((resolve) => (release = resolve)) });
    s.type('? failing');
    s.keys('Enter');
    await s.waitFor(/\? failing\nasking fast…$/m);
    release();
    const failed = await s.waitFor(/model crashed/);
    expect(failed).toMatch(/\? failing\nconch: .*answered 500: model crashed/);
    expect(failed).not.toContain('asking fast');
  });

  it(':model switches the preset; the prompt and the next request show it', async () => {
    model.server.script(answer('fine'));
    const s = await conch();
    await s.waitFor(/fast .*\$ ?$/m);
    s.type(':model big');
    s.keys('Enter');
    await s.waitFor(/big .*\$ ?$/m);
    s.type('? hello');
    s.keys('Enter');
    await s.waitFor(/fine/);
    expect(lastRequest().model).toBe('big-model');
  });

  it('logs every exchange privately, with the context as sent', async () => {
    model.server.script(answer('logged answer'));
    const s = await conch();
    s.type('? remember this');
    s.keys('Enter');
    await s.waitFor(/logged answer/);
    // The exchange is logged before the footer is printed: once the footer shows, the entry is there.
    await s.waitFor(/fast · fake-model/);
    const file = join(s.home, '.local/share/conch/conversations.jsonl');
    const entry = JSON.parse(readFileSync(file, 'utf8').trim().split('\n').at(-1)!);
    expect(entry).toMatchObject({ question: 'remember this', answer: 'logged answer', preset: 'fast', model: 'fake-model' });
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it(':retry replaces the last exchange, also an interrupted one; the log keeps both tries', async () => {
    const s = await conch();
    model.server.script(answer('old answer'));
    s.type('? first try');
    s.keys('Enter');
    await s.waitFor(/old answer/);
    await s.waitFor(/fast · fake-model/);
    model.server.script(answer('new answer'));
    s.type(':retry');
    s.keys('Enter');
    await s.waitFor(/new answer/);
    const retried = lastRequest().messages.slice(1);
    expect(retried).toEqual([{ role: 'user', content: 'first try' }]);

    model.server.script({ chunks: [sse(chunk({ content: 'cut short' }))], stall: true });
    s.type('? second');
    s.keys('Enter');
    await s.waitFor(/cut short/);
    s.keys('C-c');
    await s.waitFor(/interrupted/);
    await s.waitFor(/\[130\] \$ ?$/m);
    model.server.script(answer('second, whole'));
    s.type(':retry');
    s.keys('Enter');
    await s.waitFor(/second, whole/);
    expect(lastRequest().messages.slice(1)).toEqual([
      { role: 'user', content: 'first try' },
      { role: 'assistant', content: 'new answer' },
      { role: 'user', content: 'second' },
    ]);
    await s.waitFor(/fast · fake-model[^\n]*\n(?:.*\n)*.*\$ ?$/);
    const log = readFileSync(join(s.home, '.local/share/conch/conversations.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { question: string; answer: string });
    expect(log.map((entry) => [entry.question, entry.answer])).toEqual([
      ['first try', 'old answer'],
      ['first try', 'new answer'],
      ['second', 'cut short'],
      ['second', 'second, whole'],
    ]);
  });

  it('offers, never forces, to send a sentence the shell could not run', async () => {
    model.server.script(answer('Use ss -tlnp'));
    const s = await conch();
    const before = model.server.requests.length;
    s.type('how do i list open ports');
    s.keys('Enter');
    await s.waitFor(/ask the model instead\? \[y\/N\]/);
    expect(model.server.requests.length).toBe(before);
    s.keys('y');
    await s.waitFor(/Use ss -tlnp/);
    expect(lastRequest().messages.at(-1)!.content).toBe('how do i list open ports');
  });

  it('starts with an unknown CONCH_PRESET; the question says what is wrong, and the shell goes on', async () => {
    const s = await conch({ CONCH_PRESET: 'nope' });
    s.type('? hello');
    s.keys('Enter');
    await s.waitFor(/conch: unknown preset 'nope' \(known: .*fast.*\)/);
    s.type('echo still-$((1+1))');
    s.keys('Enter');
    await s.waitFor(/^still-2$/m);
  });

  it(':model shows the base URL a question would use: CONCH_BASE_URL overrides every preset', async () => {
    const s = await conch({ CONCH_BASE_URL: 'http://127.0.0.1:9/v1' });
    s.type(':model');
    s.keys('Enter');
    const screen = await s.waitFor(/^ {2}big .*\n.*\$ ?$/m);
    const listing = screen.split('\n').filter((line) => /context \d+/.test(line));
    expect(listing.length).toBeGreaterThanOrEqual(7);
    for (const line of listing) expect(line).toContain('http://127.0.0.1:9/v1');
    expect(screen).not.toContain(':8080');
    expect(screen).toMatch(/^\* fast /m);
  });

  it(':context shows what the next question would send, placeholders included', async () => {
    const s = await conch({ DEPLOY_TOKEN: 'dt-0123456789abcdef' });
    s.type('echo hello-context $DEPLOY_TOKEN');
    s.keys('Enter');
    await s.waitFor(/^hello-context dt-0123456789abcdef$/m);
    s.type(':context');
    s.keys('Enter');
    await s.waitFor(/── system ──/);
    await s.waitFor(/\$ echo hello-context/);
    await s.waitFor(/REDACTED:env:DEPLOY_TOKEN/);
    await s.waitFor(/\(your next question\)/);
  });
});
