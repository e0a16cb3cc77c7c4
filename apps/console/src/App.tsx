import { useQuery, useQueryClient } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { useTRPC } from './api.js';
import { router } from './router.js';
import { SessionProvider } from './session.js';
import { SignIn } from './SignIn.js';
import { Loading } from './ui.js';

// Signed out: the sign-in form. Signed in: the screens the role may use, under a top bar
// that always shows the organization and the role.

export function App() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useQuery(trpc.session.me.queryOptions());

  if (me.isPending) return <Loading>Loading…</Loading>;
  if (me.isError) {
    const unauthorized = me.error.data?.code === 'UNAUTHORIZED';
    if (unauthorized) return <SignIn onSignedIn={() => void queryClient.invalidateQueries()} />;
    return (
      <p role="alert" className="status error">
        The server could not be reached: {me.error.message}
      </p>
    );
  }
  return (
    <SessionProvider me={me.data}>
      <RouterProvider router={router} />
    </SessionProvider>
  );
}
