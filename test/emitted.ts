/**
 * Helpers for tests that compile emitted TypeScript with the real `tsc` and
 * run it: the generated file must type-check under --strict and build the
 * same model as the in-memory emitter.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A fresh folder under test/.generated (inside the project so `@tensorflow/tfjs` resolves). */
export function generatedDir(name: string): string {
  const dir = path.join(root, 'test/.generated', name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** Runs `tsc --strict` over every .ts file in `dir`; returns its output, or throws with it. */
export function typeCheck(dir: string): void {
  fs.writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, skipLibCheck: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'bundler', types: [], noUnusedLocals: true },
      include: ['*.ts'],
    }),
  );
  try {
    execFileSync(path.join(root, 'node_modules/.bin/tsc'), ['-p', path.join(dir, 'tsconfig.json')], { encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    throw new Error(`tsc --strict failed on ${dir}:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}
