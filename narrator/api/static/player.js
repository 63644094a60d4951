// Minimal narration player: status polling, progressive playback while the narration renders,
// speed buttons (1x = 200 WPM), and follow-along highlighting of the sentence being read, from
// timings.json (once ready).
(function () {
  "use strict";
  var WPM_AT_1X = 200;
  var root = document.getElementById("player");
  var audio = document.getElementById("audio");
  var statusEl = document.getElementById("status");
  var list = document.getElementById("transcript");
  var buttons = Array.prototype.slice.call(document.querySelectorAll("[data-speed]"));
  var narration = null;
  var cues = [];
  var current = -1;
  var listening = 1;

  function say(text) { statusEl.textContent = text; }

  function setSpeed(speed) {
    listening = speed;
    if (narration) {
      // The file was rendered at narration.speed; play it faster or slower relative to that.
      audio.playbackRate = speed / narration.speed;
      if ("preservesPitch" in audio) { audio.preservesPitch = true; }
    }
    buttons.forEach(function (b) {
      b.setAttribute("aria-pressed", String(Number(b.dataset.speed) === speed));
    });
  }

  buttons.forEach(function (b) {
    b.addEventListener("click", function () { setSpeed(Number(b.dataset.speed)); });
  });

  function sentencesOf(data) {
    var items = Array.isArray(data) ? data : (data.sentences || data.cues || []);
    return items.map(function (s) {
      return { start: Number(s.start_ms) / 1000, end: Number(s.end_ms) / 1000, text: s.text || "" };
    });
  }

  function renderTranscript() {
    list.textContent = "";
    cues.forEach(function (cue, i) {
      var li = document.createElement("li");
      li.textContent = cue.text + " ";
      li.tabIndex = 0;
      li.dataset.index = String(i);
      function seek() { audio.currentTime = cue.start; audio.play(); }
      li.addEventListener("click", seek);
      li.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); seek(); }
      });
      list.appendChild(li);
    });
  }

  function highlight() {
    var t = audio.currentTime;
    var found = -1;
    for (var i = 0; i < cues.length; i++) {
      if (t >= cues[i].start && t < cues[i].end) { found = i; break; }
      if (t >= cues[i].start) { found = i; }
    }
    if (found === current) { return; }
    if (current >= 0 && list.children[current]) { list.children[current].removeAttribute("aria-current"); }
    current = found;
    if (found >= 0 && list.children[found]) {
      var el = list.children[found];
      el.setAttribute("aria-current", "true");
      if (!audio.paused && el.scrollIntoView) { el.scrollIntoView({ block: "nearest" }); }
    }
  }
  audio.addEventListener("timeupdate", highlight);
  audio.addEventListener("seeked", highlight);

  // While the narration renders, the same audio URL answers with a growing stream of what is
  // done so far (no seeking: the stream has no length yet). Once ready, the complete file
  // (normalized, seekable) replaces it at the same position, playing if it was.
  var streaming = false;

  function startStream(n) {
    narration = n;
    streaming = true;
    audio.src = n.audio_url;
    setSpeed(listening);
    var started = audio.play();
    if (started && started.catch) { started.catch(function () { /* autoplay blocked: Play works */ }); }
  }

  function switchToFile(n) {
    var position = audio.currentTime || 0;
    var playing = streaming && !audio.paused && !audio.ended;
    streaming = false;
    audio.src = n.audio_url;
    audio.addEventListener("loadedmetadata", function restore() {
      audio.removeEventListener("loadedmetadata", restore);
      if (position > 0 && position < audio.duration) { audio.currentTime = position; }
      if (playing) { audio.play(); }
    });
    audio.load();
  }

  function ready(n) {
    var wasStreaming = streaming;
    narration = n;
    say("Ready: " + Math.round(n.duration_s || 0) + " s, " + (n.words || 0) + " words, read at " +
        Math.round(WPM_AT_1X * n.speed) + " WPM (measured " + Math.round(n.wpm || 0) + ").");
    if (wasStreaming) { switchToFile(n); } else { audio.src = n.audio_url; }
    var track = document.createElement("track");
    track.kind = "captions"; track.label = "Captions"; track.srclang = "en"; track.src = n.captions_url;
    audio.appendChild(track);
    setSpeed(n.speed);
    fetch(n.timings_url).then(function (r) { return r.json(); }).then(function (data) {
      cues = sentencesOf(data);
      renderTranscript();
    }).catch(function () { say(statusEl.textContent + " (no transcript available)"); });
  }

  function poll() {
    fetch(root.dataset.statusUrl, { headers: { Accept: "application/json" } })
      .then(function (r) { return r.json().then(function (b) { return { ok: r.ok, body: b }; }); })
      .then(function (res) {
        if (!res.ok) { say((res.body.error && res.body.error.message) || "Not found."); return; }
        var n = res.body;
        if (n.status === "ready") { ready(n); }
        else if (n.status === "failed") { say("This narration failed: " + (n.error || "unknown error")); }
        else {
          if (!streaming) { startStream(n); }
          say("Playing as it is prepared (seeking once complete)… " +
              Math.round((n.progress || 0) * 100) + "% rendered");
          setTimeout(poll, 2000);
        }
      })
      .catch(function () { say("Could not reach the server; retrying…"); setTimeout(poll, 5000); });
  }
  poll();
})();
