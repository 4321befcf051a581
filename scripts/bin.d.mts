import type { SpawnSyncOptions, SpawnSyncReturns } from 'node:child_process';
export function binPath(pkg: string, name?: string): string;
export function runBin(pkg: string, args: string[], options?: SpawnSyncOptions): SpawnSyncReturns<string>;
