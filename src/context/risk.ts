/** Why a command deserves a second confirmation before it runs. */
export interface RiskAssessment {
  risky: boolean;
  reasons: string[];
}

const BLOCK_DEVICE = /^\/dev\/(?:sd|hd|vd|xvd|nvme|mmcblk|disk|md|dm-|loop)/;
const SYSTEM_PATH = /^(?:\/|\/\*|~|~\/|~\/\*|\$HOME|\$HOME\/|\$HOME\/\*|\*|\.\/?\*?|\/(?:etc|usr|bin|sbin|lib|lib64|boot|var|opt|home|root|sys|proc|dev)(?:\/.*)?)$/;
const PREFIXES = new Set(['sudo', 'doas', 'env', 'command', 'nohup', 'time', 'nice', 'exec', 'builtin']);

/**
 * Flags commands that destroy data or the system. The line is split into
 * simple commands and words the way a shell would (quotes respected), so
 * `echo "rm -rf /"` is harmless while `ls; rm -rf ~` is not.
 */
export function assessRisk(command: string): RiskAssessment {
  const reasons = new Set<string>();
  if (/:\s*\(\s*\)\s*\{\s*:\s*\|\s*:\s*&\s*\}\s*;?\s*:/.test(command)) reasons.add('a fork bomb: it exhausts the machine');
  const pipelines = splitCommands(command);
  for (const pipeline of pipelines) {
    pipeline.forEach((stage, index) => {
      for (const reason of stageRisks(stage)) reasons.add(reason);
      const [name] = stripPrefixes(stage.words);
      const next = pipeline[index + 1] ? stripPrefixes(pipeline[index + 1]!.words)[0] : undefined;
      if ((name === 'curl' || name === 'wget') && next && /^(?:ba|z|da|k|fi)?sh$|^python[0-9.]*$|^perl$|^ruby$|^node$/.test(next)) {
        reasons.add('runs a script downloaded from the internet without showing it');
      }
    });
  }
  return { risky: reasons.size > 0, reasons: [...reasons] };
}

interface Stage {
  words: string[];
  redirects: string[];
}

function stageRisks(stage: Stage): string[] {
  const reasons: string[] = [];
  for (const target of stage.redirects) {
    if (BLOCK_DEVICE.test(target)) reasons.push(`writes straight to the block device ${target}`);
    else if (/^\/(?:etc|boot|usr|bin|sbin|lib)\//.test(target)) reasons.push(`overwrites the system file ${target}`);
  }
  const [name, ...args] = stripPrefixes(stage.words);
  if (!name) return reasons;
  const flags = args.filter((arg) => /^-[^-]/.test(arg)).join('');
  const long = new Set(args.filter((arg) => arg.startsWith('--')));
  const operands = args.filter((arg) => !arg.startsWith('-'));
  const base = name.split('/').pop()!;
  if (base === 'rm' && (/[rR]/.test(flags) || long.has('--recursive'))) {
    const wide = operands.filter((operand) => SYSTEM_PATH.test(operand));
    reasons.push(wide.length > 0 ? `deletes files recursively, including ${wide.join(' ')}` : 'deletes files recursively');
  }
  if (base === 'rm' && stage.words[0] === 'sudo' && !reasons.length) reasons.push('deletes files as root');
  if (base === 'dd' && args.some((arg) => arg.startsWith('of='))) reasons.push('writes raw data with dd');
  if (/^mkfs(\.|$)/.test(base) || base === 'wipefs' || base === 'mkswap') reasons.push('formats a disk or partition');
  if (base === 'shred') reasons.push('destroys file contents beyond recovery');
  if (['chmod', 'chown', 'chgrp'].includes(base) && (/R/.test(flags) || long.has('--recursive')) && operands.some((o) => SYSTEM_PATH.test(o))) {
    reasons.push(`changes ownership or permissions recursively on ${operands.filter((o) => SYSTEM_PATH.test(o)).join(' ')}`);
  }
  if (base === 'git') {
    const sub = operands[0];
    if (sub === 'push' && (/f/.test(flags) || long.has('--force') || [...long].some((l) => l.startsWith('--force-with-lease')) || operands.some((o) => o.startsWith('+')))) {
      reasons.push('force-pushes: it rewrites the remote history');
    }
    if (sub === 'reset' && long.has('--hard')) reasons.push('discards uncommitted changes (git reset --hard)');
    if (sub === 'clean' && /f/.test(flags)) reasons.push('deletes untracked files (git clean)');
  }
  if (base === 'find' && (args.includes('-delete') || (args.includes('-exec') && args.some((a) => a === 'rm')))) reasons.push('deletes every file find matches');
  if (base === 'mv' && operands[operands.length - 1] === '/dev/null') reasons.push('moves files to /dev/null, destroying them');
  if (base === 'kill' && args.includes('-1') && (args.includes('-9') || args.includes('-KILL') || args.includes('-s'))) reasons.push('kills every process you own');
  if (['shutdown', 'reboot', 'halt', 'poweroff'].includes(base)) reasons.push('shuts down or reboots the machine');
  if (base === 'truncate' && args.some((a) => /^(?:-s|--size=?)0?$/.test(a) || a === '0')) reasons.push('empties files');
  return reasons;
}

function stripPrefixes(words: string[]): string[] {
  let i = 0;
  while (i < words.length && (PREFIXES.has(words[i]!) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i]!) || (i > 0 && words[i - 1] === 'sudo' && words[i]!.startsWith('-')))) i++;
  return words.slice(i);
}

/** Pipelines of stages, split at unquoted ; && || & and newlines, stages at unquoted |. */
function splitCommands(line: string): Stage[][] {
  const pipelines: Stage[][] = [];
  let pipeline: Stage[] = [];
  let stage: Stage = { words: [], redirects: [] };
  let word = '';
  let inWord = false;
  let redirectNext = false;
  const endWord = () => {
    if (!inWord) return;
    if (redirectNext) stage.redirects.push(word);
    else stage.words.push(word);
    word = '';
    inWord = false;
    redirectNext = false;
  };
  const endStage = () => {
    endWord();
    if (stage.words.length > 0 || stage.redirects.length > 0) pipeline.push(stage);
    stage = { words: [], redirects: [] };
  };
  const endPipeline = () => {
    endStage();
    if (pipeline.length > 0) pipelines.push(pipeline);
    pipeline = [];
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'" || c === '"') {
      const close = line.indexOf(c, i + 1);
      const end = close < 0 ? line.length : close;
      word += line.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (c === '\\') {
      word += line[i + 1] ?? '';
      inWord = true;
      i++;
    } else if (/\s/.test(c)) {
      if (c === '\n') endPipeline();
      else endWord();
    } else if (c === ';' || c === '&') {
      if (c === '&' && line[i - 1] === '>') continue;
      endPipeline();
      if (line[i + 1] === c) i++;
    } else if (c === '|') {
      if (line[i + 1] === '|') {
        endPipeline();
        i++;
      } else endStage();
    } else if (c === '>') {
      endWord();
      if (line[i + 1] === '>') i++;
      if (line[i + 1] === '&') {
        i++;
        continue;
      }
      redirectNext = true;
    } else if ((c === '(' || c === ')' || c === '{' || c === '}') && line[i - 1] !== '$') {
      endPipeline();
    } else {
      word += c;
      inWord = true;
    }
  }
  endPipeline();
  return pipelines;
}
