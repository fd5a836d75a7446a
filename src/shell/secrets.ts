/**
 * Names whose values the session reports as possibly secret (the integration
 * scripts match the same glob): KEY, TOKEN, SECRET, PASS(WORD), PWD, DSN,
 * CREDENTIAL or AUTH anywhere in the name, any case, except the working
 * directories PWD and OLDPWD. Deliberately broad and cheap, so a prompt hook
 * can test it without forking; the redaction applies its own, finer rule.
 */
export function maybeSecretName(name: string): boolean {
  if (name === 'PWD' || name === 'OLDPWD' || name.startsWith('__conch_')) return false;
  return /KEY|TOKEN|SECRET|PASS|PWD|DSN|CREDENTIAL|AUTH/i.test(name);
}
