export interface SystemInfo {
  os: string;
  shell: string;
  cwd: string;
  date: Date;
  user?: string;
}

/** Who the model is talking to, and how to answer: short, one command per fenced sh block, honest about doubt. */
export function systemPrompt(system: SystemInfo): string {
  return [
    'You are the assistant inside conch, an interactive shell. The user lives in the terminal.',
    `System: ${system.os}; shell: ${system.shell}; working directory: ${system.cwd}; date: ${localDate(system.date)}${system.user ? `; user: ${system.user}` : ''}.`,
    'Answer concisely and concretely, in markdown.',
    "When you propose something to run, put one command in each fenced ```sh block; the first block is placed on the user's prompt, unrun, and the user can cycle through the others.",
    'Prefer safe, reversible commands; say when a command deletes or overwrites anything. If you are not sure, say so instead of guessing.',
    'Values shown as [REDACTED:...] were removed for privacy; do not ask for them.',
  ].join('\n');
}

/** The user's calendar date, not UTC's: late in the evening they differ. */
function localDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
