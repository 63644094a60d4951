// The home page: submit an article, play it while it renders, list and delete recent ones.
// Plain JS against the public API; relative URLs, so it works under any base path.
"use strict";

const KEY = "narrator.apiKey"; // sessionStorage only: the key leaves with the tab
const PAGE = 10;
const $ = (id) => document.getElementById(id);
let nextCursor = null;
let polling = null;

class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

function authHeaders() {
  const key = sessionStorage.getItem(KEY);
  return key ? { Authorization: "Bearer " + key } : {};
}

async function api(path, options = {}) {
  const headers = { ...(options.headers || {}), ...authHeaders() };
  let response;
  try {
    response = await fetch(path, { ...options, headers });
  } catch (e) {
    throw new ApiError(0, "the server did not answer: is `narrator serve` still running?");
  }
  if (response.status === 204) return null;
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const message = (body && body.error && body.error.message) || `HTTP ${response.status}`;
    if (response.status === 401) askForKey(message);
    throw new ApiError(response.status, message);
  }
  return body;
}

// 401: say whether the key is missing or was refused, and ask for one.
function askForKey(message) {
  const had = Boolean(sessionStorage.getItem(KEY));
  $("key-message").textContent = had
    ? `The API key you entered was refused (${message}). Enter a valid key.`
    : "This server requires an API key to submit, list and delete narrations. Enter one to continue.";
  $("key-panel").hidden = false;
  $("api-key").focus();
}

$("key-form").addEventListener("submit", (event) => {
  event.preventDefault();
  sessionStorage.setItem(KEY, $("api-key").value.trim());
  $("api-key").value = "";
  $("key-panel").hidden = true;
  loadRecent(true);
});

function wpm(speed) { return Math.round(200 * speed); }

function clock(seconds) {
  if (seconds == null) return "—";
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

function statusText(n) {
  if (n.status === "processing" || n.status === "queued") {
    return `${n.status} ${Math.round(n.progress * 100)}%`;
  }
  if (n.status === "failed") return `failed: ${n.error || "unknown error"}`;
  return n.status;
}

function link(href, text) {
  const a = document.createElement("a");
  a.href = href;
  a.textContent = text;
  return a;
}

// The listen widget's one line (README: "Put it on your pages"), then the same in a frame.
function embedSnippet(n) {
  const base = n.player_url.replace(/\/v1\/narrations\/.*$/, "");
  return `<script async src="${base}/widget.js" data-narration="${n.id}"></script>\n` +
    `<!-- or -->\n<iframe src="${n.player_url}" title="Listen to this article" ` +
    `width="100%" height="640" style="border:0" allow="autoplay"></iframe>`;
}

async function loadVoices() {
  const select = $("voice");
  try {
    const body = await api("v1/voices");
    const voices = body.voices.slice();
    // The default first, then the rest in the catalog's order.
    voices.sort((a, b) => (b.id === body.default) - (a.id === body.default));
    select.replaceChildren(...voices.map((v) => {
      const label = `${v.name} (${v.id}, ${v.engine})` + (v.id === body.default ? " · default" : "");
      return new Option(label, v.id, v.id === body.default, v.id === body.default);
    }));
  } catch (e) {
    select.replaceChildren(new Option("server default", ""));
    $("form-error").textContent = `Could not list the voices: ${e.message}`;
  }
}

function source() {
  const file = $("article-file").files[0];
  const voice = $("voice").value;
  const speed = Number($("speed").value);
  const title = $("title").value.trim();
  if (file) {
    const form = new FormData();
    form.append("file", file);
    form.append("speed", String(speed));
    if (voice) form.append("voice", voice);
    if (title) form.append("title", title);
    return { body: form };
  }
  const text = $("article-text").value;
  if (!text.trim()) return null;
  const json = { [$("article-kind").value]: text, speed };
  if (voice) json.voice = voice;
  if (title) json.title = title;
  return { body: JSON.stringify(json), headers: { "Content-Type": "application/json" } };
}

$("narrate-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  $("form-error").textContent = "";
  const request = source();
  if (!request) {
    $("form-error").textContent = "Paste an article or choose a file first.";
    return;
  }
  $("submit").disabled = true;
  try {
    const narration = await api("v1/narrations", { method: "POST", ...request });
    const file = $("article-file").files[0];
    play(narration, $("title").value.trim() || (file && file.name) || "Your article");
    $("article-file").value = "";
    loadRecent(true);
  } catch (e) {
    $("form-error").textContent = e.status === 401 ? "An API key is needed: see above." : e.message;
  } finally {
    $("submit").disabled = false;
  }
});

// The audio URL streams what is rendered so far while the narration renders, so playback
// starts with the first chunk; the status URL gives the progress.
function play(n, title) {
  $("now").hidden = false;
  $("now-title").textContent = `Now playing: ${title || "Untitled"}`;
  const audio = $("now-audio");
  audio.src = n.audio_url;
  audio.play().catch(() => { /* autoplay refused: the controls are there */ });
  $("now-links").replaceChildren(
    link(n.player_url, "player page"), link(n.captions_url, "captions"),
    link(n.timings_url, "timings"), link(n.status_url, "status JSON"));
  showProgress(n);
  clearTimeout(polling);
  if (n.status === "queued" || n.status === "processing") poll(n.status_url);
}

function showProgress(n) {
  $("now-status").textContent = `${n.voice}, ${n.speed}× (${wpm(n.speed)} WPM): ${statusText(n)}` +
    (n.status === "ready" ? ` · ${clock(n.duration_s)}, measured ${Math.round(n.wpm)} WPM` : "");
  $("now-progress").value = n.progress;
}

async function poll(url) {
  try {
    const n = await api(url);
    showProgress(n);
    if (n.status === "queued" || n.status === "processing") {
      polling = setTimeout(() => poll(url), 1000);
    } else {
      loadRecent(true);
    }
  } catch (e) {
    $("now-status").textContent = `Could not follow the narration: ${e.message}`;
  }
}

function row(n) {
  const tr = document.createElement("tr");
  tr.className = "narration";
  tr.dataset.id = n.id;
  const cells = [n.title || "Untitled", n.voice, `${n.speed}× · ${wpm(n.speed)} WPM`,
    clock(n.duration_s), statusText(n)];
  for (const text of cells) {
    const td = document.createElement("td");
    td.textContent = text;
    tr.append(td);
  }
  tr.children[4].className = `status status-${n.status}`;
  const links = document.createElement("td");
  links.className = "links";
  const playButton = document.createElement("button");
  playButton.type = "button";
  playButton.textContent = "Play";
  playButton.addEventListener("click", () => play(n, n.title));
  const embed = document.createElement("button");
  embed.type = "button";
  embed.className = "embed-toggle";
  embed.textContent = "Embed";
  embed.addEventListener("click", () => toggleEmbed(tr, n));
  const del = document.createElement("button");
  del.type = "button";
  del.className = "delete";
  del.textContent = "Delete";
  del.addEventListener("click", () => remove(tr, n));
  links.append(playButton, " ", link(n.player_url, "player"), " ", link(n.captions_url, "captions"),
    " ", link(n.timings_url, "timings"), " ", embed, " ", del);
  tr.append(links);
  return tr;
}

function toggleEmbed(tr, n) {
  const next = tr.nextElementSibling;
  if (next && next.classList.contains("embed")) { next.remove(); return; }
  const extra = document.createElement("tr");
  extra.className = "embed";
  const td = document.createElement("td");
  td.colSpan = 6;
  const label = document.createElement("label");
  label.textContent = "Embed this player on a page:";
  const code = document.createElement("textarea");
  code.readOnly = true;
  code.rows = 4;
  code.value = embedSnippet(n);
  label.append(code);
  td.append(label);
  extra.append(td);
  tr.after(extra);
  code.select();
}

async function remove(tr, n) {
  if (!window.confirm(`Delete the narration of "${n.title || "Untitled"}" (${n.voice}, ${n.speed}×)?`)) return;
  try {
    await api(`v1/narrations/${n.id}`, { method: "DELETE" });
    const next = tr.nextElementSibling;
    if (next && next.classList.contains("embed")) next.remove();
    tr.remove();
    $("recent-empty").hidden = $("recent").children.length > 0;
  } catch (e) {
    $("list-error").textContent = `Could not delete: ${e.message}`;
  }
}

async function loadRecent(fromStart) {
  const params = new URLSearchParams({ limit: String(PAGE) });
  if (!fromStart && nextCursor) params.set("cursor", nextCursor);
  try {
    const page = await api(`v1/narrations?${params}`);
    $("list-error").textContent = "";
    const rows = page.narrations.map(row);
    if (fromStart) $("recent").replaceChildren(...rows); else $("recent").append(...rows);
    nextCursor = page.next_cursor;
    $("more").hidden = !nextCursor;
    $("recent-empty").hidden = $("recent").children.length > 0;
  } catch (e) {
    $("list-error").textContent = e.status === 401
      ? "The list needs an API key: see above." : `Could not list the narrations: ${e.message}`;
  }
}

$("more").addEventListener("click", () => loadRecent(false));
$("refresh").addEventListener("click", () => loadRecent(true));
$("article-file").addEventListener("change", () => {
  const file = $("article-file").files[0];
  if (file) $("article-text").placeholder = `Uploading ${file.name} instead of pasted text`;
});

loadVoices();
loadRecent(true);
