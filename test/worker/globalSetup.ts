// Runs in Node before the workerd tests: starts the Resend stand-in they send through.
import type { TestProject } from 'vitest/node';
import { startResendServer } from '../shared/resendServer';

declare module 'vitest' {
  export interface ProvidedContext {
    resendUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await startResendServer();
  project.provide('resendUrl', server.url);
  return () => server.close();
}
