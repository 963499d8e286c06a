/**
 * What every view needs: the token, the chosen scope and framework, and one way to report a
 * failure. A refused token sends the reader back to the sign-in form; other errors are shown in
 * the section that failed.
 */
import { ApiError, graphql } from './api.js';
import { h, replace } from './dom.js';

export interface Scope {
  /** null: the organisation. */
  aiSystemId: string | null;
  /** "the organisation" or the AI system's name. */
  name: string;
}

export interface Session {
  token: string;
  scope: Scope;
  /** The framework whose gaps and trend are shown; null when no framework is in scope. */
  framework: { id: string; name: string } | null;
  /** The scope argument of the API's coverage fields. */
  scopeArgument(): { aiSystemId: string } | null;
  query<T>(document: string, variables?: Record<string, unknown>): Promise<T>;
  /** Increases on every change of scope: an answer for an older scope is dropped. */
  generation: number;
  /** Increases on every change of framework (and after every change of scope): the same for the framework's views. */
  frameworkGeneration: number;
  /** Shows an error in `target` (or signs out when the token was refused). */
  fail(target: Element, error: unknown): void;
}

export function createSession(token: string, onTokenRefused: (message: string) => void): Session {
  const session: Session = {
    token,
    scope: { aiSystemId: null, name: 'the organisation' },
    framework: null,
    generation: 0,
    frameworkGeneration: 0,
    scopeArgument() {
      return session.scope.aiSystemId ? { aiSystemId: session.scope.aiSystemId } : null;
    },
    query(document, variables) {
      return graphql(session.token, document, variables);
    },
    fail(target, error) {
      if (error instanceof ApiError && error.tokenRefused) {
        onTokenRefused(`The token no longer works: ${error.message}`);
        return;
      }
      target.removeAttribute('aria-busy');
      replace(target, h('p', { class: 'error', role: 'alert' }, errorText(error)));
    },
  };
  return session;
}

export function errorText(error: unknown): string {
  if (error instanceof ApiError) return `${error.message}${error.code ? ` (${error.code})` : ''}`;
  return error instanceof Error ? error.message : String(error);
}
