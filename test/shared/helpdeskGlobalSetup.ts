// Vitest global setup (Node), for both runtimes' tests: starts the helpdesk API stand-in.
import type { TestProject } from 'vitest/node';
import { startHelpdeskServer } from './helpdeskServer';

export default async function setup(project: TestProject) {
  const server = await startHelpdeskServer();
  project.provide('helpdeskUrl', server.url);
  return () => server.close();
}
