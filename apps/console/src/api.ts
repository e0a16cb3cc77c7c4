import type { AppRouter } from '@chronicle/api';
import { QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { createTRPCContext } from '@trpc/tanstack-react-query';

// The console talks to the server it was served by: the tRPC API under /api/trpc with the
// session cookie, every write echoing the CSRF cookie in a header (the server refuses a
// write without it), and sign-in and sign-out as plain HTTP.

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

/** Each procedure's input and answer, as the server declares them. */
export type ApiInputs = inferRouterInputs<AppRouter>;
export type ApiOutputs = inferRouterOutputs<AppRouter>;

/** The CSRF token the server set beside the session cookie (readable by this page). */
function csrfToken(): string {
  const match = /(?:^|;\s*)chronicle_csrf=([^;]*)/.exec(document.cookie);
  return match ? decodeURIComponent(match[1] as string) : '';
}

export function createClients() {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: 10_000 } },
  });
  const trpcClient = createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: '/api/trpc',
        headers: () => ({ 'x-csrf-token': csrfToken() }),
      }),
    ],
  });
  return { queryClient, trpcClient };
}

/** What the server says went wrong, in words for the page. */
export function problemText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}

export async function signIn(fields: {
  organization: string;
  email: string;
  password: string;
}): Promise<string | undefined> {
  const res = await fetch('/auth/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(fields),
  });
  if (res.ok) return undefined;
  // The server's errors say what is wrong, field by field, in `error.message`.
  const body = (await res.json().catch(() => undefined)) as
    { error?: { message?: string } } | undefined;
  return body?.error?.message || `Sign-in failed (${res.status}).`;
}

export async function signOut(): Promise<void> {
  await fetch('/auth/sign-out', { method: 'POST', headers: { 'x-csrf-token': csrfToken() } });
}
