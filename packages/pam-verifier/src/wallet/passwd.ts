/** `/etc/passwd` lookup (the VMs' login users are local; NSS modules are not consulted). */

export interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  gecos: string;
  home: string;
  shell: string;
}

export function findPasswdEntry(passwdText: string, user: string): PasswdEntry | undefined {
  for (const line of passwdText.split('\n')) {
    if (!line.startsWith(`${user}:`)) continue;
    const f = line.split(':');
    if (f.length < 7) return undefined;
    return {
      name: f[0] as string,
      uid: Number(f[2]),
      gid: Number(f[3]),
      gecos: f[4] as string,
      home: f[5] as string,
      shell: f[6] as string,
    };
  }
  return undefined;
}
