import { useQuery } from '@tanstack/react-query';
import { createContext, useContext, useState, type ReactNode } from 'react';
import { useTRPC, type ApiOutputs } from './api.js';

// Who is signed in (organization, role, what the role may do) and which of the
// organization's practices the console is showing. Every screen reads both from here:
// what a role may not do is hidden or disabled (the server refuses it anyway).

type Me = ApiOutputs['session']['me'];
export type Permission = Me['permissions'][number];
export type Practice = ApiOutputs['patients']['practices'][number];

interface Session {
  me: Me;
  /** Whether the signed-in role holds the permission. */
  can(permission: Permission): boolean;
  practices: Practice[];
  /** The practice being shown; undefined while an organization has none. */
  practice: Practice | undefined;
  choosePractice(id: string): void;
}

const SessionContext = createContext<Session | undefined>(undefined);

const PRACTICE_KEY = 'chronicle.practice';

export function SessionProvider({ me, children }: { me: Me; children: ReactNode }) {
  const trpc = useTRPC();
  const practices = useQuery(trpc.patients.practices.queryOptions());
  const [chosen, setChosen] = useState(() => localStorage.getItem(PRACTICE_KEY));
  if (practices.isPending) return <p className="status">Loading the practices…</p>;
  if (practices.isError)
    return (
      <p role="alert" className="status error">
        {practices.error.message}
      </p>
    );
  const list = practices.data;
  const practice = list.find((p) => p.id === chosen) ?? list[0];
  const session: Session = {
    me,
    can: (permission) => me.permissions.includes(permission),
    practices: list,
    practice,
    choosePractice(id) {
      localStorage.setItem(PRACTICE_KEY, id);
      setChosen(id);
    },
  };
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
