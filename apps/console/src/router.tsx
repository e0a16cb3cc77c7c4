import { useQueryClient } from '@tanstack/react-query';
import {
  createRootRoute,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Link,
  Outlet,
  useRouterState,
} from '@tanstack/react-router';
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
import { AuditRunPage } from './audits/AuditRunPage.js';
import { AuditsPage } from './audits/AuditsPage.js';
import { NewPatient } from './NewPatient.js';
import { PatientPanel } from './panel/PatientPanel.js';
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
const NAV: Array<{ to: string; label: string; needs: Permission; unless?: Permission }> = [
  { to: '/', label: 'Patients', needs: 'patients.read' },
  { to: '/audits', label: 'Audits', needs: 'audits.read' },
  { to: '/overpayments', label: 'Overpayments', needs: 'audits.read' },
  { to: '/billing', label: 'Billing', needs: 'claims.read' },
  { to: '/revenue', label: 'Revenue', needs: 'revenue.read' },
  { to: '/admin', label: 'Administration', needs: 'users.read' },
  // Compliance officers and auditors read the activity log without the rest of it.
  { to: '/admin/activity', label: 'Activity log', needs: 'activity.read', unless: 'users.read' },
  // Compliance officers see the plugins' state too: a refused plugin's rules do not run.
  { to: '/admin/plugins', label: 'Plugins', needs: 'plugins.read', unless: 'users.read' },
];

/** Whether the navigation shows an entry to a role holding `can`'s permissions. */
function shown(item: (typeof NAV)[number], can: (permission: Permission) => boolean): boolean {
  return can(item.needs) && !(item.unless !== undefined && can(item.unless));
}

function Shell() {
  const { me, can, practices, practice, choosePractice } = useSession();
  const queryClient = useQueryClient();
  // An EHR's patient panel sits beside the EHR's own chart: no navigation, no top bar.
  const inPanel = useRouterState({ select: (s) => s.location.pathname.startsWith('/panel/') });
  if (inPanel)
    return (
      <main className="panel-frame">
        <Outlet />
      </main>
    );
  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">Chronicle</span>
        <nav aria-label="Screens" className="screens">
          {NAV.filter((item) => shown(item, can)).map((item) => (
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

const newPatientRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/patients/new',
  component: NewPatient,
});

export const patientRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/patients/$practiceId/$patientId',
  component: PatientPage,
});

// The compact patient panel an EHR opens (docs/admin/smart-launch.md); /smart/callback
// sends the browser here once the launch's patient is matched.
const patientPanelRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/panel/patients/$practiceId/$patientId',
  component: PatientPanel,
});

const auditsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/audits',
  component: AuditsPage,
});

const auditRunRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/audits/$runId',
  component: AuditRunPage,
});

// Loaded when first opened: billing brings its own dialogs, revenue a chart library, and
// overpayment cases their own table and dialog; none should weigh on the first screen.
const billingRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/billing',
  component: lazyRouteComponent(() => import('./billing/BillingPage.js'), 'BillingPage'),
});

const overpaymentsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/overpayments',
  component: lazyRouteComponent(
    () => import('./overpayments/OverpaymentsPage.js'),
    'OverpaymentsPage',
  ),
});

const revenueRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/revenue',
  component: lazyRouteComponent(() => import('./revenue/RevenuePage.js'), 'RevenuePage'),
});

// The administration area (admin/): a layout with its sub-navigation, and its pages.
const adminRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin',
  component: lazyRouteComponent(() => import('./admin/AdminLayout.js'), 'AdminLayout'),
});
const adminHomeRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/',
  component: lazyRouteComponent(() => import('./admin/AdminLayout.js'), 'AdminHome'),
});
const adminUsersRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: 'users',
  component: lazyRouteComponent(() => import('./admin/UsersPage.js'), 'UsersPage'),
});
const adminPracticeRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: 'practice',
  component: lazyRouteComponent(() => import('./admin/PracticePage.js'), 'PracticePage'),
});
const adminActivityRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: 'activity',
  component: lazyRouteComponent(() => import('./admin/ActivityPage.js'), 'ActivityPage'),
});
const adminPluginsRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: 'plugins',
  component: lazyRouteComponent(() => import('./admin/PluginsPage.js'), 'PluginsPage'),
});
const adminRoutes = adminRoute.addChildren([
  adminHomeRoute,
  adminUsersRoute,
  adminPracticeRoute,
  adminActivityRoute,
  adminPluginsRoute,
]);

const routeTree = rootRoute.addChildren([
  newPatientRoute,
  worklistRoute,
  patientRoute,
  patientPanelRoute,
  auditsRoute,
  auditRunRoute,
  overpaymentsRoute,
  billingRoute,
  revenueRoute,
  adminRoutes,
]);

export const router = createRouter({ routeTree });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
