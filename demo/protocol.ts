export {}; // a module, not a global script: its names must not clash with window globals
// A bare-hands PolyAI client for the demo: shows every frame in and out so developers can see the
// protocol the component speaks. The access token is used for the socket URL and shown nowhere.
const frames = document.querySelector<HTMLOListElement>('#frames')!;
const connectForm = document.querySelector<HTMLFormElement>('#connect')!;
const sayForm = document.querySelector<HTMLFormElement>('#say')!;
const joinButton = document.querySelector<HTMLButtonElement>('#join')!;
let socket: WebSocket | null = null;

function show(direction: 'in' | 'out' | 'note', text: string): void {
  const item = document.createElement('li');
  item.className = `frame frame-${direction}`;
  const label = document.createElement('span');
  label.textContent = direction === 'in' ? '← ' : direction === 'out' ? '→ ' : '• ';
  const body = document.createElement('code');
  body.textContent = text;
  item.append(label, body);
  frames.append(item);
  item.scrollIntoView({block: 'nearest'});
}

function send(event: object): void {
  const text = JSON.stringify(event);
  socket?.send(text);
  show('out', text);
}

connectForm.addEventListener('submit', async (e) => {
  e.preventDefault();
  socket?.close(1000);
  const streaming = new FormData(connectForm).get('streaming') === 'on';
  const response = await fetch('/api/poly-chat/session', {
    method: 'POST',
    credentials: 'same-origin',
    headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({new_session: true, streaming}),
  });
  const credentials = (await response.json()) as {access_token?: string; session_id?: string; base_url?: string};
  if (!response.ok || !credentials.access_token || !credentials.session_id) {
    show('note', `credentials endpoint answered ${response.status}`);
    return;
  }
  show('note', `credentials: session ${credentials.session_id} (token hidden)`);
  const base = new URL(credentials.base_url ?? location.origin);
  const url = new URL('/ws', base);
  url.protocol = base.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('session_id', credentials.session_id);
  url.searchParams.set('access_token', credentials.access_token);
  socket = new WebSocket(url);
  socket.addEventListener('open', () => {
    show('note', 'socket open');
    joinButton.disabled = false;
    sayForm.querySelector('button')!.disabled = false;
  });
  socket.addEventListener('message', (m) => show('in', String(m.data)));
  socket.addEventListener('close', (c) => show('note', `socket closed (${c.code})`));
});

joinButton.addEventListener('click', () => send({type: 'EVENT_TYPE_REQUEST_POLY_AGENT_JOIN', payload: {}}));
sayForm.addEventListener('submit', (e) => {
  e.preventDefault();
  const input = sayForm.querySelector('input')!;
  if (!input.value.trim()) return;
  send({
    type: 'EVENT_TYPE_USER_MESSAGE',
    payload: {text: input.value},
    metadata: {custom: {client_event_id: crypto.randomUUID()}},
  });
  input.value = '';
});
