import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { abandonCommand, beginCommand, finishCommand, showOutput, type Command } from './command.ts';
import { createEchoFilter, type EchoFilter } from './echo.ts';
import { canonicalLine, FISH_KEYS, fishLine, fitsCanonicalBuffer } from './input.ts';
import { integrationDir } from './integration-dir.ts';
import { launchSpec } from './launch.ts';
import { mayDefineNames } from './may-assign.ts';
import { createMarkScanner, type Mark, type ShellNames } from './marks.ts';
import { foregroundGroup, readsCommandLines, signalGroups } from './process-groups.ts';
import { maybeSecretName } from './secrets.ts';
import { namesAfterLine } from './typed-names.ts';
import { needsMore } from './complete.ts';
import { ShellPty } from './shell-pty.ts';
import type { CommandRecord, RunOutcome, SecretValue, ShellExit, ShellProgram, SubmitOutcome, Terminal } from './types.ts';
import { hasVisibleText } from './visible.ts';
import { envWrapped } from './with-env.ts';

export interface ShellSessionOptions {
  program: ShellProgram;
  cwd: string;
  env: Record<string, string>;
  /** The real terminal: the shell's size and resizes, and where output that belongs to no command goes by default. */
  terminal: Terminal;
  /** Read the login files too (`conch -l`, or argv[0] starting with `-`). */
  login?: boolean;
  /** Output kept per command for the model. @default { maxLines: 2000, maxBytes: 262144 } */
  capture?: { maxLines: number; maxBytes: number };
  /** Records kept in memory. @default 50 */
  recordLimit?: number;
  /** How long the shell may take to show its first prompt before conch relays it as it is. @default 5000 */
  startTimeoutMs?: number;
  /** Output that belongs to no command (job notices, background jobs, hooks): printed above conch's prompt. */
  onOutsideOutput?: (data: Buffer) => void;
  /** Keys typed while a command ran that it did not read: they go to conch's next prompt. */
  onTypeahead?: (data: Buffer) => void;
  /** Each time conch looked whether bash reads command lines inside a running command (see #watchReader), and what it found. */
  onReaderLook?: (readsCommandLines: boolean) => void;
}

export type StartResult =
  | { kind: 'ready' }
  /** No prompt mark in time (an rc file that never returns, or breaks the hooks): relay the shell as it is. */
  | { kind: 'passthrough' }
  /** The shell is too old for the integration. */
  | { kind: 'unsupported'; version: string }
  | { kind: 'exited'; exit: ShellExit };

/** How the plain relay ended: the shell reached its first prompt late (conch's editor takes over), or it ended. */
export type RelayEnd = { kind: 'ready' } | { kind: 'exited'; exit: ShellExit };

/** See index.ts. */
export interface ShellSession {
  readonly program: ShellProgram;
  readonly pid: number;
  /** The shell's working directory, as of its last prompt. */
  readonly cwd: string;
  /** `$?` as of the last prompt. */
  readonly lastStatus: number;
  /** The most recent command records, oldest first, bounded. */
  readonly records: readonly CommandRecord[];
  /** The environment conch started the shell with, updated with what the shell reported since (PATH, HOME, secret-named variables). */
  readonly env: Readonly<Record<string, string>>;
  /** The user's own history file, as the shell reported it (read-only for conch). */
  readonly historyFile: string | undefined;
  /** Every value a secret-named variable has held in this session, including since-unset ones. Memory only. */
  secretValues(): readonly SecretValue[];
  /**
   * The functions, aliases, builtins and variables the shell holds, for Tab: listed by the prompt hook
   * at start-up and after each line that may have defined one (never a command of its own); sh's, from its
   * start-up aliases and the lines typed (it cannot list its functions).
   */
  readonly names: ShellNames;
  readonly started: Promise<StartResult>;
  readonly exited: Promise<ShellExit>;
  submit(text: string, terminal: Terminal, options: SubmitOptions): Promise<SubmitOutcome>;
  run(line: string, terminal?: Terminal, options?: RunOptions): Promise<RunOutcome>;
  /** Ctrl-C at conch's own prompt: the shell sees it too (`$?` becomes 130, as in a terminal). */
  interrupt(): Promise<void>;
  /** Ctrl-D on an empty line: the shell decides (it exits, or IGNOREEOF, or warns of stopped jobs). */
  endOfInput(): Promise<void>;
  /**
   * Relays keys and output as they are (the fallback when the shell is not ready in time): until its first
   * prompt of the integration's arrives late (a slow rc, or one that asked a question), or until it exits.
   */
  passthrough(terminal: Terminal): Promise<RelayEnd>;
  /** Hangs up the shell and every process group it started, as a closing terminal does. */
  close(): void;
}

export interface SubmitOptions {
  /** The shell wants more (an open `if`, quote or heredoc): the next line, or undefined to cancel the construct. */
  readMore(): Promise<string | undefined>;
  /** Record every command, even one that printed nothing and never ran (a comment). */
  alwaysRecord?: boolean;
  /** The line the records show, when what is typed into the shell is a wrapping of it. */
  recordAs?: string;
}

export interface RunOptions {
  /** Variables for this command only (PAGER=cat GIT_PAGER=cat). */
  env?: Record<string, string>;
  /** Aborting interrupts the command: Ctrl-C, then SIGTERM and SIGKILL to its process group if it will not stop. */
  signal?: AbortSignal;
}

type Mode =
  /** Before the first prompt: rc output goes to the terminal. */
  | 'starting'
  /** A line was typed into a canonical-mode shell: its echo is dropped. */
  | 'echo'
  /** The line was read, the command mark not yet seen: errors (a syntax error) show. */
  | 'reading'
  /** fish's editor redraws, the echo of a cancelled construct: dropped. */
  | 'hidden'
  /** The command runs: output to its terminal and capture, keys to the shell. */
  | 'command'
  /** At a prompt or between commands: output belongs to no command. */
  | 'outside'
  | 'passthrough';

type PromptEvent = { kind: 'prompt'; continuation: boolean } | { kind: 'exited'; exit: ShellExit };

const DEFAULT_CAPTURE = { maxLines: 2000, maxBytes: 256 * 1024 };
// An interrupted run: Ctrl-C first, then SIGTERM, then SIGKILL to a command that will not stop.
const ESCALATE_MS = 1000;
// After Ctrl-C at a prompt, a shell that says nothing for this long ran an INT trap of the user's instead.
const CANCEL_QUIET_MS = 1000;
// After Ctrl-D, a shell that neither exits nor prompts again within this long is still reading (fish with jobs).
const EOF_QUIET_MS = 500;
// In the relay, the integration's prompt hook began: keys wait for conch's editor, unless the prompt never comes.
const RELAY_GRACE_MS = 1000;
// ^]: what the prompt hook reads typed-ahead keys up to; ^^ before it: list variable names again; then ^_
// (bash): look at the DEBUG trap again (see integration/bash.sh).
const SENTINEL = '\x1d';
const LIST_NAMES = '\x1e';
const CHECK_TRAP = '\x1f';
// A line that may have set a DEBUG trap, for bash to wrap (a function that sets one goes unnoticed).
const MAY_SET_TRAP = /\btrap\b|\bsource\b|(^|[\s;&|(])\.\s/;
// While a bash command runs: how soon, then how often, to look whether bash reads command lines inside it (see #watchReader).
const READER_WATCH_MS = [300, 1000] as const;

export function startShellSession(options: ShellSessionOptions): ShellSession {
  return new Session(options);
}

class Session implements ShellSession {
  readonly program: ShellProgram;
  readonly pid: number;
  readonly started: Promise<StartResult>;
  readonly exited: Promise<ShellExit>;
  #cwd: string;
  #lastStatus = 0;
  #records: CommandRecord[] = [];
  #env: Record<string, string>;
  #secrets = new Map<string, Set<string>>();
  #names: ShellNames = { functions: [], aliases: [], builtins: [], variables: [] };
  #historyFile: string | undefined;
  #options: ShellSessionOptions;
  #pty: ShellPty;
  #nonce: string;
  #mode: Mode = 'starting';
  #echo: EchoFilter | undefined;
  #command: Command | undefined;
  #nextId = 1;
  #promptStatus: number | undefined;
  #promptContinuation = false;
  #atPrompt: 'primary' | 'continuation' | undefined;
  #promptWaiter: ((event: PromptEvent) => void) | undefined;
  #exit: ShellExit | undefined;
  #resolveStarted!: (result: StartResult) => void;
  #resolveExited!: (exit: ShellExit) => void;
  #startTimer: NodeJS.Timeout | undefined;
  /** The plain relay, while it lasts. */
  #relay: { terminal: Terminal; resolve: (end: RelayEnd) => void; resume: NodeJS.Timeout | undefined } | undefined;
  #unforward: (() => void) | undefined;
  #forwarded = 0;
  /** bash's own editor is on again, until conch turns it off (see #editorOff). */
  #editorOn = false;
  #readerWatch: NodeJS.Timeout | undefined;
  /** Marks read so far: whether the shell said anything since. */
  #marksSeen = 0;
  #fetching = false;
  #typeahead: Buffer[] = [];
  /** Lines of the construct being typed are still to come: for sh, the command has not started yet. */
  #moreToType = false;
  /** The terminal may echo the ^] sent in answer to W, when it arrives before the hook turned echo off. */
  #sentinelEcho: EchoFilter | undefined;
  /** The next prompt hook lists variable names again (a line that may have set one ran; and at start-up). */
  #scanNames = true;
  /** The next prompt hook looks at bash's DEBUG trap again (a line that may have set one ran). */
  #checkTrap = false;
  #pathCache = new Map<string, boolean>();
  #pathCacheKey = '';
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;
  #unsubscribeResize: () => void;

  constructor(options: ShellSessionOptions) {
    this.#options = options;
    this.program = options.program;
    this.#cwd = options.cwd;
    this.#env = { ...options.env };
    for (const [name, value] of Object.entries(options.env)) if (maybeSecretName(name)) this.#rememberSecret(name, value);
    this.started = new Promise((resolve) => (this.#resolveStarted = resolve));
    this.exited = new Promise((resolve) => (this.#resolveExited = resolve));
    this.#nonce = randomBytes(16).toString('hex');
    const spec = launchSpec(options.program, { dir: integrationDir(), nonce: this.#nonce, login: options.login ?? false, env: options.env });
    let scanner: ReturnType<typeof createMarkScanner> | undefined;
    this.#pty = new ShellPty(spec, {
      ...options.terminal.size(),
      cwd: options.cwd,
      term: options.env.TERM || 'xterm-256color',
      drainSentinel: (pid) => `\x1b]6973;${this.#nonce};${pid};Z\x07`,
      onData: (chunk) => {
        // Output comes in later events, once the pid the marks must carry is known.
        scanner ??= createMarkScanner(this.#nonce, this.pid);
        for (const event of scanner.push(chunk)) {
          if (event.kind === 'mark') this.#onMark(event.mark);
          else this.#onOutput(event.data);
        }
      },
      onExit: (exit) => this.#onExit(exit),
    });
    this.pid = this.#pty.pid;
    this.#startTimer = setTimeout(() => {
      if (this.#mode === 'starting') this.#resolveStarted({ kind: 'passthrough' });
    }, options.startTimeoutMs ?? 5000).unref();
    this.#unsubscribeResize = options.terminal.onResize(() => this.#resize());
  }

  get cwd() {
    return this.#cwd;
  }
  get lastStatus() {
    return this.#lastStatus;
  }
  get records() {
    return this.#records;
  }
  get env() {
    return this.#env;
  }
  get historyFile() {
    return this.#historyFile;
  }
  get names() {
    return this.#names;
  }

  secretValues(): readonly SecretValue[] {
    return [...this.#secrets].flatMap(([name, values]) => [...values].map((value) => ({ name, value })));
  }

  submit(text: string, terminal: Terminal, options: SubmitOptions): Promise<SubmitOutcome> {
    return this.#exclusive(() => this.#submit(text, terminal, options));
  }

  async run(line: string, terminal: Terminal = this.#options.terminal, options: RunOptions = {}): Promise<RunOutcome> {
    options.signal?.throwIfAborted();
    const text = options.env && Object.keys(options.env).length > 0 ? envWrapped(this.program.kind, line, options.env) : line;
    let interrupted = false;
    const timers: NodeJS.Timeout[] = [];
    const onAbort = () => {
      interrupted = true;
      this.#interruptCommand(timers);
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const outcome = await this.submit(text, terminal, { readMore: () => Promise.resolve(undefined), alwaysRecord: true, recordAs: line });
      if (outcome.kind === 'exited') return { kind: 'exited', exit: outcome.exit };
      if (outcome.kind === 'cancelled') return { kind: 'incomplete' };
      const record = outcome.records.at(-1);
      if (!record) return { kind: 'incomplete' };
      return interrupted ? { kind: 'interrupted', record } : { kind: 'finished', record };
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
      for (const timer of timers) clearTimeout(timer);
    }
  }

  interrupt(): Promise<void> {
    return this.#exclusive(async () => {
      if (this.#exit) return;
      await this.#cancelAtPrompt();
    });
  }

  endOfInput(): Promise<void> {
    return this.#exclusive(async () => {
      if (this.#exit) return;
      this.#mode = 'outside';
      this.#atPrompt = undefined;
      if (this.program.kind === 'fish') this.#write(`${FISH_KEYS.clear}\x04`);
      else this.#write('\x04');
      // The shell exits, or says why not and prompts again (IGNOREEOF, stopped jobs);
      // fish warns of running jobs and keeps reading without a new prompt.
      const timer = new Promise<'quiet'>((resolve) => setTimeout(() => resolve('quiet'), EOF_QUIET_MS).unref());
      if ((await Promise.race([this.#nextPrompt(), timer])) === 'quiet') {
        this.#promptWaiter = undefined;
        this.#atPrompt = 'primary';
      }
    });
  }

  passthrough(terminal: Terminal): Promise<RelayEnd> {
    clearTimeout(this.#startTimer);
    if (this.#exit) return Promise.resolve({ kind: 'exited', exit: this.#exit });
    // The prompt came between the timeout and this call.
    if (this.#atPrompt) return Promise.resolve({ kind: 'ready' });
    this.#mode = 'passthrough';
    this.#forward(terminal);
    return new Promise((resolve) => (this.#relay = { terminal, resolve, resume: undefined }));
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#startTimer);
    clearTimeout(this.#readerWatch);
    this.#unsubscribeResize();
    this.#stopForwarding();
    if (this.#command) abandonCommand(this.#command);
    this.#pty.hangup();
  }

  // ---- running lines ----

  async #submit(text: string, terminal: Terminal, options: SubmitOptions): Promise<SubmitOutcome> {
    const records: CommandRecord[] = [];
    const ended = (): SubmitOutcome => (this.#exit ? { kind: 'exited', exit: this.#exit, records } : { kind: 'cancelled', status: 130, records });
    if (this.#exit) return ended();
    const lines = text.split('\n');
    if (lines.length > 1 && lines.at(-1) === '') lines.pop();
    // sh gets keys as soon as a line is read, and a line too long for the terminal goes through a file:
    // either way the construct is made whole first (see needsMore).
    if ((this.program.kind === 'sh' || this.#tooLong(lines)) && !(await this.#gather(lines, options))) return ended();
    let recordAs = options.recordAs;
    let handoverDir: string | undefined;
    if (this.#tooLong(lines)) ({ recordAs, dir: handoverDir } = this.#handOver(lines, options.recordAs));
    while (lines.length > 0) {
      const command = this.#begin(terminal, recordAs, options.alwaysRecord ?? false, handoverDir);
      handoverDir = undefined;
      const first = lines.shift()!;
      this.#moreToType = lines.length > 0;
      this.#typeLine(first, false, command);
      let awaitPrompt = true;
      for (;;) {
        if (awaitPrompt) {
          const event = await this.#nextPrompt();
          if (event.kind === 'exited') return ended();
          if (!event.continuation) break;
        }
        awaitPrompt = true;
        const next = await this.#readOn(lines, command, options);
        if (next === undefined) return ended();
        if (!this.#tooLong([next])) {
          this.#moreToType = lines.length > 0;
          this.#typeLine(next, true, command);
          continue;
        }
        // Too long for the terminal, inside a construct the shell already holds: the whole construct is
        // read first, what the shell holds is cancelled, and all of it goes through a file. Nothing of it runs before.
        const construct = [...command.lines, next, ...lines.splice(0)];
        const whole = await this.#gather(construct, options);
        command.cancelled = true;
        const cancel = this.#exit ? 'exited' : await this.#cancelAtPrompt();
        if (cancel === 'exited' || (cancel === 'dropped' && !whole)) return ended();
        if (cancel === 'kept') {
          // A user's INT trap keeps the shell in the construct: conch cannot take it back (README, known limits).
          command.cancelled = false;
          awaitPrompt = false;
          continue;
        }
        lines.push(...construct);
        ({ recordAs, dir: handoverDir } = this.#handOver(lines, options.recordAs));
        break;
      }
      const record = await command.record;
      if (record) records.push(record);
    }
    return { kind: 'finished', records, status: this.#lastStatus };
  }

  /**
   * The construct's next line: the rest of the text given, else one read at conch's `> `. Ctrl-C there
   * cancels the construct in the shell too, unless its INT trap keeps it: then conch reads on.
   * Undefined once cancelled, or the shell ended.
   */
  async #readOn(lines: string[], command: Command, options: SubmitOptions): Promise<string | undefined> {
    for (;;) {
      const next = lines.shift();
      if (next !== undefined) return next;
      const more = await options.readMore();
      // The shell reached its primary prompt while conch read on (see #cancelAtPrompt): the construct is gone.
      if (this.#exit || this.#atPrompt === 'primary') return undefined;
      if (more !== undefined) {
        lines.push(...more.split('\n'));
        continue;
      }
      command.cancelled = true;
      if ((await this.#cancelAtPrompt()) !== 'kept') return undefined;
      command.cancelled = false;
    }
  }

  /** Reads lines at conch's `> ` until the shell's parser says `lines` are whole; false if cancelled there or the shell ended. */
  async #gather(lines: string[], options: SubmitOptions): Promise<boolean> {
    while (await needsMore(this.program, lines.join('\n'))) {
      const more = await options.readMore();
      if (more === undefined || this.#exit) return false;
      lines.push(...more.split('\n'));
    }
    return true;
  }

  /**
   * bash's own editor came back on (the hook said L): a command of conch's turns it off, before the
   * person's next line meets it. What bash's editor drew meanwhile is hidden.
   */
  async #editorOff(): Promise<void> {
    if (!this.#editorOn || this.#exit) return;
    this.#editorOn = false;
    this.#atPrompt = undefined;
    this.#typeEditorOff();
    for (;;) {
      const event = await this.#nextPrompt();
      if (event.kind === 'exited' || !event.continuation) return;
    }
  }

  #typeEditorOff(): void {
    this.#mode = 'hidden';
    this.#write(canonicalLine(' __conch_editor_off').bytes);
  }

  /**
   * `set -o vi` in a sourced file (`source ~/.bashrc`) makes bash read the next command lines inside
   * that `source`, with no prompt and no hook, until its editor is off again: from conch's side, a
   * command that never ends. Seen from /proc while a bash command runs, and ended by conch's line.
   */
  #watchReader(command: Command, delay: number = READER_WATCH_MS[0]): void {
    this.#readerWatch = setTimeout(() => {
      if (this.#command !== command || command.finished || this.#mode !== 'command') return;
      const reads = readsCommandLines(this.pid);
      this.#options.onReaderLook?.(reads);
      if (reads) this.#typeEditorOff();
      else this.#watchReader(command, READER_WATCH_MS[1]);
    }, delay).unref();
  }

  /** A line longer than the terminal's line buffer cannot be typed (fish reads keys, not lines). */
  #tooLong(lines: readonly string[]): boolean {
    return this.program.kind !== 'fish' && !lines.every(fitsCanonicalBuffer);
  }

  /** One thing at a time: a line, an interrupt, end of input; then bash's own editor is off again if it came on. */
  #exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(work, work).then(async (result) => {
      await this.#editorOff();
      return result;
    });
    this.#queue = next.catch(() => undefined);
    return next;
  }

  #begin(terminal: Terminal, recordAs: string | undefined, alwaysRecord: boolean, handoverDir: string | undefined): Command {
    const command = beginCommand({ id: this.#nextId++, cwd: this.#cwd, terminal, capture: this.#options.capture ?? DEFAULT_CAPTURE, recordAs, alwaysRecord, handoverDir });
    this.#command = command;
    this.#forwarded = 0;
    return command;
  }

  #typeLine(line: string, continuation: boolean, command: Command): void {
    command.lines.push(line);
    this.#atPrompt = undefined;
    if (this.#mayDefineNames(line)) {
      this.#scanNames = true;
      if (this.program.kind === 'sh') this.#names = namesAfterLine(this.#names, line);
    }
    if (this.program.kind === 'bash' && MAY_SET_TRAP.test(line)) this.#checkTrap = true;
    if (this.program.kind === 'fish') {
      this.#mode = 'hidden';
      this.#write(fishLine(line, continuation, this.#scanNames));
      this.#scanNames = false;
      return;
    }
    const { bytes, echo } = canonicalLine(line);
    this.#mode = 'echo';
    // bash and zsh mark where the command starts, which ends the wait for the echo; sh does not.
    this.#echo = createEchoFilter(echo, { waitPastOutput: this.program.kind !== 'sh' });
    this.#write(bytes);
  }

  /**
   * A command longer than the terminal's line buffer cannot be typed: `lines` become the one line that
   * makes the shell source them from a private file (and put them in its history), removed as soon as the
   * command ends.
   */
  #handOver(lines: string[], recordAs: string | undefined): { recordAs: string; dir: string } {
    const text = lines.join('\n');
    const dir = mkdtempSync(join(tmpdir(), 'conch-command-'));
    const file = join(dir, 'command');
    writeFileSync(file, `${text}\n`, { mode: 0o600 });
    const quoted = `'${file.replace(/'/g, `'\\''`)}'`;
    lines.splice(0, lines.length, this.program.kind === 'sh' ? ` . ${quoted}` : ` __conch_source ${quoted}; . ${quoted}`);
    return { recordAs: recordAs ?? text, dir };
  }

  /**
   * Ctrl-C at a prompt of the shell's (primary or continuation): it drops what it has and prompts again
   * (`dropped`). With an INT trap of the user's, bash and zsh run the trap instead and keep reading what
   * they have: then no primary prompt comes (bash says nothing; zsh prompts for more after the newline
   * sent with the ^C), and conch stays where it was (`kept`) rather than wait for ever.
   */
  async #cancelAtPrompt(): Promise<'dropped' | 'kept' | 'exited'> {
    const was = this.#atPrompt;
    this.#mode = 'hidden';
    this.#atPrompt = undefined;
    if (this.program.kind === 'fish') this.#write(FISH_KEYS.cancel);
    // zsh with its editor off drops the line only once the next newline arrives.
    else this.#write(this.program.kind === 'zsh' ? '\x03\n' : '\x03');
    let marks = this.#marksSeen;
    for (;;) {
      const quiet = new Promise<'quiet'>((resolve) => setTimeout(() => resolve('quiet'), CANCEL_QUIET_MS).unref());
      const event = await Promise.race([this.#nextPrompt(), quiet]);
      if (event === 'quiet') {
        // The prompt hook is at work: its prompt follows.
        if (this.#marksSeen !== marks) {
          marks = this.#marksSeen;
          continue;
        }
        this.#promptWaiter = undefined;
        this.#atPrompt = was;
        this.#mode = 'outside';
        return 'kept';
      }
      if (event.kind === 'exited') return 'exited';
      return event.continuation ? 'kept' : 'dropped';
    }
  }

  #interruptCommand(timers: NodeJS.Timeout[]): void {
    if (this.#exit) return;
    if (this.#atPrompt === 'continuation') return;
    this.#write('\x03');
    // A ^C can land between two commands of a list (the shell itself in the foreground) and be lost,
    // or meet a program that ignores it: then the job in the foreground gets signals directly.
    const escalate = (signal: NodeJS.Signals) => {
      const group = foregroundGroup(this.pid);
      if (this.#mode === 'command' && group !== undefined && group !== this.pid) signalGroups([group], [signal, 'SIGCONT']);
    };
    timers.push(
      setTimeout(() => escalate('SIGINT'), ESCALATE_MS / 2).unref(),
      setTimeout(() => escalate('SIGTERM'), ESCALATE_MS).unref(),
      setTimeout(() => escalate('SIGKILL'), 2 * ESCALATE_MS).unref(),
    );
  }

  #nextPrompt(): Promise<PromptEvent> {
    if (this.#exit) return Promise.resolve({ kind: 'exited', exit: this.#exit });
    return new Promise((resolve) => {
      this.#promptWaiter = resolve;
    });
  }

  #emitPrompt(event: PromptEvent): void {
    const waiter = this.#promptWaiter;
    this.#promptWaiter = undefined;
    waiter?.(event);
  }

  // ---- output and marks ----

  #onOutput(chunk: Buffer): void {
    let data = chunk;
    if (this.#sentinelEcho) {
      data = this.#sentinelEcho.push(data);
      if (this.#sentinelEcho.done) this.#sentinelEcho = undefined;
      if (data.length === 0) return;
    }
    switch (this.#mode) {
      case 'starting':
      case 'passthrough':
        this.#options.terminal.write(data);
        return;
      case 'hidden':
        return;
      case 'echo': {
        const rest = this.#echo!.push(data);
        if (this.#echo!.done) this.#afterEcho();
        if (rest.length > 0) this.#show(rest);
        return;
      }
      case 'reading':
      case 'command':
        this.#show(data);
        return;
      case 'outside':
        this.#outside(data);
        return;
    }
  }

  /** The line was read. sh has no command mark: its command runs from here. */
  #afterEcho(): void {
    this.#echo = undefined;
    if (this.program.kind !== 'sh' || !this.#command || this.#moreToType) {
      this.#mode = 'reading';
      return;
    }
    this.#mode = 'command';
    this.#command.ran = true;
    this.#forward(this.#command.terminal);
  }

  #show(data: Buffer): void {
    const command = this.#command;
    if (!command || command.finished) return this.#outside(data);
    showOutput(command, data);
  }

  #outside(data: Buffer): void {
    // fish redraws its hidden editor by itself (resizes, job notices): only text is worth showing.
    if (this.program.kind === 'fish' && !hasVisibleText(data)) return;
    if (this.#options.onOutsideOutput) this.#options.onOutsideOutput(data);
    else this.#options.terminal.write(data);
  }

  #flushEcho(): void {
    if (this.#mode !== 'echo') return;
    const held = this.#echo!.flush();
    this.#echo = undefined;
    this.#mode = 'reading';
    if (held.length > 0) this.#show(held);
  }

  #onMark(mark: Mark): void {
    this.#marksSeen++;
    switch (mark.kind) {
      case 'command':
      case 'error':
        this.#flushEcho();
        if (this.#command && !this.#command.finished) {
          this.#command.ran = true;
          this.#mode = 'command';
          if (mark.kind === 'command') this.#forward(this.#command.terminal);
          if (this.program.kind === 'bash') this.#watchReader(this.#command);
        }
        return;
      case 'done':
        this.#flushEcho();
        this.#lastStatus = mark.status;
        this.#finishCommand(mark.status);
        if (this.#mode !== 'starting' && this.#mode !== 'passthrough') this.#mode = this.#between();
        return;
      case 'prompt':
        this.#sentinelEcho = undefined;
        this.#flushEcho();
        this.#promptStatus = mark.status;
        this.#promptContinuation = mark.continuation;
        if (this.#mode === 'passthrough') return this.#pauseRelay();
        if (this.#mode !== 'starting') this.#mode = this.#between();
        this.#stopForwarding();
        return;
      case 'input':
        this.#onInputMark();
        return;
      case 'awaiting': {
        // Behind every key passed on to the command: what the hook reads up to it was typed ahead.
        if (this.#mode === 'passthrough') this.#pauseRelay();
        else this.#stopForwarding();
        const answer = `${this.#scanNames ? LIST_NAMES : ''}${this.#checkTrap ? CHECK_TRAP : ''}${SENTINEL}`;
        this.#checkTrap = false;
        this.#write(answer);
        this.#scanNames = false;
        // Shown in caret form (`^^^]`) if it arrives before the hook's read turned the echo off.
        this.#sentinelEcho = createEchoFilter(Buffer.from(answer.replace(/[\x00-\x1f]/g, (c) => `^${String.fromCharCode(c.charCodeAt(0) + 0x40)}`)));
        return;
      }
      case 'typeahead':
        this.#sentinelEcho = undefined;
        this.#typeahead.push(mark.data);
        if (!this.#fetching && !this.#command) this.#deliverTypeahead();
        return;
      case 'fetched':
        if (!this.#fetching) return;
        this.#fetching = false;
        this.#typeahead.push(mark.data);
        this.#reachedPrompt(false);
        return;
      case 'notice':
        // Also while conch types into fish's editor, whose noise is dropped: a notice is never lost with it.
        if (this.#mode === 'command') this.#show(mark.data);
        else this.#outside(mark.data);
        return;
      case 'cwd':
        this.#cwd = mark.path;
        return;
      case 'vars':
        Object.assign(this.#env, mark.values);
        return;
      case 'names':
        this.#names = { ...this.#names, ...mark.names };
        return;
      case 'secrets':
        for (const { name, value } of mark.values) {
          this.#env[name] = value;
          this.#rememberSecret(name, value);
        }
        return;
      case 'installed':
        this.#historyFile = mark.historyFile;
        return;
      case 'unsupported':
        this.#resolveStarted({ kind: 'unsupported', version: mark.version });
        return;
      case 'editor':
        this.#editorOn = true;
        return;
      case 'drained':
        this.#pty.drained();
        return;
    }
  }

  #onInputMark(): void {
    const continuation = this.#promptContinuation;
    if (!continuation) {
      if (this.#promptStatus !== undefined && this.#command && !this.#command.finished) {
        // No end mark (a user's PROMPT_COMMAND replaced the hook): the prompt's own `$?` says how it ended.
        this.#lastStatus = this.#promptStatus;
        this.#finishCommand(this.#promptStatus);
      }
      // fish read keys typed ahead into its editor; ask for them back before conch's prompt shows.
      if (this.program.kind === 'fish' && this.#forwarded > 0 && this.#mode !== 'starting') {
        this.#forwarded = 0;
        this.#fetching = true;
        this.#mode = 'hidden';
        this.#write(FISH_KEYS.fetch);
        return;
      }
    }
    this.#reachedPrompt(continuation);
  }

  #reachedPrompt(continuation: boolean): void {
    if (this.#mode === 'starting') {
      clearTimeout(this.#startTimer);
      this.#resolveStarted({ kind: 'ready' });
    }
    this.#endRelay({ kind: 'ready' });
    // fish redraws the construct it holds at a continuation: editor noise, not output.
    this.#mode = continuation && this.program.kind === 'fish' ? 'hidden' : this.#between();
    this.#atPrompt = continuation ? 'continuation' : 'primary';
    if (!continuation) {
      this.#command = undefined;
      this.#deliverTypeahead();
    }
    this.#emitPrompt({ kind: 'prompt', continuation });
  }

  /** Between commands output belongs to none; while bash's own editor is back on, it is that editor's noise (see #editorOff). */
  #between(): Mode {
    return this.#editorOn ? 'hidden' : 'outside';
  }

  #deliverTypeahead(): void {
    if (this.#typeahead.length === 0) return;
    const data = Buffer.concat(this.#typeahead);
    this.#typeahead = [];
    if (data.length > 0) this.#options.onTypeahead?.(data);
  }

  #finishCommand(status: number): void {
    clearTimeout(this.#readerWatch);
    const command = this.#command;
    if (!command || command.finished) return;
    this.#stopForwarding();
    finishCommand(command, status, (record) => {
      this.#records.push(record);
      const limit = this.#options.recordLimit ?? 50;
      if (this.#records.length > limit) this.#records.splice(0, this.#records.length - limit);
    });
  }

  /** Whether a line could set a variable or define a function or alias, judged with the shell's own PATH. */
  #mayDefineNames(line: string): boolean {
    const path = this.#env.PATH ?? '';
    if (path !== this.#pathCacheKey) {
      this.#pathCache.clear();
      this.#pathCacheKey = path;
    }
    return mayDefineNames(line, path, this.#pathCache);
  }

  #rememberSecret(name: string, value: string): void {
    if (value === '') return;
    let values = this.#secrets.get(name);
    if (!values) this.#secrets.set(name, (values = new Set()));
    values.add(value);
  }

  // ---- input, size, end ----

  #write(data: string | Buffer): void {
    if (!this.#exit) this.#pty.write(data);
  }

  /** Keys go to the shell (and the command it runs) as they are typed. */
  #forward(terminal: Terminal): void {
    this.#stopForwarding();
    this.#unforward = terminal.onInput(
      (data) => {
        this.#forwarded += data.length;
        this.#write(data);
      },
      { fresh: this.#mode !== 'passthrough' },
    );
  }

  #stopForwarding(): void {
    this.#unforward?.();
    this.#unforward = undefined;
  }

  /**
   * In the relay, the integration's prompt hook has begun (the rc finished late): keys typed from here
   * on wait for conch's editor. Should its prompt not follow, the relay goes on: the shell stays usable.
   */
  #pauseRelay(): void {
    const relay = this.#relay;
    if (!relay || relay.resume) return;
    this.#stopForwarding();
    relay.resume = setTimeout(() => {
      relay.resume = undefined;
      if (this.#relay === relay && this.#mode === 'passthrough') this.#forward(relay.terminal);
    }, RELAY_GRACE_MS).unref();
  }

  #endRelay(end: RelayEnd): void {
    const relay = this.#relay;
    if (!relay) return;
    this.#relay = undefined;
    clearTimeout(relay.resume);
    relay.resolve(end);
  }

  #resize(): void {
    const { cols, rows } = this.#options.terminal.size();
    this.#pty.resize(cols, rows);
  }

  #onExit(exit: ShellExit): void {
    if (this.#exit) return;
    this.#flushEcho();
    this.#exit = exit;
    clearTimeout(this.#startTimer);
    clearTimeout(this.#readerWatch);
    this.#stopForwarding();
    if (this.#command && !this.#command.finished) abandonCommand(this.#command);
    this.#unsubscribeResize();
    this.#resolveStarted({ kind: 'exited', exit });
    this.#endRelay({ kind: 'exited', exit });
    this.#resolveExited(exit);
    this.#emitPrompt({ kind: 'exited', exit });
  }
}
