import { describe, expect, it } from 'vitest';
import { networkFsTypeFromMounts } from '../../src-main/store/networkFs';

const MOUNTS = [
  'proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0',
  '/dev/nvme0n1p2 / ext4 rw,relatime 0 0',
  'server:/export/home /home nfs4 rw,relatime,vers=4.2 0 0',
  '/dev/nvme0n1p3 /home/local ext4 rw,relatime 0 0',
  '//nas/scans /mnt/pacs\\040share cifs rw,relatime 0 0',
  'user@host:/data /mnt/remote fuse.sshfs rw,nosuid,nodev 0 0',
].join('\n');

describe('network filesystem detection', () => {
  it('reports the type of the innermost mount holding the folder', () => {
    expect(networkFsTypeFromMounts('/home/alice/qoq', MOUNTS)).toBe('nfs4');
    expect(networkFsTypeFromMounts('/home/local/qoq', MOUNTS)).toBeUndefined();
    expect(networkFsTypeFromMounts('/mnt/pacs share/qoq', MOUNTS)).toBe('cifs');
    expect(networkFsTypeFromMounts('/mnt/remote', MOUNTS)).toBe('fuse.sshfs');
    expect(networkFsTypeFromMounts('/var/lib/qoq', MOUNTS)).toBeUndefined();
  });

  it('does not confuse a sibling path with a mount point prefix', () => {
    expect(networkFsTypeFromMounts('/homework/qoq', MOUNTS)).toBeUndefined();
  });
});
