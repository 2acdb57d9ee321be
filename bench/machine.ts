// Describes the machine a result came from, so figures are never quoted without context.

import { spawnSync } from 'node:child_process';
import os from 'node:os';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  platform: string;
  arch: string;
  kernel: string;
  node: string;
  v8: string;
  clang: string;
  date: string;
  loadAverage: number[];
}

export function describeMachine(clang: string): MachineInfo {
  const cpus = os.cpus();
  const clangVersion = spawnSync(clang, ['--version'], { encoding: 'utf8' });
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    platform: process.platform,
    arch: process.arch,
    kernel: os.release(),
    node: process.version,
    v8: process.versions.v8,
    clang: clangVersion.status === 0 ? clangVersion.stdout.split('\n')[0].trim() : 'unavailable',
    date: new Date().toISOString(),
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}
