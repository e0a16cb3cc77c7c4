import { Link, Navigate, Outlet } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useSession, type Permission } from '../session.js';

// The administration area: users and roles, the practice's capability attestation, the
// activity log and the server's plugins, with a sub-navigation between them showing only the pages the signed-in
// role may open. A page opened by its address without the permission says so plainly
// (the server refuses its data anyway).

export const ADMIN_PAGES: Array<{
  to: '/admin/users' | '/admin/practice' | '/admin/activity' | '/admin/plugins';
  label: string;
  needs: Permission;
  /** What a role without `needs` is told it may not do. */
  refusal: string;
}> = [
  {
    to: '/admin/users',
    label: 'Users and roles',
    needs: 'users.read',
    refusal: 'manage users and roles',
  },
  {
    to: '/admin/practice',
    label: 'Practice capabilities',
    // Whoever reads audits sees the attestation their findings rest on; admins attest.
    needs: 'audits.read',
    refusal: "see the practice's capability attestation",
  },
  {
    to: '/admin/activity',
    label: 'Activity log',
    needs: 'activity.read',
    refusal: 'read the activity log',
  },
  {
    to: '/admin/plugins',
    label: 'Plugins',
    needs: 'plugins.read',
    refusal: "see the server's plugins",
  },
];

export function AdminLayout() {
  const { can } = useSession();
  const pages = ADMIN_PAGES.filter((p) => can(p.needs));
  return (
    <div className="admin">
      {pages.length > 0 ? (
        <nav aria-label="Administration" className="admin-nav">
          {pages.map((p) => (
            <Link
              key={p.to}
              to={p.to}
              className="admin-link"
              activeProps={{ 'aria-current': 'page' }}
            >
              {p.label}
            </Link>
          ))}
        </nav>
      ) : null}
      <Outlet />
    </div>
  );
}

/** /admin itself: the first page the role may open, or the refusal. */
export function AdminHome() {
  const { can } = useSession();
  const first = ADMIN_PAGES.find((p) => can(p.needs));
  if (!first) return <NotAllowed what="use the administration screens" />;
  return <Navigate to={first.to} replace />;
}

/** Renders the page when the role holds its permission, a clear refusal otherwise. */
export function AdminPage({
  to,
  children,
}: {
  to: (typeof ADMIN_PAGES)[number]['to'];
  children: ReactNode;
}) {
  const { can } = useSession();
  const page = ADMIN_PAGES.find((p) => p.to === to);
  if (!page || !can(page.needs)) return <NotAllowed what={page?.refusal ?? 'open this page'} />;
  return <>{children}</>;
}

function NotAllowed({ what }: { what: string }) {
  const { me } = useSession();
  return (
    <section aria-labelledby="not-allowed-title" data-testid="not-allowed">
      <h1 id="not-allowed-title">Not allowed</h1>
      <p role="alert" className="status error">
        Your role ({me.role}) may not {what}. An admin of your organization can change your role if
        you need to.
      </p>
      <p>
        <Link to="/">Back to the patients</Link>
      </p>
    </section>
  );
}
