import { useQueryClient } from '@tanstack/react-query';
import { createRootRoute, createRoute, createRouter, Link, Outlet } from '@tanstack/react-router';
import {
  Button,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Select,
  SelectValue,
} from 'react-aria-components';
import { signOut } from './api.js';
import { PatientPage } from './PatientPage.js';
import { useSession, type Permission } from './session.js';
import { Worklist } from './Worklist.js';

// The console's screens and the links between them. Each screen is a route with its own
// address (a patient's page can be bookmarked or opened by an EHR); the navigation shows
// only the screens the signed-in role may use.

const ROLE_LABELS: Record<string, string> = {
  admin: 'Admin',
  'care-manager': 'Care manager',
  practitioner: 'Practitioner',
  'compliance-officer': 'Compliance officer',
  auditor: 'Read-only auditor',
};

/** The navigation: each screen with the permission it needs. */
const NAV: Array<{ to: string; label: string; needs: Permission }> = [
  { to: '/', label: 'Patients', needs: 'patients.read' },
];

function Shell() {
  const { me, can, practices, practice, choosePractice } = useSession();
  const queryClient = useQueryClient();
  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">Chronicle</span>
        <nav aria-label="Screens" className="screens">
          {NAV.filter((item) => can(item.needs)).map((item) => (
            <Link
              key={item.to}
              to={item.to}
              className="nav-link"
              activeOptions={{ exact: item.to === '/' }}
              activeProps={{ 'aria-current': 'page' }}
            >
              {item.label}
            </Link>
          ))}
        </nav>
        {practices.length > 1 ? (
          <Select
            className="practice-select"
            selectedKey={practice?.id ?? null}
            onSelectionChange={(key) => choosePractice(String(key))}
          >
            <Label>Practice</Label>
            <Button className="button">
              <SelectValue />
              <span aria-hidden="true"> ▾</span>
            </Button>
            <Popover className="popover">
              <ListBox>
                {practices.map((p) => (
                  <ListBoxItem key={p.id} id={p.id} className="option">
                    {p.name}
                  </ListBoxItem>
                ))}
              </ListBox>
            </Popover>
          </Select>
        ) : (
          <span className="practice-name">{practice?.name}</span>
        )}
        <span data-testid="who" className="who">
          {me.orgId} · {ROLE_LABELS[me.role] ?? me.role}
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
        <Outlet />
      </main>
    </div>
  );
}

function NotFound() {
  return (
    <section>
      <h1>Not found</h1>
      <p>
        There is no screen at this address. <Link to="/">Back to the patients</Link>.
      </p>
    </section>
  );
}

const rootRoute = createRootRoute({ component: Shell, notFoundComponent: NotFound });

const worklistRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  component: Worklist,
});

export const patientRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/patients/$practiceId/$patientId',
  component: PatientPage,
});

const routeTree = rootRoute.addChildren([worklistRoute, patientRoute]);

export const router = createRouter({ routeTree });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
