import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button } from 'react-aria-components';
import { signOut, useTRPC } from './api.js';
import { SignIn } from './SignIn.js';
import { Worklist } from './Worklist.js';

// Signed out: the sign-in form. Signed in: the organization and role always in the header,
// and the patients worklist.

const ROLE_LABELS: Record<string, string> = {
  admin: 'Admin',
  'care-manager': 'Care manager',
  practitioner: 'Practitioner',
  'compliance-officer': 'Compliance officer',
  auditor: 'Read-only auditor',
};

export function App() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useQuery(trpc.session.me.queryOptions());

  if (me.isPending) return <p className="status">Loading…</p>;
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
    <div className="shell">
      <header className="topbar">
        <span className="brand">Chronicle</span>
        <span data-testid="who" className="who">
          {me.data.orgId} · {ROLE_LABELS[me.data.role] ?? me.data.role}
        </span>
        <Button
          className="button"
          onPress={async () => {
            await signOut();
            // Every cached answer was the signed-in user's: forget them and ask again.
            await queryClient.resetQueries();
          }}
        >
          Sign out
        </Button>
      </header>
      <main>
        <Worklist />
      </main>
    </div>
  );
}
