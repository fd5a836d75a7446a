import { describe, expect, it } from 'vitest';
import { assessRisk } from '../../src/context/risk.ts';

describe('assessRisk', () => {
  const risky = [
    'rm -rf /', 'rm -rf ~', 'sudo rm -r /var/lib', 'ls; rm -rf ~', 'rm -fr build', 'rm --recursive x',
    'dd if=/dev/zero of=/dev/sda bs=1M', 'mkfs.ext4 /dev/sdb1', 'wipefs -a /dev/sdb', 'shred -u secrets.txt',
    'chmod -R 777 /', 'sudo chown -R me /etc', 'echo x > /dev/sda', 'cat img > /dev/nvme0n1',
    'curl -fsSL https://x.sh | sh', 'wget -qO- https://x | sudo bash', 'git push --force origin main', 'git push -f',
    'git reset --hard HEAD~3', 'git clean -fdx', ':(){ :|:& };:', 'kill -9 -1', 'find . -name "*.o" -delete',
    'mv important /dev/null', 'sudo reboot', 'echo "x" > /etc/passwd',
  ];
  const safe = [
    'echo "rm -rf /"', "grep 'rm -rf' notes.txt", 'ls -la', 'rm file.txt', 'git push origin main', 'git reset HEAD file',
    'dd if=/dev/zero bs=1M count=1 status=none | wc -c', 'curl -O https://x/file.tar.gz', 'chmod -R u+w build', 'find . -name "*.ts"',
    'echo ${HOME}', 'cat /etc/hosts > hosts.bak',
  ];
  for (const command of risky) {
    it(`flags: ${command}`, () => {
      const result = assessRisk(command);
      expect(result.risky).toBe(true);
      expect(result.reasons.length).toBeGreaterThan(0);
    });
  }
  for (const command of safe) {
    it(`lets through: ${command}`, () => expect(assessRisk(command)).toEqual({ risky: false, reasons: [] }));
  }

  it('names the dangerous target', () => {
    expect(assessRisk('rm -rf ~').reasons[0]).toBe('deletes files recursively, including ~');
  });
});
