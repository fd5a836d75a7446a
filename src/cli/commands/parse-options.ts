/** `--name value` and `--name=value` options before free words; `--` ends options; `-h` or `--help` among them asks for help. */
export function parseOptions(args: readonly string[], names: readonly string[]): { options: Record<string, string>; words: string[]; error?: string; help?: true } {
  const options: Record<string, string> = {};
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      words.push(...args.slice(i + 1));
      break;
    }
    if (words.length === 0 && (arg === '--help' || arg === '-h')) return { options, words, help: true };
    if (!arg.startsWith('--') || words.length > 0) {
      if (arg.startsWith('-') && arg !== '-' && words.length === 0) return { options, words, error: `unknown option ${arg}` };
      words.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (!names.includes(name)) return { options, words, error: `unknown option --${name}` };
    const value = inline ?? args[++i];
    if (value === undefined) return { options, words, error: `option --${name} needs a value` };
    options[name] = value;
  }
  return { options, words };
}
