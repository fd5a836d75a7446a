import { hasLong, hasShort, splitArgs, type Command } from './command-words.ts';
import type { RiskReason } from './risk-reasons.ts';

/**
 * Clusters, clouds, infrastructure, containers and databases: the commands
 * that delete what is not on this machine. Only their destructive
 * subcommands; `kubectl get`, `terraform plan`, `docker ps` are not risky.
 */
export function cloudRisks(command: Command, add: (reason: RiskReason) => void): void {
  const { name, args, operands } = command;
  const long = (option: string) => hasLong(command.flags, option);
  switch (name) {
    case 'kubectl': case 'oc': case 'microk8s.kubectl': {
      const words = subcommandWords(args, KUBECTL_VALUED);
      if (words[0] === 'delete' || words[0] === 'drain') add({ kind: 'cluster-delete', operand: words.slice(1).join(' ') || words[0] });
      else if (words[0] === 'replace' && long('--force')) add({ kind: 'cluster-delete', operand: 'replace --force' });
      break;
    }
    case 'helm': {
      const words = subcommandWords(args, HELM_VALUED);
      if (['uninstall', 'delete', 'del', 'un'].includes(words[0] ?? '')) add({ kind: 'release-uninstall', ...operand(words.slice(1)) });
      break;
    }
    case 'terraform': case 'tofu': case 'terragrunt': {
      const words = subcommandWords(args, []);
      if (words[0] === 'destroy' || (words[0] === 'apply' && args.some((arg) => arg === '-destroy' || arg === '--destroy'))) add({ kind: 'infrastructure-destroy' });
      break;
    }
    case 'pulumi': case 'cdk': case 'cdktf': case 'sst': {
      const words = subcommandWords(args, ['-s', '--stack', '-C', '--cwd']);
      if (words[0] === 'destroy' || words[0] === 'down' || words[0] === 'remove') add({ kind: 'infrastructure-destroy' });
      break;
    }
    case 'aws':
      awsRisks(args, add);
      break;
    case 'gcloud': {
      const words = subcommandWords(args, ['--project', '--account', '--configuration', '--format', '--zone', '--region']);
      const { flags } = splitArgs(args);
      if (words.includes('delete')) add({ kind: 'cloud-delete', operand: words.slice(0, words.indexOf('delete') + 2).join(' ') });
      else if (words[0] === 'storage' && words[1] === 'rm' && (hasShort(flags, 'r') || hasLong(flags, '--recursive'))) add({ kind: 'cloud-delete', ...operand(words.slice(2)) });
      break;
    }
    case 'gsutil': {
      const words = subcommandWords(args, ['-o', '-h', '-u']);
      const { flags } = splitArgs(args.slice(args.indexOf(words[0] ?? '') + 1));
      if ((words[0] === 'rm' && (hasShort(flags, 'r') || hasShort(flags, 'R'))) || words[0] === 'rb') add({ kind: 'cloud-delete', ...operand(words.slice(1)) });
      break;
    }
    case 'az': case 'doctl': case 'linode-cli': case 'hcloud': case 'scw': {
      const words = subcommandWords(args, ['--subscription', '-g', '--resource-group', '-o', '--output', '--context']);
      const verb = words.findIndex((word) => word === 'delete' || word === 'destroy' || word === 'rm');
      if (verb >= 0) add({ kind: 'cloud-delete', operand: words.slice(0, verb + 2).join(' ') });
      break;
    }
    case 'gh': {
      const words = subcommandWords(args, ['-R', '--repo', '--hostname']);
      if (words[0] === 'repo' && words[1] === 'delete') add({ kind: 'cloud-delete', operand: words.slice(1, 3).join(' ') });
      break;
    }
    case 'heroku':
      if (args[0] === 'apps:destroy' || args[0] === 'destroy') add({ kind: 'cloud-delete', operand: args.join(' ') });
      break;
    case 'docker': case 'podman': case 'nerdctl': {
      const words = subcommandWords(args, ['-H', '--host', '--context', '-c', '--config', '-l', '--log-level']);
      const sub = words.slice(0, 2).join(' ');
      if (sub === 'system prune' || sub === 'volume prune' || (words[0] === 'volume' && (words[1] === 'rm' || words[1] === 'remove'))) add({ kind: 'container-prune', operand: sub });
      else if (words[0] === 'compose' && words.includes('down') && (args.includes('-v') || args.includes('--volumes'))) add({ kind: 'container-prune', operand: 'compose down --volumes' });
      break;
    }
    case 'docker-compose': case 'podman-compose':
      if (operands.includes('down') && (args.includes('-v') || args.includes('--volumes'))) add({ kind: 'container-prune', operand: 'down --volumes' });
      break;
    case 'dropdb':
      add({ kind: 'database-drop', ...operand(operands) });
      break;
    case 'redis-cli': case 'valkey-cli':
      if (operands.some((word) => /^flush(?:all|db)$/i.test(word))) add({ kind: 'database-drop', operand: 'FLUSHALL' });
      break;
    case 'psql': case 'mysql': case 'mariadb': case 'sqlite3': case 'sqlcmd': case 'clickhouse-client': case 'cockroach': case 'duckdb': case 'mongo': case 'mongosh': {
      const statement = SQL_DESTROYS.exec(args.join(' '));
      if (statement) add({ kind: 'database-drop', operand: statement[0] });
      break;
    }
  }
}

const SQL_DESTROYS = /\b(?:drop\s+(?:database|schema|table|keyspace|collection)\s+(?:if\s+exists\s+)?[\w."`]+|truncate\s+(?:table\s+)?[\w."`]+|delete\s+from\s+[\w."`]+\s*(?:;|$)|db\.dropDatabase\(\)|\.drop\(\))/i;

const KUBECTL_VALUED = ['-n', '--namespace', '--context', '--kubeconfig', '--cluster', '--user', '-s', '--server', '-l', '--selector', '-o', '--output', '-f', '--filename'];
const HELM_VALUED = ['-n', '--namespace', '--kube-context', '--kubeconfig'];

/** The words that are not options (or their values): `kubectl -n prod delete pod x` gives delete, pod, x. */
function subcommandWords(args: readonly string[], valued: readonly string[]): string[] {
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.startsWith('-') && arg !== '-') {
      if (valued.includes(arg)) i++;
      continue;
    }
    words.push(arg);
  }
  return words;
}

function operand(words: readonly string[]): { operand?: string } {
  return words.length > 0 ? { operand: words.join(' ') } : {};
}

/** `aws s3 rm --recursive`, `aws s3 rb --force`, `aws s3 sync --delete`, and the services' `delete-*` / `terminate-*` calls. */
function awsRisks(args: readonly string[], add: (reason: RiskReason) => void): void {
  const words = subcommandWords(args, ['--profile', '--region', '--output', '--endpoint-url', '--query']);
  const [service, action] = words;
  const has = (option: string) => args.includes(option);
  const target = words.slice(2).join(' ');
  if (service === 's3') {
    if ((action === 'rm' && has('--recursive')) || (action === 'rb' && has('--force')) || (action === 'sync' && has('--delete'))) {
      add({ kind: 'cloud-delete', operand: `s3 ${action}${target ? ` ${target}` : ''}` });
    }
    return;
  }
  if (action && /^(?:delete-|terminate-|schedule-key-deletion|deregister-)/.test(action) && !ROUTINE_AWS_DELETES.has(action)) {
    add({ kind: 'cloud-delete', operand: `${service} ${action}` });
  }
}

/** Deleting one message, tag or item is what those services are for. */
const ROUTINE_AWS_DELETES = new Set(['delete-message', 'delete-message-batch', 'delete-tags', 'delete-item', 'delete-object', 'delete-object-tagging']);
