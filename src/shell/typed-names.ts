import type { ShellNames } from './marks.ts';

/**
 * sh (dash) cannot list its functions, and its prompt runs no hook that could
 * list anything: the names Tab completes are read from the lines typed instead
 * (definitions, aliases, assignments, and their removal). Each simple command
 * is looked at word by word, quotes not followed: a guess that costs at most
 * one useless completion.
 */
export function namesAfterLine(names: ShellNames, line: string): ShellNames {
  const functions = new Set(names.functions);
  const aliases = new Set(names.aliases);
  const variables = new Set(names.variables);
  for (const [, name] of line.matchAll(/(?:^|[\s;&|(){}])([A-Za-z_][\w.-]*)\s*\(\s*\)/g)) functions.add(name!);
  for (const command of line.split(/[;&|(){}\n]+/)) {
    const words = command.trim().split(/\s+/).filter(Boolean);
    let i = 0;
    for (; i < words.length && ASSIGNMENT.test(words[i]!); i++) variables.add(words[i]!.slice(0, words[i]!.indexOf('=')));
    const [word, ...args] = words.slice(i);
    const operands = args.filter((arg) => !arg.startsWith('-'));
    switch (word) {
      case 'alias':
        for (const arg of operands) if (arg.includes('=')) aliases.add(arg.slice(0, arg.indexOf('=')));
        break;
      case 'unalias':
        for (const arg of operands) aliases.delete(arg);
        break;
      case 'export':
      case 'readonly':
      case 'local':
      case 'read':
        for (const arg of operands) if (NAME_OR_ASSIGNMENT.test(arg)) variables.add(arg.split('=')[0]!);
        break;
      case 'unset':
        for (const arg of operands) (args.includes('-f') ? functions : variables).delete(arg);
        break;
    }
  }
  return { ...names, functions: [...functions], aliases: [...aliases], variables: [...variables] };
}

const ASSIGNMENT = /^[A-Za-z_]\w*=/;
const NAME_OR_ASSIGNMENT = /^[A-Za-z_]\w*(?:=|$)/;
