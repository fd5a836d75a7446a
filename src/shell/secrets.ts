/**
 * Names whose values are secrets (the integration scripts use the same rule):
 * KEY, TOKEN, SECRET, PASS(WORD), PWD, DSN, CREDENTIAL or AUTH anywhere in the
 * name, any case, except the working directories PWD and OLDPWD.
 */
export function isSecretName(name: string): boolean {
  if (name === 'PWD' || name === 'OLDPWD' || name.startsWith('__conch_')) return false;
  return /KEY|TOKEN|SECRET|PASS|PWD|DSN|CREDENTIAL|AUTH/i.test(name);
}
