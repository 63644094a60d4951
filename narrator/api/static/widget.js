// The listen widget: <script async src="BASE/widget.js" data-narration="nar_..."></script>
// (or data-article="art_..."), rendered where the tag stands, in a shadow root so that neither
// the page's CSS nor ours leaks. Several on a page are independent. Plain JS, no build.
// Speed and voice are rendered by the server (POST /v1/articles/{id}/narrations) and switched
// to at the same word (timings.json); meanwhile playbackRate stands in for a new speed.
(function () {
  "use strict";
  var CSS = "/*CSS*/";
  var ORIGINS = [/*ORIGINS*/];
  var SPEEDS = [1, 1.25, 1.5, 1.75, 2];
  var WPM_AT_1X = 200;
  var KEY = "narrator.";

  function el(root, sel) { return root.querySelector(sel); }
  function clock(s) {
    s = Math.max(0, Math.round(s || 0));
    var m = Math.floor(s / 60), r = s % 60;
    return m + ":" + (r < 10 ? "0" : "") + r;
  }
  function load(name) {
    try { return JSON.parse(localStorage.getItem(KEY + name) || "null"); } catch (e) { return null; }
  }
  function save(name, value) {
    try { localStorage.setItem(KEY + name, JSON.stringify(value)); } catch (e) { /* private mode */ }
  }
  function sleep(ms) { return new Promise(function (ok) { setTimeout(ok, ms); }); }

  var TEMPLATE =
    '<section class="w" aria-label="Listen to this article">' +
    '<header><p class="title">Listen to this article</p><p class="by"></p></header>' +
    '<div class="bar">' +
    '<button type="button" class="play" aria-label="Play" title="Play (Space or K)">' +
    '<span aria-hidden="true">\u25B6</span></button>' +
    '<button type="button" class="back" aria-label="Back 15 seconds">\u221215</button>' +
    '<input class="seek" type="range" min="0" max="0" step="1" value="0" aria-label="Position">' +
    '<button type="button" class="fwd" aria-label="Forward 15 seconds">+15</button></div>' +
    '<div class="times"><span class="elapsed">0:00</span><span class="remaining" ' +
    'aria-label="Remaining time">\u22120:00</span></div>' +
    '<div class="opts"><label><span>Speed</span> <select class="speed"></select></label>' +
    '<label><span>Voice</span> <select class="voice"><option>\u2026</option></select></label>' +
    '<a class="download" download>Download</a>' +
    '<button type="button" class="more" aria-expanded="false">Transcript</button></div>' +
    '<div class="note"><p class="status" role="status" aria-live="polite">Loading\u2026</p>' +
    '<button type="button" class="resume" hidden></button></div>' +
    '<div class="transcript" hidden tabindex="-1" aria-label="Transcript"></div>' +
    '<audio preload="metadata"></audio><audio preload="auto"></audio></section>';

  function Widget(script) {
    var self = this;
    this.base = script.src.replace(/\/widget\.js([?#].*)?$/, "");
    this.host = document.createElement("div");
    this.host.className = "narrator-widget";
    script.parentNode.insertBefore(this.host, script.nextSibling);
    var root = this.root = this.host.attachShadow({ mode: "open" });
    root.innerHTML = "<style>" + CSS + "</style>" + TEMPLATE;
    var audios = root.querySelectorAll("audio");
    this.audio = audios[0];
    this.spare = audios[1];
    this.audio.setAttribute("data-active", "");
    this.speed = Number(load("speed")) || 1;
    this.voice = load("voice");
    this.timings = null;
    this.token = 0;
    this.wired = [];
    SPEEDS.forEach(function (s) {
      var o = document.createElement("option");
      o.value = String(s);
      el(root, ".speed").appendChild(o);
    });
    this.labelSpeeds(null);
    this.bind();
    if (script.dataset.transcript === "open") { this.toggleTranscript(true); }
    var allowed = !ORIGINS.length || ORIGINS.indexOf(location.origin) >= 0 ||
      location.origin === new URL(this.base).origin;
    if (!allowed) { this.say("This site may not embed this player."); return; }
    this.start(script.dataset.narration, script.dataset.article)
      .catch(function (e) { self.say(e.message || String(e)); });
  }

  var W = Widget.prototype;

  W.say = function (text) { el(this.root, ".status").textContent = text; };

  // fetch with retries: a network error or a 5xx/429 is retried with backoff, and said.
  W.api = function (path, body) {
    var self = this, delay = 1000;
    function attempt() {
      var opts = body ? { method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body) } : {};
      return fetch(/^https?:/.test(path) ? path : self.base + path, opts).then(function (r) {
        if (r.status === 429 || r.status >= 500) {
          var wait = Number(r.headers.get("Retry-After")) * 1000 || delay;
          return retry(wait, "The server is busy");
        }
        return r.json().then(function (b) {
          if (!r.ok) { throw new Error((b.error && b.error.message) || "HTTP " + r.status); }
          return b;
        });
      }, function () { return retry(delay, "Network error"); });
    }
    function retry(wait, why) {
      self.say(why + "; retrying in " + Math.round(wait / 1000) + " s\u2026");
      delay = Math.min(delay * 2, 30000);
      return sleep(wait).then(attempt);
    }
    return attempt();
  };

  W.start = function (narrationId, articleId) {
    var self = this, first;
    var got = narrationId ? this.api("/v1/narrations/" + narrationId) : Promise.resolve(null);
    return got.then(function (n) {
      first = n;
      return self.api("/v1/articles/" + (n ? n.article_id : articleId));
    }).then(function (article) {
      self.article = article;
      el(self.root, ".title").textContent = article.title || "Listen to this article";
      el(self.root, ".by").textContent = article.author ? "By " + article.author : "";
      self.loadVoices(article.language);
      var live = article.narrations.filter(function (n) { return n.status !== "failed"; });
      var wanted = live.filter(function (n) {
        return n.speed === self.speed && (!self.voice || n.voice === self.voice);
      })[0];
      // A listener who chose a voice or speed before gets that rendition at once when it is
      // there; otherwise the page's own narration plays.
      var chose = load("speed") !== null || load("voice") !== null;
      var n = (chose && wanted) || first || wanted || live[0] || article.narrations[0];
      if (!n) { throw new Error("This article has no narration yet."); }
      self.voice = self.voice || n.voice;
      self.show(n, 0, false);
      if (n.speed !== self.speed || n.voice !== self.voice) { self.render(); }
    });
  };

  W.loadVoices = function (language) {
    var self = this, select = el(this.root, ".voice");
    this.api("/v1/voices?language=" + encodeURIComponent(language || "")).then(function (v) {
      select.textContent = "";
      v.voices.forEach(function (voice) {
        var o = document.createElement("option");
        o.value = voice.id;
        o.textContent = voice.label || voice.name;
        select.appendChild(o);
      });
      select.value = self.voice || v.default;
    });
  };

  W.labelSpeeds = function (n) {
    var self = this, select = el(this.root, ".speed");
    Array.prototype.forEach.call(select.options, function (o) {
      var s = Number(o.value);
      var wpm = n && n.wpm ? n.wpm * s / n.speed : WPM_AT_1X * s;
      o.textContent = s + "\u00D7 \u00B7 " + Math.round(wpm) + " WPM";
    });
    select.value = String(self.speed);
  };

  // Play narration n in the active element from `at` seconds; while it renders, its stream.
  W.show = function (n, at, playing) {
    var self = this, a = this.audio;
    this.narration = n;
    this.host.setAttribute("data-narration", n.id);
    this.labelSpeeds(n);
    el(this.root, ".download").href = n.audio_url;
    el(this.root, ".download").setAttribute("aria-label", "Download the audio (" + n.format + ")");
    if (n.status === "failed") {
      this.say("This narration failed: " + (n.error || "unknown error"));
      return;
    }
    // Play pressed while told to wait counts too: the narration may be ready before the
    // next ask (a wait still pending for the older copy of it then ends: see admit).
    var wants = playing || (this.admitting && this.wantsPlay);
    this.admitting = false;
    if (n.status === "ready") { a.src = n.audio_url; } else { this.admit(n, a, wants); }
    this.rate();
    if (n.status === "ready") {
      this.onReady(n);
      if (at) { this.once(a, "loadedmetadata", function () { a.currentTime = at; }); }
    } else {
      this.follow(n);
    }
    if (wants) { this.play(); }
  };

  W.once = function (target, event, fn) {
    target.addEventListener(event, function handler() {
      target.removeEventListener(event, handler);
      fn();
    });
  };

  // A stream the service has no room for yet answers 503 busy with Retry-After and the start
  // expected, Narrator-Starts-In (HEAD answers as GET would): say when it starts, wait, ask
  // again; the narration renders meanwhile.
  W.admit = function (n, a, playing) {
    var self = this;
    this.busyUntil = 0;
    this.admitting = true;
    this.wantsPlay = !!playing;
    fetch(n.audio_url, { method: "HEAD" }).then(function (r) {
      if (self.narration !== n) { return; }
      if (r.status === 503) {
        // Ask again as told (keeps its place in line); show when it should start.
        var wait = Number(r.headers.get("Retry-After")) || 5;
        var starts = Number(r.headers.get("Narrator-Starts-In")) || wait;
        self.busyUntil = Date.now() + starts * 1000;
        self.say(self.busyText(n));
        return sleep(wait * 1000).then(function () { self.admit(n, a, self.wantsPlay); });
      }
      self.admitted(n, a);
    }, function () { self.admitted(n, a); });
  };

  // Admitted: the stream becomes the source; Play pressed while waiting plays it now.
  W.admitted = function (n, a) {
    this.admitting = false;
    a.src = n.audio_url;
    if (this.wantsPlay) { this.play(); }
  };

  W.busyText = function (n) {
    var left = Math.max(1, Math.round((this.busyUntil - Date.now()) / 1000));
    return "Many listeners right now: starting in about " + left + " s (" +
      Math.round((n.progress || 0) * 100) + "% rendered)";
  };

  // A narration still rendering: its stream plays what is ready; poll until it is done.
  W.follow = function (n) {
    var self = this;
    this.say("Preparing: " + Math.round((n.progress || 0) * 100) + "% rendered; " +
      "playing what is ready (seeking once complete)");
    return this.waitReady(n, function (m) {
      if (self.narration.id !== m.id) { return; }
      var at = self.audio.currentTime, playing = !self.audio.paused;
      self.show(m, at, playing);
    }, function (m) {
      if (self.narration.id === m.id && Date.now() < self.busyUntil) {
        self.say(self.busyText(m));
      } else if (self.narration.id === m.id) {
        self.say("Preparing: " + Math.round((m.progress || 0) * 100) + "% rendered; " +
          "playing what is ready (seeking once complete)");
      }
    });
  };

  W.waitReady = function (n, done, progress) {
    var self = this;
    if (n.status === "ready") { done(n); return; }
    if (n.status === "failed") {
      this.say("Could not prepare " + n.voice + " at " + n.speed + "\u00D7: " + n.error);
      return;
    }
    sleep(1000).then(function () { return self.api(n.status_url); }).then(function (m) {
      progress(m);
      self.waitReady(m, done, progress);
    });
  };

  W.onReady = function (n) {
    var self = this, a = this.audio;
    this.say(clock(n.duration_s) + " \u00B7 " + (n.words || 0) + " words \u00B7 " +
      Math.round(n.wpm || 0) + " WPM");
    var track = a.querySelector("track") || document.createElement("track");
    track.kind = "captions"; track.label = "Captions"; track.srclang = this.article.language;
    track.src = n.captions_url;
    a.appendChild(track);
    this.getTimings(n).then(function (t) {
      if (self.narration.id !== n.id) { return; }
      self.timings = t;
      self.renderTranscript(t);
      self.offerResume();
    }, function () { self.say("No transcript for this narration."); });
  };

  W.getTimings = function (n) {
    return fetch(n.timings_url).then(function (r) {
      if (!r.ok) { throw new Error("timings " + r.status); }
      return r.json();
    });
  };

  W.rate = function () {
    var a = this.audio;
    if ("preservesPitch" in a) { a.preservesPitch = true; }
    a.playbackRate = this.speed / this.narration.speed;
  };

  W.play = function () {
    if (this.admitting) { this.wantsPlay = true; return; }  // plays once admitted
    var p = this.audio.play();
    if (p && p.catch) { p.catch(function () { /* blocked: the Play button works */ }); }
  };

  W.toggle = function () {
    if (this.admitting) {
      this.wantsPlay = !this.wantsPlay;
      if (!this.wantsPlay) { this.audio.pause(); }
      return;
    }
    if (this.audio.paused) { this.play(); } else { this.audio.pause(); }
  };

  W.seekBy = function (s) {
    var a = this.audio;
    if (isFinite(a.duration)) { a.currentTime = Math.max(0, Math.min(a.duration, a.currentTime + s)); }
  };

  W.setSpeed = function (s) {
    this.speed = s;
    save("speed", s);
    el(this.root, ".speed").value = String(s);
    this.rate();
    this.tick();
    this.render();
  };

  W.setVoice = function (v) {
    this.voice = v;
    save("voice", v);
    this.render();
  };

  // Ask the server for the chosen voice and speed; switch to it, at the same word, once it plays.
  W.render = function () {
    var self = this, n = this.narration, token = ++this.token;
    if (n.voice === this.voice && n.speed === this.speed) { return; }
    var body = { voice: this.voice, speed: this.speed, format: n.format };
    this.api("/v1/articles/" + n.article_id + "/narrations", body).then(function (m) {
      if (token !== self.token) { return; }
      if (!self.timings || self.narration.status !== "ready") {
        // Nothing to map a position with yet: start the new rendition from here.
        self.show(m, 0, !self.audio.paused);
        return;
      }
      if (m.status !== "ready") { self.say("Preparing " + self.voiceName(m.voice) + " at " + m.speed + "\u00D7\u2026"); }
      self.waitReady(m, function (r) { if (token === self.token) { self.switchTo(r, token); } },
        function (r) {
          if (token === self.token) {
            self.say("Preparing " + self.voiceName(r.voice) + " at " + r.speed + "\u00D7: " +
              Math.round((r.progress || 0) * 100) + "%");
          }
        });
    }, function (e) { self.say(e.message); });
  };

  W.voiceName = function (id) {
    var o = el(this.root, '.voice option[value="' + id + '"]');
    return o ? o.textContent : id;
  };

  W.switchTo = function (m, token) {
    var self = this, from = this.timings;
    this.getTimings(m).then(function (to) {
      if (token !== self.token) { return; }
      var old = self.audio, next = self.spare;
      next.src = m.audio_url;
      if ("preservesPitch" in next) { next.preservesPitch = true; }
      next.playbackRate = self.speed / m.speed;
      self.once(next, "loadedmetadata", function () {
        next.currentTime = mapTime(old.currentTime, from, to);
        self.once(next, "seeked", function () {
          if (token !== self.token) { return; }
          // Seek again to where the old one is now: the data around it is already here.
          var playing = !old.paused;
          next.currentTime = mapTime(old.currentTime, from, to);
          var track = old.querySelector("track");
          if (track) { next.appendChild(track); }
          self.audio = next; self.spare = old;
          old.removeAttribute("data-active"); next.setAttribute("data-active", "");
          self.narration = m;
          self.timings = to;
          self.host.setAttribute("data-narration", m.id);
          self.labelSpeeds(m);
          el(self.root, ".download").href = m.audio_url;
          if (!sameText(from, to)) { self.renderTranscript(to); }
          var fromId = old.src, stop = function () {
            // Reported (the page can listen) with both positions at the handover.
            var detail = { from: fromId, fromTime: old.currentTime, to: m.id, toTime: next.currentTime };
            old.pause();
            self.host.dispatchEvent(new CustomEvent("narrator:switch", { detail: detail }));
          };
          if (playing) {
            var p = next.play();
            if (p && p.then) { p.then(stop, stop); } else { stop(); }
          } else { stop(); }
          self.say("Now " + self.voiceName(m.voice) + " at " + m.speed + "\u00D7 (" +
            Math.round(m.wpm || 0) + " WPM)");
          self.tick();
        });
      });
    });
  };

  // The same place in another rendition: the same word, as far into it.
  function mapTime(t, from, to) {
    var ms = t * 1000, fs = from.sentences, ts = to.sentences;
    var i = locate(fs, ms);
    if (i < 0 || !ts.length) { return t; }
    var s = fs[i], word = wordAt(s, ms);
    var target = sentenceAtChar(ts, s.source_start);
    if (target < 0) { return t; }
    var u = ts[target];
    if (ms >= s.end_ms) { // in the pause after it
      var next = ts[target + 1] ? ts[target + 1].start_ms : u.end_ms;
      var f0 = (ms - s.end_ms) / Math.max(1, (fs[i + 1] ? fs[i + 1].start_ms : s.end_ms) - s.end_ms);
      return (u.end_ms + Math.min(1, f0) * (next - u.end_ms)) / 1000;
    }
    if (word && u.words && u.words.length) {
      var f = (ms - word[0]) / Math.max(1, word[1] - word[0]);
      for (var k = 0; k < u.words.length; k++) {
        if (u.words[k][2] === word[2]) {
          var w = u.words[k];
          return (w[0] + Math.min(1, Math.max(0, f)) * (w[1] - w[0])) / 1000;
        }
      }
    }
    var g = (ms - s.start_ms) / Math.max(1, s.end_ms - s.start_ms);
    return (u.start_ms + g * (u.end_ms - u.start_ms)) / 1000;
  }

  // The same words in the same places: the transcript (and the focus in it) can stay.
  function sameText(a, b) {
    return a.text === b.text && a.sentences.length === b.sentences.length &&
      a.sentences.every(function (s, i) {
        var t = b.sentences[i];
        return s.source_start === t.source_start && (s.words || []).length === (t.words || []).length &&
          (s.words || []).every(function (w, k) { return w[2] === t.words[k][2]; });
      });
  }

  function locate(sentences, ms) {
    var found = -1;
    for (var i = 0; i < sentences.length && sentences[i].start_ms <= ms; i++) { found = i; }
    return found;
  }

  function wordAt(s, ms) {
    var found = null;
    (s.words || []).forEach(function (w) { if (w[0] <= ms) { found = w; } });
    return found;
  }

  function sentenceAtChar(sentences, c) {
    for (var i = 0; i < sentences.length; i++) {
      var s = sentences[i];
      if (s.source_start === c || (s.source_start < c && c < s.source_end)) { return i; }
    }
    return -1;
  }

  W.renderTranscript = function (t) {
    var self = this, box = el(this.root, ".transcript");
    var text = t.text || t.sentences.map(function (s) { return s.text; }).join(" ");
    box.textContent = "";
    this.sentenceEls = [];
    this.current = { s: -1, w: null };
    var p = document.createElement("p"), pos = 0;
    box.appendChild(p);
    function gap(upto) {
      var chunk = text.slice(pos, upto), parts = chunk.split("\n\n");
      p.appendChild(document.createTextNode(parts[0]));
      for (var k = 1; k < parts.length; k++) {
        p = document.createElement("p");
        box.appendChild(p);
        p.appendChild(document.createTextNode(parts[k]));
      }
      pos = upto;
    }
    t.sentences.forEach(function (s, i) {
      var start = t.text ? s.source_start : pos, end = t.text ? s.source_end : pos + s.text.length;
      if (start < pos) { return; }
      gap(start);
      var span = document.createElement("span");
      span.className = "s";
      span.tabIndex = 0;
      span.setAttribute("role", "button");
      span.setAttribute("aria-label", "Play from: " + text.slice(start, end));
      (s.words || []).forEach(function (w) {
        if (w[2] < pos || w[3] > end) { return; }
        span.appendChild(document.createTextNode(text.slice(pos, w[2])));
        var word = document.createElement("span");
        word.className = "wd";
        word.textContent = text.slice(w[2], w[3]);
        word.addEventListener("click", function (e) { e.stopPropagation(); self.playFrom(w[0]); });
        span.appendChild(word);
        pos = w[3];
      });
      span.appendChild(document.createTextNode(text.slice(pos, end)));
      pos = end;
      span.addEventListener("click", function () { self.playFrom(s.start_ms); });
      span.addEventListener("keydown", function (e) {
        if (e.key === "Enter") { e.preventDefault(); self.playFrom(s.start_ms); }
      });
      p.appendChild(span);
      self.sentenceEls.push(span);
    });
    gap(text.length);
    this.tick();
  };

  W.playFrom = function (ms) {
    this.audio.currentTime = ms / 1000;
    this.play();
  };

  // Highlighting and times, every frame while playing (timeupdate alone is ~4 Hz).
  W.tick = function () {
    var a = this.audio, rate = a.playbackRate || 1, d = a.duration;
    var seek = el(this.root, ".seek");
    el(this.root, ".elapsed").textContent = clock(a.currentTime / rate);
    if (isFinite(d)) {
      el(this.root, ".remaining").textContent = "\u2212" + clock((d - a.currentTime) / rate);
      seek.max = String(Math.floor(d));
      seek.disabled = false;
      if (!this.dragging) { seek.value = String(Math.floor(a.currentTime)); }
      seek.setAttribute("aria-valuetext", clock(a.currentTime) + " of " + clock(d));
    } else {
      seek.disabled = true;
    }
    this.highlight(a.currentTime * 1000);
  };

  W.highlight = function (ms) {
    var t = this.timings, cur = this.current;
    if (!t || !this.sentenceEls || !cur) { return; }
    var i = locate(t.sentences, ms), s = t.sentences[i];
    var w = s && ms < s.end_ms + 150 ? wordAt(s, ms) : null;
    var wordIndex = w ? s.words.indexOf(w) : -1;
    if (i !== cur.s) {
      if (cur.s >= 0 && this.sentenceEls[cur.s]) { this.sentenceEls[cur.s].removeAttribute("aria-current"); }
      if (i >= 0 && this.sentenceEls[i]) {
        this.sentenceEls[i].setAttribute("aria-current", "true");
        this.keepInView(this.sentenceEls[i]);
      }
    }
    if (i !== cur.s || wordIndex !== cur.w) {
      var old = this.root.querySelector(".wd.on");
      if (old) { old.classList.remove("on"); }
      var span = this.sentenceEls[i];
      var words = span ? span.querySelectorAll(".wd") : [];
      if (wordIndex >= 0 && words[wordIndex]) { words[wordIndex].classList.add("on"); }
    }
    this.current = { s: i, w: wordIndex };
  };

  // Scroll the transcript box only: never the page around the widget.
  W.keepInView = function (node) {
    var box = el(this.root, ".transcript");
    if (box.hidden) { return; }
    var top = node.offsetTop - box.offsetTop;
    if (top < box.scrollTop || top + node.offsetHeight > box.scrollTop + box.clientHeight) {
      var smooth = !matchMedia("(prefers-reduced-motion: reduce)").matches;
      box.scrollTo({ top: Math.max(0, top - box.clientHeight / 3), behavior: smooth ? "smooth" : "auto" });
    }
  };

  W.toggleTranscript = function (open) {
    var box = el(this.root, ".transcript"), btn = el(this.root, ".more");
    open = open === undefined ? box.hidden : open;
    box.hidden = !open;
    el(this.root, ".w").classList.toggle("open", open);
    btn.setAttribute("aria-expanded", String(open));
    btn.textContent = open ? "Hide transcript" : "Transcript";
  };

  // Where the listener stopped in this article: a sentence, by its place in the text.
  W.remember = function () {
    var t = this.timings, a = this.audio;
    if (!t || !this.article) { return; }
    var i = locate(t.sentences, a.currentTime * 1000);
    if (i < 0) { return; }
    var s = t.sentences[i];
    var done = a.ended || i === t.sentences.length - 1 && a.currentTime * 1000 > s.end_ms;
    save("at." + this.article.id, done ? null : { c: s.source_start, t: Date.now() });
  };

  W.offerResume = function () {
    var self = this, at = load("at." + this.article.id), t = this.timings;
    var btn = el(this.root, ".resume");
    if (!at || this.audio.currentTime > 0) { return; }
    var i = sentenceAtChar(t.sentences, at.c);
    if (i <= 0) { return; }
    var s = t.sentences[i], words = s.text.split(/\s+/).slice(0, 6).join(" ");
    btn.textContent = "Resume from \u201C" + words + "\u2026\u201D (" + clock(s.start_ms / 1000) + ")";
    btn.hidden = false;
    el(this.root, ".status").hidden = true;
    btn.onclick = function () {
      btn.hidden = true;
      el(self.root, ".status").hidden = false;
      self.playFrom(self.timings.sentences[sentenceAtChar(self.timings.sentences, at.c)].start_ms);
    };
  };

  W.bind = function () {
    var self = this, root = this.root, seek = el(root, ".seek"), last = 0;
    el(root, ".play").addEventListener("click", function () { self.toggle(); });
    el(root, ".back").addEventListener("click", function () { self.seekBy(-15); });
    el(root, ".fwd").addEventListener("click", function () { self.seekBy(15); });
    el(root, ".more").addEventListener("click", function () { self.toggleTranscript(); });
    el(root, ".speed").addEventListener("change", function (e) { self.setSpeed(Number(e.target.value)); });
    el(root, ".voice").addEventListener("change", function (e) { self.setVoice(e.target.value); });
    seek.addEventListener("input", function () {
      self.dragging = true;
      self.audio.currentTime = Number(seek.value);
    });
    seek.addEventListener("change", function () {
      self.dragging = false;
      self.audio.currentTime = Number(seek.value);
    });
    [this.audio, this.spare].forEach(function (a) {
      function mine(fn) { return function () { if (a === self.audio) { fn(); } }; }
      a.addEventListener("play", mine(function () { self.playing(true); }));
      a.addEventListener("pause", mine(function () { self.playing(false); self.remember(); }));
      a.addEventListener("ended", mine(function () { self.remember(); }));
      a.addEventListener("seeked", mine(function () { self.tick(); self.remember(); }));
      a.addEventListener("loadedmetadata", mine(function () { self.tick(); }));
      a.addEventListener("timeupdate", mine(function () {
        if (Date.now() - last > 2000) { last = Date.now(); self.remember(); }
      }));
    });
    root.querySelector("section").addEventListener("keydown", function (e) { self.key(e); });
    // A tab closed (or reloaded) right after a pause or a jump may go before the media events
    // are handled: the place is written down as the page goes away, too (once listened to:
    // a page left unplayed keeps the place it offered to resume from).
    function leaving() { if (self.audio.currentTime > 0) { self.remember(); } }
    window.addEventListener("pagehide", leaving);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") { leaving(); }
    });
  };

  W.playing = function (on) {
    var self = this, btn = el(this.root, ".play");
    btn.setAttribute("aria-label", on ? "Pause" : "Play");
    btn.firstChild.textContent = on ? "\u275A\u275A" : "\u25B6";
    if (on && !this.frame) {
      var loop = function () {
        self.tick();
        self.frame = self.audio.paused ? 0 : requestAnimationFrame(loop);
      };
      this.frame = requestAnimationFrame(loop);
    }
  };

  W.key = function (e) {
    var tag = e.target.tagName, k = e.key;
    if (e.ctrlKey || e.metaKey || e.altKey) { return; }
    // Space is the control's own key on these; elsewhere (a sentence, the slider) it plays.
    var own = tag === "SELECT" || tag === "A" || tag === "BUTTON";
    if (k === "k" || k === "K" || (k === " " && !own)) { e.preventDefault(); this.toggle(); }
    else if ((k === "ArrowLeft" || k === "ArrowRight") && tag !== "INPUT" && tag !== "SELECT") {
      e.preventDefault();
      this.seekBy(k === "ArrowLeft" ? -5 : 5);
    } else if (k === "<" || k === ">") {
      var i = SPEEDS.indexOf(this.speed) + (k === ">" ? 1 : -1);
      if (i >= 0 && i < SPEEDS.length) { e.preventDefault(); this.setSpeed(SPEEDS[i]); }
    }
  };

  function mountAll() {
    var scripts = document.querySelectorAll("script[data-narration],script[data-article]");
    Array.prototype.forEach.call(scripts, function (s) {
      if (!/\/widget\.js([?#].*)?$/.test(s.src) || s.hasAttribute("data-mounted")) { return; }
      s.setAttribute("data-mounted", "");
      s.widget = new Widget(s);
    });
  }
  mountAll();
})();
