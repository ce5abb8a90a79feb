/* Web chat client: no framework, no third-party requests, no cookies, no browser storage.
   The conversation lives only in this page's memory and is sent to Rasa's REST channel: browsers
   bring sessionStorage back with "reopen closed tab" and session restore, so on a shared computer
   the next person could read and continue the chat. Leaving the page (pagehide) wipes it.
   REST + fetch instead of socket.io: no client library to ship (page stays tiny), plain HTTP
   works through shelter/library proxies, and the reply comes back in the same request. */
(function () {
  "use strict";

  var WEBHOOK = "/webhooks/rest/webhook";
  var STORE_KEY = "kyr-chat";
  var REQUEST_TIMEOUT_MS = 60000;
  var RETRY_DELAY_MS = 1500;
  var ESC_WINDOW_MS = 1500;

  var config = JSON.parse(document.getElementById("kyr-config").textContent);
  var els = {
    log: document.getElementById("kyr-log"),
    quick: document.getElementById("kyr-quick"),
    form: document.getElementById("kyr-form"),
    input: document.getElementById("kyr-input"),
    send: document.getElementById("kyr-send"),
    status: document.getElementById("kyr-status"),
    exit: document.getElementById("kyr-exit"),
    del: document.getElementById("kyr-delete")
  };
  var busy = false;
  var lastEsc = 0;

  // ---- state (memory only) -------------------------------------------------------------------
  // The conversation id comes with the page: issued and signed by the server, never made up here.
  var state = { sender: config.sender, lang: config.lang, transcript: [], quick: [] };
  function str(key) { return (config.strings[state.lang] || config.strings.en)[key] || ""; }

  // ---- language -----------------------------------------------------------------------------
  function applyLanguage(lang) {
    state.lang = config.strings[lang] ? lang : "en";
    document.documentElement.lang = state.lang;
    Array.prototype.forEach.call(document.querySelectorAll("[data-i18n]"), function (el) { el.textContent = str(el.getAttribute("data-i18n")); });
    Array.prototype.forEach.call(document.querySelectorAll("[data-i18n-aria-label]"), function (el) { el.setAttribute("aria-label", str(el.getAttribute("data-i18n-aria-label"))); });
    Array.prototype.forEach.call(document.querySelectorAll("[data-i18n-placeholder]"), function (el) { el.setAttribute("placeholder", str(el.getAttribute("data-i18n-placeholder"))); });
    Array.prototype.forEach.call(document.querySelectorAll(".lang"), function (b) { b.setAttribute("aria-pressed", String(b.getAttribute("data-lang") === state.lang)); });
  }

  // ---- rendering (DOM nodes + textContent only: bot text is never parsed as HTML) -----------
  var URL_RE = /https?:\/\/[^\s<>"]+/g;
  // Help lines in the bot's text ("911", "988", "1-800-422-4453") become tap-to-call links: a child on a phone
  // should not have to copy a number (session 40's browser test).
  var PHONE_RE = /\b(?:1-)?\d{3}-\d{3}-\d{4}\b|\b(?:911|988)\b/g;
  function appendPhones(parent, text, phones) {
    var last = 0, m;
    PHONE_RE.lastIndex = 0;
    while (phones && (m = PHONE_RE.exec(text)) !== null) {
      parent.appendChild(document.createTextNode(text.slice(last, m.index)));
      var a = document.createElement("a");
      a.href = "tel:" + m[0].replace(/-/g, ""); a.textContent = m[0];
      parent.appendChild(a);
      last = m.index + m[0].length;
    }
    parent.appendChild(document.createTextNode(text.slice(last)));
  }
  function appendLinkified(parent, text, phones) {
    var last = 0, m;
    URL_RE.lastIndex = 0;
    while ((m = URL_RE.exec(text)) !== null) {
      var url = m[0].replace(/[.,;:!?)\]]+$/, ""); // trailing punctuation belongs to the sentence
      appendPhones(parent, text.slice(last, m.index), phones);
      var a = document.createElement("a");
      a.href = url; a.textContent = url; a.target = "_blank"; a.rel = "noopener noreferrer";
      var hint = document.createElement("span");
      hint.className = "visually-hidden"; hint.textContent = " " + str("new_tab");
      a.appendChild(hint);
      parent.appendChild(a);
      last = m.index + url.length;
      URL_RE.lastIndex = last;
    }
    appendPhones(parent, text.slice(last), phones);
  }
  function renderMessage(entry) {
    var div = document.createElement("div");
    div.className = "msg " + entry.who;
    var who = document.createElement("span");
    who.className = "visually-hidden";
    who.textContent = entry.who === "notice" ? "" : (entry.who === "user" ? str("you") : str("bot")) + ": ";
    div.appendChild(who);
    String(entry.text).split(/\n\s*\n/).forEach(function (para) {
      if (!para.trim()) { return; }
      var p = document.createElement("p");
      appendLinkified(p, para.trim(), entry.who === "bot");
      div.appendChild(p);
    });
    els.log.appendChild(div);
    return div;
  }
  function addMessage(who, text, persist) {
    var entry = { who: who, text: text };
    if (persist !== false) { state.transcript.push(entry); }
    var div = renderMessage(entry);
    showMessage(div);
  }
  // The sticky header (title, language buttons) and composer cover the page's top and bottom: on a phone the
  // first lines of a long answer, the crisis answer too, were scrolled under the header (session 40's browser
  // test). Scroll padding keeps them clear; an answer taller than the space left is shown from its first line.
  function fitScrollPadding() {
    var top = document.querySelector(".top"), root = document.documentElement;
    root.style.scrollPaddingTop = (top ? top.offsetHeight : 0) + "px";
    root.style.scrollPaddingBottom = els.form.offsetHeight + "px";
  }
  function showMessage(div) {
    fitScrollPadding();
    var root = document.documentElement;
    var room = window.innerHeight - parseFloat(root.style.scrollPaddingTop) - parseFloat(root.style.scrollPaddingBottom);
    div.scrollIntoView({ block: div.offsetHeight > room ? "start" : "nearest" });
  }
  function renderQuick() {
    els.quick.textContent = "";
    (state.quick || []).forEach(function (btn) {
      var b = document.createElement("button");
      b.type = "button"; b.textContent = btn.title;
      b.addEventListener("click", function () { send(btn.payload, btn.title); });
      els.quick.appendChild(b);
    });
    els.quick.hidden = !(state.quick && state.quick.length);
  }
  function setBusy(on, statusText) {
    busy = on;
    els.input.disabled = on; els.send.disabled = on; els.del.disabled = on;
    Array.prototype.forEach.call(els.quick.querySelectorAll("button"), function (b) { b.disabled = on; });
    els.form.setAttribute("aria-busy", String(on));
    els.status.textContent = statusText || "";
  }

  // ---- talking to Rasa ----------------------------------------------------------------------
  function metadata(extra) {
    var md = { lang: state.lang, topic: config.topic || null, org: config.org || null };
    for (var k in (extra || {})) { md[k] = extra[k]; }
    return md;
  }
  function post(message, extra) {
    var ctrl = window.AbortController ? new AbortController() : null;
    var timer = ctrl ? setTimeout(function () { ctrl.abort(); }, REQUEST_TIMEOUT_MS) : null;
    return fetch(WEBHOOK, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      credentials: "omit",
      cache: "no-store",
      referrerPolicy: "no-referrer",
      signal: ctrl ? ctrl.signal : undefined,
      body: JSON.stringify({ sender: state.sender, message: message, metadata: metadata(extra) })
    }).then(function (res) {
      if (timer) { clearTimeout(timer); }
      if (!res.ok) { var err = new Error("http " + res.status); err.server = true; err.status = res.status; throw err; }
      return res.json();
    }, function (e) { if (timer) { clearTimeout(timer); } throw e; });
  }
  function sleep(ms) { return new Promise(function (r) { setTimeout(r, ms); }); }
  function postWithRetry(message, extra) {
    return post(message, extra).catch(function (e) {
      // Retry once only when the request never reached the server (network error, not HTTP error or timeout).
      if (e && (e.server || e.name === "AbortError")) { throw e; }
      setBusy(true, str("retrying"));
      return sleep(RETRY_DELAY_MS).then(function () { return post(message, extra); });
    });
  }
  function showReplies(replies) {
    var quick = [];
    (Array.isArray(replies) ? replies : []).forEach(function (r) {
      if (r && typeof r.text === "string" && r.text) { addMessage("bot", r.text); }
      if (r && Array.isArray(r.buttons)) {
        r.buttons.forEach(function (b) { if (b && b.title && b.payload) { quick.push({ title: String(b.title), payload: String(b.payload) }); } });
      }
    });
    state.quick = quick;
    renderQuick();
  }
  // send(message, shown): `shown` is what the user sees as their message (null: nothing shown).
  function send(message, shown, extra) {
    if (busy || !message) { return Promise.resolve(null); }
    var focusWasInQuick = els.quick.contains(document.activeElement);
    // Controls that get disabled while sending lose focus; remember so it can be given back.
    var focusWasInForm = els.form.contains(document.activeElement) || els.del === document.activeElement;
    if (shown) { addMessage("user", shown); }
    state.quick = []; renderQuick();
    setBusy(true, str("sending"));
    return postWithRetry(message, extra).then(function (replies) {
      setBusy(false, str("sent"));
      showReplies(replies);
      return replies;
    }).catch(function (e) {
      setBusy(false, "");
      var notice = e && e.status === 429 ? "error_rate_limited" : (e && e.server ? "error_server" : "error_network");
      addMessage("notice", str(notice), false);
      if (shown && !message.startsWith("/")) { els.input.value = message; } // let the user resend it
      return null;
    }).then(function (r) {
      // A disabled button loses focus; bring it back to a useful place, never steal it otherwise.
      if (focusWasInQuick && els.quick.querySelector("button")) { els.quick.querySelector("button").focus(); }
      else if (focusWasInQuick || focusWasInForm) { els.input.focus(); }
      return r;
    });
  }
  function withLanguage(intent, lang) { return intent + JSON.stringify({ language: lang }); }

  // ---- quick exit and delete ----------------------------------------------------------------
  function quickExit() {
    try {
      if (state.transcript.length) {
        var body = JSON.stringify({ sender: state.sender, message: "/delete_my_data", metadata: metadata({ quick_exit: true }) });
        // text/plain keeps sendBeacon within CORS-safelisted types; Rasa parses the JSON body anyway.
        var sent = navigator.sendBeacon && navigator.sendBeacon(WEBHOOK, new Blob([body], { type: "text/plain;charset=UTF-8" }));
        if (!sent) { fetch(WEBHOOK, { method: "POST", keepalive: true, credentials: "omit", headers: { "Content-Type": "application/json" }, body: body }).catch(function () {}); }
      }
    } catch (e) { /* leaving matters more than deleting */ }
    document.title = "";
    els.log.textContent = "";
    window.location.replace(config.exitUrl); // replace: Back does not return here
  }
  function deleteChat() {
    if (busy) { return; }
    send("/delete_my_data", null).then(function (replies) {
      if (replies === null) { return; }
      // Keep only the bot's reply (confirmation, or its question if it asks first).
      els.log.textContent = "";
      state.transcript = [];
      addMessage("notice", str("deleted"), false);
      (replies || []).forEach(function (r) { if (r && r.text) { addMessage("bot", r.text); } });
      els.input.focus();
    });
  }

  // ---- wiring -------------------------------------------------------------------------------
  els.form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var text = els.input.value.trim();
    if (!text || busy) { return; }
    els.input.value = "";
    send(text, text);
  });
  els.exit.addEventListener("click", quickExit);
  els.del.addEventListener("click", deleteChat);
  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "Escape" && ev.key !== "Esc") { return; }
    var now = Date.now();
    if (now - lastEsc <= ESC_WINDOW_MS) { quickExit(); }
    lastEsc = now;
  });
  Array.prototype.forEach.call(document.querySelectorAll(".lang"), function (b) {
    b.addEventListener("click", function () {
      var lang = b.getAttribute("data-lang");
      if (busy || lang === state.lang) { return; }
      applyLanguage(lang);
      send(withLanguage("/choose_language", lang), b.textContent);
    });
  });

  // Leaving the page (navigation, closing the tab) wipes what is on screen and in memory, so the
  // back/forward cache cannot show the chat again; a page shown from that cache starts over.
  window.addEventListener("pagehide", function () {
    els.log.textContent = "";
    els.quick.textContent = "";
    state = { sender: null, lang: state.lang, transcript: [], quick: [] };
  });
  window.addEventListener("pageshow", function (ev) { if (ev.persisted) { window.location.reload(); } });

  applyLanguage(state.lang || config.lang);
  if (config.topic) {
    send("/" + config.topic + (config.langFromLink ? JSON.stringify({ language: state.lang }) : ""), config.topicTitle || config.topic);
  } else {
    send(config.langFromLink ? withLanguage("/greet", state.lang) : "/greet", null);
  }
})();
