/**
 * The coverage dashboard (GET /dashboard): asks for an API token, then shows coverage per
 * framework and AI system, the gaps with their reasons, a requirement's explanation, the trend of
 * recorded snapshots, evidence expiring within 30 days and a control's blast radius — all from
 * the public GraphQL API (src/dashboard/queries.ts). Bundled by src/http/dashboard-route.ts.
 */
import { allPages, ApiError, forgetToken, graphql, storedToken, storeToken } from './api.js';
import { byId, h, replace } from './dom.js';
import { AI_SYSTEMS, VIEWER, type AiSystem, type AiSystemsData, type ViewerData } from './queries.js';
import { createSession, errorText } from './session.js';
import { showExpiring } from './views/expiring.js';
import { showExplanation } from './views/explanation.js';
import { showGaps } from './views/gaps.js';
import { showHeatmap } from './views/heatmap.js';
import { loadControls, showImpact } from './views/impact.js';
import { showOverview } from './views/overview.js';
import { showTrend } from './views/trend.js';

const CREATE_TOKEN_HINT = 'Ask an operator for a VIEWER token (npm run cli -- token create --name dashboard --role VIEWER).';

function showLogin(message: string): void {
  byId('dashboard').hidden = true;
  byId('session').hidden = true;
  byId('login').hidden = false;
  replace(byId('login-message'), message);
  const input = byId<HTMLInputElement>('token');
  input.value = '';
  input.focus();
}

/** Why a token was not accepted, in words. */
function refusal(error: unknown, stored: boolean): string {
  if (error instanceof ApiError && error.tokenRefused) {
    return `${stored ? 'The stored token no longer works' : 'This token was refused'}: ${errorText(error)}. ${CREATE_TOKEN_HINT}`;
  }
  if (error instanceof ApiError && error.code === 'FORBIDDEN') {
    return `This token may not read coverage (${errorText(error)}). ${CREATE_TOKEN_HINT}`;
  }
  return `Could not check the token: ${errorText(error)}`;
}

function signOut(message = ''): void {
  forgetToken();
  showLogin(message);
}

async function start(token: string, viewer: ViewerData['viewer']): Promise<void> {
  const session = createSession(token, (message) => signOut(`${message}. ${CREATE_TOKEN_HINT}`));
  byId('login').hidden = true;
  byId('dashboard').hidden = false;
  byId('session').hidden = false;
  replace(byId('who'), `Signed in as ${viewer.name} (${viewer.role})`);
  const note = byId('role-note');
  note.hidden = viewer.role === 'VIEWER';
  replace(note, viewer.role === 'VIEWER' ? '' : `This ${viewer.role} token can do more than read; a VIEWER token is enough for this page.`);

  const scopeSelect = byId<HTMLSelectElement>('scope');
  const frameworkSelect = byId<HTMLSelectElement>('framework');
  let systems: AiSystem[] = [];

  const chooseFramework = (framework: { id: string; name: string } | null, focusGaps: boolean) => {
    session.frameworkGeneration++;
    session.framework = framework;
    frameworkSelect.value = framework?.id ?? '';
    replace(byId('explanation-title'), 'Why: a requirement explained');
    replace(byId('explanation-body'), h('p', { class: 'hint' }, 'Choose a gap (“Explain”) to see its reasons and the controls that reach it.'));
    void showGaps(session, (gap) => void showExplanation(session, gap.requirement.id));
    void showTrend(session);
    if (focusGaps) byId('gaps-title').focus();
  };

  const showScope = async () => {
    session.generation++;
    const frameworks = await showOverview(session, (framework) => chooseFramework(framework, true));
    void showExpiring(session);
    void showImpact(session);
    if (!frameworks) return;
    const keep = frameworks.find((f) => f.framework.id === session.framework?.id) ?? frameworks[0];
    frameworkSelect.replaceChildren(...frameworks.map((f) => h('option', { value: f.framework.id }, f.framework.name)));
    chooseFramework(keep ? keep.framework : null, false);
  };

  scopeSelect.onchange = () => {
    const system = systems.find((s) => s.id === scopeSelect.value);
    session.scope = system ? { aiSystemId: system.id, name: system.name } : { aiSystemId: null, name: 'the organisation' };
    void showScope();
  };
  frameworkSelect.onchange = () => {
    const option = frameworkSelect.selectedOptions[0];
    chooseFramework(option && option.value ? { id: option.value, name: option.textContent ?? '' } : null, false);
  };
  byId<HTMLSelectElement>('impact-control').onchange = () => void showImpact(session);
  byId('sign-out').onclick = () => signOut('Signed out. The token was removed from this tab.');

  await showScope();
  try {
    systems = (await allPages<AiSystemsData, AiSystem>(token, AI_SYSTEMS, {}, (data) => data.aiSystems)).nodes;
    scopeSelect.replaceChildren(h('option', { value: '' }, 'Organisation'), ...systems.map((s) => h('option', { value: s.id }, s.name)));
    scopeSelect.value = session.scope.aiSystemId ?? '';
  } catch (error) {
    session.fail(byId('heatmap-table'), error);
    return;
  }
  void showHeatmap(session, systems);
  void loadControls(session);
}

function boot(): void {
  byId('login-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const input = byId<HTMLInputElement>('token');
    const token = input.value.trim().replace(/^Bearer\s+/i, '');
    if (!token) {
      replace(byId('login-message'), 'Paste a token first.');
      return;
    }
    const button = byId<HTMLButtonElement>('login-form').querySelector('button')!;
    button.disabled = true;
    replace(byId('login-message'), '');
    graphql<ViewerData>(token, VIEWER).then(
      ({ viewer }) => {
        button.disabled = false;
        storeToken(token);
        void start(token, viewer);
      },
      (error: unknown) => {
        button.disabled = false;
        replace(byId('login-message'), refusal(error, false));
        input.select();
      },
    );
  });

  const token = storedToken();
  if (!token) return showLogin('');
  graphql<ViewerData>(token, VIEWER).then(
    ({ viewer }) => void start(token, viewer),
    (error: unknown) => {
      // Only a refusal of the token itself forgets it; an unreachable server does not.
      if (error instanceof ApiError && error.tokenRefused) forgetToken();
      showLogin(refusal(error, true));
    },
  );
}

boot();
