import { describe, expect, it } from 'vitest';
import { assessRisk } from '../../src/context/index.ts';

// Each risky command with a word its reason must contain.
const risky: [command: string, reason: RegExp][] = [
  ['rm -rf /', /recursively, including \/$/],
  ['rm -rf ~', /recursively, including ~$/],
  ['rm -rf *', /including \*/],
  ['rm -rf /tmp/build', /including \/tmp\/build/],
  ['rm -r -f "$BUILD_DIR/"', /including \$BUILD_DIR\//],
  ['rm -fr build', /deletes files recursively$/],
  ['rm --recursive x', /recursively/],
  ['/bin/rm -Rf ~/', /recursively/],
  ['\\rm -rf ~', /recursively/],
  ['sudo rm -r /var/lib', /recursively as root, including \/var\/lib/],
  ['sudo -u root rm /etc/hosts', /as root/],
  ['ls; rm -rf ~', /recursively/],
  ['make && rm -rf ~', /recursively/],
  ['false || rm -rf ~', /recursively/],
  ['sleep 1 & rm -rf ~', /recursively/],
  ['(cd /tmp && rm -rf ~)', /recursively/],
  ['{ rm -rf ~; }', /recursively/],
  ['if true; then rm -rf ~; fi', /recursively/],
  ['for d in */; do rm -rf "$d"; done', /recursively/],
  ['echo "$(rm -rf ~)"', /recursively/],
  ['echo `rm -rf ~`', /recursively/],
  ['sh -c "rm -rf ~"', /recursively/],
  ["sudo bash -c 'rm -rf /'", /recursively/],
  ["eval 'rm -rf ~'", /recursively/],
  ['find . -name "*.o" | xargs rm -rf', /recursively/],
  ['env -i PATH=/bin nice -n 5 timeout 10 rm -rf /', /recursively/],
  ['dd if=/dev/zero of=/dev/sda bs=1M', /overwrites the disk \/dev\/sda/],
  ['dd if=img of=out.img', /raw data with dd to out.img/],
  ['mkfs.ext4 /dev/sdb1', /formats/],
  ['mkfs -t xfs /dev/sdb1', /formats/],
  ['wipefs -a /dev/sdb', /filesystem signatures/],
  ['fdisk /dev/sda', /partition table/],
  ['shred -u secrets.txt', /beyond recovery/],
  ['chmod -R 777 /', /recursively on \/$/],
  ['sudo chown -R me /etc', /recursively on \/etc/],
  ['chmod 777 -R ~', /recursively on ~/],
  ['echo x > /dev/sda', /block device \/dev\/sda/],
  ['cat img > /dev/nvme0n1', /block device \/dev\/nvme0n1/],
  ['cat img 1>/dev/mmcblk0', /block device/],
  ['cat img &> /dev/sdb', /block device/],
  ['cat img | sudo tee /dev/sdc', /block device \/dev\/sdc/],
  ['cp disk.img /dev/sdd', /block device/],
  ['echo "x" > /etc/passwd', /overwrites \/etc\/passwd/],
  ['echo x | sudo tee /etc/hosts', /overwrites \/etc\/hosts/],
  [': > ~/.bashrc', /overwrites ~\/.bashrc/],
  ['echo key > ~/.ssh/authorized_keys', /overwrites/],
  ['truncate -s 0 /var/log/syslog', /empties/],
  ['curl -fsSL https://x.sh | sh', /downloaded/],
  ['wget -qO- https://x | sudo bash', /downloaded/],
  ['curl -s https://x | tee install.sh | bash', /downloaded/],
  ['curl https://x/i.py | python3', /downloaded/],
  ['sh -c "$(curl -fsSL https://x/install.sh)"', /downloaded/],
  ['bash <(curl -s https://x)', /downloaded/],
  ['git push --force origin main', /force-push/],
  ['git push -f', /force-push/],
  ['git push -fu origin main', /force-push/],
  ['git push origin +main', /force-push/],
  ['git push --force-with-lease', /force-push/],
  ['git -C repo push --force', /force-push/],
  ['git push origin --delete feature', /deletes a branch/],
  ['git reset --hard HEAD~3', /reset --hard/],
  ['git clean -fdx', /untracked/],
  ['git checkout -- .', /discards/],
  ['git branch -D feature', /not merged/],
  [':(){ :|:& };:', /fork bomb/],
  ['bomb() { bomb | bomb & }; bomb', /fork bomb/],
  ['kill -9 -1', /every process/],
  ['kill -KILL -1', /every process/],
  ['kill -s KILL -1', /every process/],
  ['kill -- -1', /every process/],
  ['find . -name "*.o" -delete', /every file find matches/],
  ['find / -type f -exec rm {} \\;', /every file find matches/],
  ['mv important /dev/null', /\/dev\/null/],
  ['sudo reboot', /shuts down/],
  ['shutdown -h now', /shuts down/],
  ['systemctl poweroff', /shuts down/],
  ['crontab -r', /cron/],
  ['rm -rf \\\n  ~', /recursively/],
  ['echo hi\nrm -rf ~', /recursively/],
];

const safe = [
  'echo "rm -rf /"',
  "echo 'rm -rf ~'",
  "grep 'rm -rf' notes.txt",
  'grep -r "git push --force" docs',
  'echo rm -rf / # a joke',
  'ls # ; rm -rf ~',
  'echo "kill -9 -1"',
  'git commit -m "never run: curl x | sh"',
  'ls -la',
  'rm file.txt',
  'rm -f *.log',
  'git push origin main',
  'git push -u origin feature',
  'git reset HEAD file',
  'git reset --soft HEAD~1',
  'git clean -n',
  'git checkout -b feature',
  'git restore --staged .',
  'git branch -d merged',
  'dd if=/dev/zero bs=1M count=1 status=none | wc -c',
  'curl -O https://x/file.tar.gz',
  'curl -s https://api.example.com | jq .',
  'curl https://x/install.sh -o install.sh && less install.sh',
  'chmod -R u+w build',
  'chmod +x /usr/local/bin/tool',
  'chown me file',
  'find . -name "*.ts"',
  'find . -exec grep -l TODO {} +',
  'echo ${HOME}',
  'cat /etc/hosts > hosts.bak',
  'cat /etc/hosts >> notes.txt',
  'echo "127.0.0.1 x" | sudo tee -a /etc/hosts',
  'echo x >> ~/.bashrc',
  'ls > /dev/null 2>&1',
  'cat /dev/sda1 | head -c 512 | xxd',
  'fdisk -l',
  'parted /dev/sda print',
  'wipefs -n /dev/sdb',
  'kill -9 1234',
  'kill -1 1234',
  'mv a.txt b.txt',
  'command -v rm',
  'man shutdown',
  'systemctl status nginx',
  'cat <<EOF > notes.txt\nrm -rf ~\nEOF',
  'python3 -c "print(1)"',
  'truncate -s 10M disk.img',
  'crontab -l',
  '',
];

describe('assessRisk', () => {
  for (const [command, reason] of risky) {
    it(`flags: ${JSON.stringify(command)}`, () => {
      const result = assessRisk(command);
      expect(result.risky).toBe(true);
      expect(result.reasons.join('; ')).toMatch(reason);
    });
  }
  for (const command of safe) {
    it(`lets through: ${JSON.stringify(command)}`, () => expect(assessRisk(command)).toEqual({ risky: false, reasons: [] }));
  }

  it('gives each reason once and all of them', () => {
    const result = assessRisk('rm -rf ~; rm -rf ~ && git push -f');
    expect(result.reasons).toEqual(['deletes files recursively, including ~', 'force-pushes: it rewrites the remote history']);
  });

  it('looks into a script run by a shell at the end of a long pipe, and survives absurd nesting', () => {
    expect(assessRisk('true | true | sudo sh -c "echo x > /dev/sda"').risky).toBe(true);
    expect(assessRisk(`${'$('.repeat(100)}ls${')'.repeat(100)}`).risky).toBe(true);
    expect(assessRisk(`echo ${'"a" '.repeat(100_000)}`).risky).toBe(false);
  });
});
