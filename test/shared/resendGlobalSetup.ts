// Vitest global setup (Node) for the workerd tests: starts the Resend stand-in they send through.
import type { TestProject } from 'vitest/node';
import { startResendServer } from './resendServer';

export default async function setup(project: TestProject) {
  const server = await startResendServer();
  project.provide('resendUrl', server.url);
  return () => server.close();
}
