/*
 * Kotobot chat widget. A page embeds it with one script tag:
 *
 *   <script src="https://widget.example/kotobot-widget.js"
 *           data-server="https://bot.example" data-language="fi" defer></script>
 *
 * data-server: the Rasa server (its socket.io channel); data-language: the first language
 * (fi, sv, en, ar, ru, uk). The script loads its style sheet and the socket.io client from
 * where it was itself loaded. The server issues the session id (signed, so nobody can take
 * another's conversation); it and the last 100 messages are kept in localStorage, so a reload
 * continues the same conversation. Bot text is rendered with DOM
 * nodes and textContent only: nothing the server sends is ever parsed as HTML. The widget is
 * right to left in Arabic, and every bubble and button has its own dir (bidi isolation).
 *
 * The panel follows the conversation's language: the server sends every bot message with the
 * language the conversation is in (bot/channels/socketio/output.py), and the panel's texts, `lang`
 * and `dir` switch to it. Each bot message has a listen button that plays it through
 * POST /speech on the server the script came from, when GET /speech says speech is available.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || window.KotobotWidget) {
    return;
  }

  var LANGUAGES = [
    { code: "fi", name: "Suomi" },
    { code: "sv", name: "Svenska" },
    { code: "en", name: "English" },
    { code: "ar", name: "العربية" },
    { code: "ru", name: "Русский" },
    { code: "uk", name: "Українська" }
  ];
  var RTL = { ar: true };
  var HISTORY_LIMIT = 100;
  var SESSION_RETRY_MS = 5000;
  var SESSION_REFUSED_RETRY_MS = 60000;
  var TYPING_TIMEOUT_MS = 30000;

  // The widget's own texts, in the six languages (the bot's texts come from the server).
  var TEXTS = {
    fi: {
      title: "Kysy Kotobotilta",
      intro: "Hei! Autan sinua löytämään kotoutumispalvelut Kauniaisissa. Kirjoita kysymyksesi – voit käyttää suomea, ruotsia, englantia, arabiaa, venäjää tai ukrainaa.",
      placeholder: "Kirjoita viesti…",
      message: "Viestisi",
      send: "Lähetä",
      language: "Kieli",
      log: "Keskustelu",
      close: "Sulje keskustelu",
      connecting: "Yhdistetään…",
      reconnecting: "Yhteys katkesi – yhdistetään uudelleen…",
      forget: "Unohda minut",
      forgotten: "Keskustelu poistettiin tästä selaimesta.",
      forgottenEverywhere: "Keskustelu poistettiin tästä selaimesta ja palvelimelta.",
      replies: "Vastausvaihtoehdot",
      you: "Sinä",
      listen: "Kuuntele",
      stop: "Pysäytä",
      speechFailed: "Ääntä ei voitu toistaa.",
      bot: "Kotobot"
    },
    sv: {
      title: "Fråga Kotobot",
      intro: "Hej! Jag hjälper dig att hitta integrationstjänsterna i Grankulla. Skriv din fråga – du kan använda finska, svenska, engelska, arabiska, ryska eller ukrainska.",
      placeholder: "Skriv ett meddelande…",
      message: "Ditt meddelande",
      send: "Skicka",
      language: "Språk",
      log: "Samtal",
      close: "Stäng samtalet",
      connecting: "Ansluter…",
      reconnecting: "Anslutningen bröts – ansluter igen…",
      forget: "Glöm mig",
      forgotten: "Samtalet har raderats från den här webbläsaren.",
      forgottenEverywhere: "Samtalet har raderats från den här webbläsaren och från servern.",
      replies: "Svarsalternativ",
      you: "Du",
      listen: "Lyssna",
      stop: "Stoppa",
      speechFailed: "Ljudet kunde inte spelas upp.",
      bot: "Kotobot"
    },
    en: {
      title: "Ask Kotobot",
      intro: "Hello! I help you find integration services in Kauniainen. Type your question – you can write in Finnish, Swedish, English, Arabic, Russian or Ukrainian.",
      placeholder: "Type a message…",
      message: "Your message",
      send: "Send",
      language: "Language",
      log: "Conversation",
      close: "Close the chat",
      connecting: "Connecting…",
      reconnecting: "Connection lost – reconnecting…",
      forget: "Forget me",
      forgotten: "The conversation was deleted from this browser.",
      forgottenEverywhere: "The conversation was deleted from this browser and from the server.",
      replies: "Suggested replies",
      you: "You",
      listen: "Listen",
      stop: "Stop",
      speechFailed: "The audio could not be played.",
      bot: "Kotobot"
    },
    ar: {
      title: "اسأل Kotobot",
      intro: "مرحبًا! أساعدك في العثور على خدمات الاندماج في كاونياينن. اكتب سؤالك، ويمكنك الكتابة بالفنلندية أو السويدية أو الإنجليزية أو العربية أو الروسية أو الأوكرانية.",
      placeholder: "اكتب رسالتك…",
      message: "رسالتك",
      send: "إرسال",
      language: "اللغة",
      log: "المحادثة",
      close: "إغلاق المحادثة",
      connecting: "جارٍ الاتصال…",
      reconnecting: "انقطع الاتصال، جارٍ إعادة الاتصال…",
      forget: "احذف بياناتي",
      forgotten: "حُذفت المحادثة من هذا المتصفح.",
      forgottenEverywhere: "حُذفت المحادثة من هذا المتصفح ومن الخادم.",
      replies: "ردود مقترحة",
      you: "أنت",
      listen: "استمع",
      stop: "إيقاف",
      speechFailed: "تعذّر تشغيل الصوت.",
      bot: "Kotobot"
    },
    ru: {
      title: "Спросите Kotobot",
      intro: "Здравствуйте! Я помогу найти услуги по интеграции в Кауниайнене. Напишите свой вопрос — можно на финском, шведском, английском, арабском, русском или украинском.",
      placeholder: "Введите сообщение…",
      message: "Ваше сообщение",
      send: "Отправить",
      language: "Язык",
      log: "Переписка",
      close: "Закрыть чат",
      connecting: "Подключение…",
      reconnecting: "Связь прервалась — подключаемся снова…",
      forget: "Забыть меня",
      forgotten: "Переписка удалена из этого браузера.",
      forgottenEverywhere: "Переписка удалена из этого браузера и с сервера.",
      replies: "Варианты ответа",
      you: "Вы",
      listen: "Прослушать",
      stop: "Остановить",
      speechFailed: "Не удалось воспроизвести звук.",
      bot: "Kotobot"
    },
    uk: {
      title: "Запитайте Kotobot",
      intro: "Вітаю! Я допоможу знайти послуги з інтеграції в Кауніайнені. Напишіть своє запитання — можна фінською, шведською, англійською, арабською, російською чи українською.",
      placeholder: "Напишіть повідомлення…",
      message: "Ваше повідомлення",
      send: "Надіслати",
      language: "Мова",
      log: "Розмова",
      close: "Закрити чат",
      connecting: "Підключення…",
      reconnecting: "Зв’язок перервано — підключаємося знову…",
      forget: "Забути мене",
      forgotten: "Розмову видалено з цього браузера.",
      forgottenEverywhere: "Розмову видалено з цього браузера та із сервера.",
      replies: "Варіанти відповіді",
      you: "Ви",
      listen: "Прослухати",
      stop: "Зупинити",
      speechFailed: "Не вдалося відтворити звук.",
      bot: "Kotobot"
    }
  };

  var KEYS = {
    session: "kotobot.session",
    history: "kotobot.history",
    language: "kotobot.language",
    open: "kotobot.open",
    forget: "kotobot.forget"
  };

  // ----- storage: localStorage, or memory where the browser refuses it -----------------------

  var memory = {};
  var storage = {
    get: function (key) {
      try {
        return window.localStorage.getItem(key);
      } catch (error) {
        return Object.prototype.hasOwnProperty.call(memory, key) ? memory[key] : null;
      }
    },
    set: function (key, value) {
      memory[key] = value;
      try {
        window.localStorage.setItem(key, value);
      } catch (error) {
        /* private mode or full: memory keeps it for this page */
      }
    },
    remove: function (key) {
      delete memory[key];
      try {
        window.localStorage.removeItem(key);
      } catch (error) {
        /* nothing stored */
      }
    }
  };

  function isLanguage(code) {
    return Object.prototype.hasOwnProperty.call(TEXTS, code);
  }

  function pageLanguage() {
    var candidates = [script.getAttribute("data-language"), document.documentElement.lang];
    for (var i = 0; i < candidates.length; i++) {
      var code = (candidates[i] || "").toLowerCase().split("-")[0];
      if (isLanguage(code)) {
        return code;
      }
    }
    return "fi";
  }

  function loadHistory() {
    try {
      var stored = JSON.parse(storage.get(KEYS.history) || "[]");
      return Array.isArray(stored) ? stored.filter(isEntry).slice(-HISTORY_LIMIT) : [];
    } catch (error) {
      return [];
    }
  }

  // Sessions whose deletion on the server is still to be asked for (the server was away).
  function loadForgets() {
    try {
      var stored = JSON.parse(storage.get(KEYS.forget) || "[]");
      return Array.isArray(stored)
        ? stored.filter(function (id) {
            return typeof id === "string" && id;
          })
        : [];
    } catch (error) {
      return [];
    }
  }

  function isEntry(entry) {
    return (
      entry !== null &&
      typeof entry === "object" &&
      (entry.from === "bot" || entry.from === "user") &&
      typeof entry.text === "string"
    );
  }

  // ----- state -------------------------------------------------------------------------------

  var base = new URL(".", script.src).href;
  var speechUrl = base + "speech"; // the widget server's POST /speech (bot/widget/speech_api.py)
  var speechOn = false; // until GET /speech says the server can speak
  var speaking = null; // the listen button whose message is playing
  var speechCache = {}; // language + text -> object URL of the audio already fetched
  var messageCount = 0;
  // io("https://x/bot") would take /bot for a socket.io namespace: a path in data-server is
  // where a proxy serves Rasa, so it becomes the prefix of the socket.io path instead.
  var serverUrl = new URL(
    script.getAttribute("data-server") || window.location.origin,
    window.location.href
  );
  var server = serverUrl.origin;
  var socketPath =
    script.getAttribute("data-socket-path") ||
    serverUrl.pathname.replace(/\/+$/, "") + "/socket.io";
  var storedLanguage = storage.get(KEYS.language);
  var language = isLanguage(storedLanguage) ? storedLanguage : pageLanguage();
  // The server's signed session id; "" until it has issued one.
  var sessionId = storage.get(KEYS.session) || "";
  var history = loadHistory();
  var forgets = loadForgets();
  var dropped = {}; // sessions forgotten on this page: a late confirmation must not revive one
  var socket = null;
  var confirmed = false;
  var everConnected = false;
  var pending = [];
  var sessionTimer = null;
  var typingTimer = null;
  var ui = {};

  // ----- DOM helpers -------------------------------------------------------------------------

  function el(tag, className, attributes) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    return node;
  }

  function t(key) {
    return (TEXTS[language] || TEXTS.fi)[key];
  }

  // Links: http(s) addresses, www. addresses and e-mail addresses. Trailing punctuation is
  // left out of the link ("see https://x.fi." links https://x.fi).
  var LINK = /(https?:\/\/[^\s<>"]+|www\.[^\s<>"]+\.[^\s<>"]+|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})/g;
  var TRAILING = /[.,;:!?)\]}'"»”’]+$/;

  function linkFor(raw) {
    if (raw.indexOf("@") !== -1 && !/^https?:/i.test(raw) && !/^www\./i.test(raw)) {
      return "mailto:" + raw;
    }
    try {
      var url = new URL(/^www\./i.test(raw) ? "https://" + raw : raw);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (error) {
      return null;
    }
  }

  function appendInline(parent, line) {
    var last = 0;
    LINK.lastIndex = 0;
    var match;
    while ((match = LINK.exec(line)) !== null) {
      var raw = match[0];
      var trailing = raw.match(TRAILING);
      if (trailing) {
        raw = raw.slice(0, raw.length - trailing[0].length);
      }
      var href = raw ? linkFor(raw) : null;
      if (!href) {
        continue;
      }
      parent.appendChild(document.createTextNode(line.slice(last, match.index)));
      var link = el("a", "", { href: href, dir: "ltr", rel: "noopener noreferrer" });
      if (href.indexOf("mailto:") !== 0) {
        link.target = "_blank";
      }
      link.textContent = raw;
      parent.appendChild(link);
      last = match.index + raw.length;
      LINK.lastIndex = last;
    }
    parent.appendChild(document.createTextNode(line.slice(last)));
  }

  // Paragraphs keep their line breaks; lines that start with "• " become a list.
  function renderText(container, text) {
    var paragraph = null;
    var list = null;
    text.split(/\r?\n/).forEach(function (line) {
      var bullet = line.match(/^\s*•\s?(.*)$/);
      if (bullet) {
        paragraph = null;
        if (!list) {
          list = container.appendChild(el("ul"));
        }
        appendInline(list.appendChild(el("li")), bullet[1]);
      } else if (line.trim() === "") {
        paragraph = null;
        list = null;
      } else {
        list = null;
        if (paragraph) {
          paragraph.appendChild(el("br"));
        } else {
          paragraph = container.appendChild(el("p"));
        }
        appendInline(paragraph, line);
      }
    });
  }

  // Direction of a text by the majority of its strong letters, links left out. The HTML
  // `dir="auto"` looks only at the first letter, so "Perhesoppa (ملتقى للعائلات)" would be laid
  // out left to right; any explicit dir isolates the element just as `auto` does.
  var RTL_LETTER = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/g;
  var LTR_LETTER = /[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u052f]/g;

  function directionOf(text) {
    var plain = text.replace(LINK, " ");
    LINK.lastIndex = 0;
    var rtl = (plain.match(RTL_LETTER) || []).length;
    var ltr = (plain.match(LTR_LETTER) || []).length;
    if (!rtl && !ltr) {
      return "auto";
    }
    return rtl >= ltr ? "rtl" : "ltr";
  }

  function scrollToEnd() {
    ui.log.scrollTop = ui.log.scrollHeight;
  }

  // ----- messages ----------------------------------------------------------------------------

  function renderEntry(entry) {
    var row = el("div", "kotobot__row kotobot__row--" + entry.from);
    var who = el("span", "kotobot__sr kotobot__who");
    who.textContent = (entry.from === "user" ? t("you") : t("bot")) + ": ";
    row.appendChild(who);
    var bubble = el("div", "kotobot__msg kotobot__msg--" + entry.from, {
      dir: directionOf(entry.text),
      id: "kotobot-msg-" + ++messageCount
    });
    if (entry.from === "user") {
      bubble.textContent = entry.text;
    } else {
      if (isLanguage(entry.language)) {
        bubble.setAttribute("lang", entry.language);
      }
      renderText(bubble, entry.text);
    }
    row.appendChild(bubble);
    if (entry.from === "bot") {
      row.appendChild(listenButton(entry, bubble.id));
    }
    ui.log.insertBefore(row, ui.typing);
    return bubble;
  }

  // ----- reading aloud -----------------------------------------------------------------------

  function speakerIcon() {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("class", "kotobot__listen-icon");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("fill", "currentColor");
    path.setAttribute("d", "M3 9v6h4l5 5V4L7 9H3zm13.5 3A4.5 4.5 0 0 0 14 8v8a4.5 4.5 0 0 0 2.5-4z");
    svg.appendChild(path);
    return svg;
  }

  // A real button under each bot message; hidden until the server says it can speak.
  function listenButton(entry, messageId) {
    var button = el("button", "kotobot__listen", {
      type: "button",
      "aria-describedby": messageId,
      "data-state": "idle"
    });
    button.appendChild(speakerIcon());
    button.appendChild(el("span", "kotobot__listen-label")).textContent = t("listen");
    button.hidden = !speechOn;
    button.addEventListener("click", function () {
      listen(button, entry);
    });
    return button;
  }

  function showSpeaking(button, playing) {
    button.setAttribute("data-state", playing ? "playing" : "idle");
    button.classList.toggle("kotobot__listen--playing", playing);
    button.querySelector(".kotobot__listen-label").textContent = playing ? t("stop") : t("listen");
  }

  function stopSpeaking() {
    if (speaking) {
      showSpeaking(speaking, false);
    }
    speaking = null;
    ui.audio.pause();
  }

  function speechFor(entry) {
    var speechLanguage = isLanguage(entry.language) ? entry.language : language;
    var key = speechLanguage + "\n" + entry.text;
    if (speechCache[key]) {
      return Promise.resolve(speechCache[key]);
    }
    return fetch(speechUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text: entry.text, language: speechLanguage })
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("speech " + response.status);
        }
        return response.blob();
      })
      .then(function (blob) {
        speechCache[key] = URL.createObjectURL(blob);
        return speechCache[key];
      });
  }

  // The first press plays the message, a second press (or another message's) stops it.
  function listen(button, entry) {
    if (speaking === button) {
      stopSpeaking();
      return;
    }
    stopSpeaking();
    speaking = button;
    showSpeaking(button, true);
    speechFor(entry)
      .then(function (url) {
        if (speaking !== button) {
          return null;
        }
        if (status === "speechFailed") {
          setStatus(null);
        }
        ui.audio.src = url;
        return ui.audio.play();
      })
      .catch(function () {
        if (speaking === button) {
          stopSpeaking();
          setStatus("speechFailed");
        }
      });
  }

  function checkSpeech() {
    if (typeof window.fetch !== "function") {
      return;
    }
    fetch(speechUrl)
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (answer) {
        speechOn = Boolean(answer && answer.available === true);
        Array.prototype.forEach.call(ui.log.querySelectorAll(".kotobot__listen"), function (b) {
          b.hidden = !speechOn;
        });
      })
      .catch(function () {
        /* no speech: the listen buttons stay hidden */
      });
  }

  function renderReplies(buttons) {
    var group = el("div", "kotobot__replies", { role: "group", "aria-label": t("replies") });
    buttons.forEach(function (button) {
      var node = el("button", "kotobot__reply", { type: "button", dir: directionOf(button.title) });
      node.textContent = button.title;
      node.addEventListener("click", function () {
        send(button.payload, button.title);
        ui.input.focus();
      });
      group.appendChild(node);
    });
    ui.log.insertBefore(group, ui.typing);
  }

  function removeReplies() {
    Array.prototype.forEach.call(ui.log.querySelectorAll(".kotobot__replies"), function (node) {
      node.parentNode.removeChild(node);
    });
  }

  function remember(entry) {
    history.push(entry);
    if (history.length > HISTORY_LIMIT) {
      history = history.slice(-HISTORY_LIMIT);
    }
    storage.set(KEYS.history, JSON.stringify(history));
  }

  function normaliseButtons(raw) {
    if (!Array.isArray(raw)) {
      return [];
    }
    return raw
      .filter(function (b) {
        return b && typeof b.title === "string" && typeof b.payload === "string" && b.title;
      })
      .map(function (b) {
        return { title: b.title, payload: b.payload };
      });
  }

  function onBotMessage(message) {
    if (!message || typeof message !== "object") {
      return;
    }
    var text = typeof message.text === "string" ? message.text : "";
    var buttons = normaliseButtons(message.quick_replies || message.buttons);
    if (!text && !buttons.length) {
      return;
    }
    hideTyping();
    // The conversation's language, as the server says it (a hint from nobody else).
    var said = typeof message.language === "string" && isLanguage(message.language);
    if (said) {
      followLanguage(message.language);
    }
    var entry = { from: "bot", text: text, language: language };
    if (buttons.length) {
      entry.buttons = buttons;
    }
    remember(entry);
    if (text) {
      renderEntry(entry);
    }
    if (buttons.length) {
      renderReplies(buttons);
    }
    scrollToEnd();
  }

  // Shows `shown` as the user's bubble and sends `message` (a button's payload, or the text).
  function send(message, shown) {
    var entry = { from: "user", text: shown || message };
    if (status === "forgotten" || status === "forgottenEverywhere" || status === "speechFailed") {
      setStatus(null);
    }
    removeReplies();
    remember(entry);
    var bubble = renderEntry(entry);
    var packet = {
      message: message,
      session_id: sessionId,
      // Rasa's socket.io channel reads its `metadata_key` (default "metadata"); the widget
      // convention is "customData". Both carry the same object.
      customData: { language: language },
      metadata: { language: language }
    };
    if (socket && socket.connected && confirmed) {
      socket.emit("user_uttered", packet);
    } else {
      bubble.classList.add("kotobot__msg--pending");
      pending.push({ packet: packet, bubble: bubble });
    }
    showTyping();
    scrollToEnd();
  }

  function flushPending() {
    var queued = pending;
    pending = [];
    queued.forEach(function (item) {
      item.packet.session_id = sessionId;
      socket.emit("user_uttered", item.packet);
      item.bubble.classList.remove("kotobot__msg--pending");
    });
  }

  function showTyping() {
    ui.typing.hidden = false;
    clearTimeout(typingTimer);
    typingTimer = setTimeout(hideTyping, TYPING_TIMEOUT_MS);
  }

  function hideTyping() {
    clearTimeout(typingTimer);
    ui.typing.hidden = true;
  }

  // ----- connection --------------------------------------------------------------------------

  var status = "connecting";

  // The status line says what the user should know; data-status is the connection alone.
  function setStatus(value) {
    status = value;
    ui.status.textContent = value ? t(value) : "";
    showConnection();
  }

  function showConnection() {
    var state = confirmed ? "online" : everConnected ? "reconnecting" : "connecting";
    ui.root.setAttribute("data-status", state);
  }

  function requestSession() {
    confirmed = false;
    clearTimeout(sessionTimer);
    if (!socket || !socket.connected) {
      return;
    }
    var requested = sessionId;
    // No id yet (or one the server no longer accepts): the server issues a new one.
    socket.emit("session_request", { session_id: requested || null, language: language });
    // A lost confirmation must not leave the widget waiting for ever: ask again.
    sessionTimer = setTimeout(function () {
      if (!confirmed && requested === sessionId) {
        requestSession();
      }
    }, SESSION_RETRY_MS);
  }

  function saveForgets() {
    if (forgets.length) {
      storage.set(KEYS.forget, JSON.stringify(forgets));
    } else {
      storage.remove(KEYS.forget);
    }
  }

  // The server deletes the conversation of a session id it signed: holding it is the proof.
  function requestForgets() {
    forgets.forEach(forgetOnServer);
  }

  function forgetOnServer(id) {
    var request = { session_id: id };
    socket.timeout(SESSION_RETRY_MS).emit("forget_session", request, function (error, answer) {
      if (error) {
        return; // asked again after the next reconnect
      }
      forgets = forgets.filter(function (other) {
        return other !== id;
      });
      saveForgets();
      if (answer && answer.forgotten && status === "forgotten") {
        setStatus("forgottenEverywhere");
      }
    });
  }

  // The server confirms the id it accepted, or a new one when it did not issue the one asked
  // for (then the old conversation is gone for this browser; the history stays on screen).
  function onSessionConfirm(confirmedId) {
    var id = typeof confirmedId === "string" ? confirmedId : confirmedId && confirmedId.session_id;
    if (!id || dropped[id] || forgets.indexOf(id) !== -1) {
      return; // the answer to a request for a session forgotten since
    }
    sessionId = id;
    storage.set(KEYS.session, id);
    clearTimeout(sessionTimer);
    confirmed = true;
    everConnected = true;
    showConnection();
    if (status === "connecting" || status === "reconnecting") {
      setStatus(null); // "forgotten" stays until the next message
    }
    flushPending();
  }

  // Too many new conversations from this network: say so once, ask again much later.
  function onSessionRefused(notice) {
    clearTimeout(sessionTimer);
    var last = history[history.length - 1];
    if (notice && typeof notice.text === "string" && !(last && last.text === notice.text)) {
      onBotMessage({ text: notice.text });
    }
    hideTyping();
    sessionTimer = setTimeout(requestSession, SESSION_REFUSED_RETRY_MS);
  }

  function connect() {
    if (typeof window.io !== "function") {
      return;
    }
    socket = window.io(server, {
      path: socketPath,
      transports: ["websocket", "polling"],
      tryAllTransports: true,
      reconnection: true,
      reconnectionAttempts: Infinity,
      reconnectionDelay: 1000,
      reconnectionDelayMax: 5000,
      timeout: 10000
    });
    socket.on("connect", function () {
      requestForgets();
      requestSession();
    });
    socket.on("session_confirm", onSessionConfirm);
    socket.on("session_refused", onSessionRefused);
    socket.on("bot_uttered", onBotMessage);
    socket.on("connect_error", function () {
      confirmed = false;
      setStatus(everConnected ? "reconnecting" : "connecting");
    });
    socket.on("disconnect", function (reason) {
      confirmed = false;
      hideTyping();
      setStatus("reconnecting");
      if (reason === "io server disconnect") {
        socket.connect(); // the server closed the socket: socket.io would not retry by itself
      }
    });
  }

  function loadClient() {
    if (typeof window.io === "function") {
      connect();
      return;
    }
    var client = el("script", "", { src: base + "vendor/socket.io.min.js" });
    client.addEventListener("load", connect);
    client.addEventListener("error", function () {
      // The widget's own server is away: try again, as socket.io does for the bot's.
      client.parentNode.removeChild(client);
      setStatus("reconnecting");
      setTimeout(loadClient, SESSION_RETRY_MS);
    });
    document.head.appendChild(client);
  }

  // ----- language ----------------------------------------------------------------------------

  function applyLanguage() {
    var rtl = RTL[language] ? "rtl" : "ltr";
    ui.root.setAttribute("lang", language);
    ui.root.setAttribute("dir", rtl);
    ui.launcherText.textContent = t("title");
    ui.title.textContent = t("title");
    ui.close.setAttribute("aria-label", t("close"));
    ui.close.title = t("close");
    ui.languageLabel.textContent = t("language");
    ui.forget.textContent = t("forget");
    ui.log.setAttribute("aria-label", t("log"));
    ui.intro.textContent = t("intro");
    ui.inputLabel.textContent = t("message");
    ui.input.placeholder = t("placeholder");
    ui.send.textContent = t("send");
    ui.select.value = language;
    Array.prototype.forEach.call(ui.log.querySelectorAll(".kotobot__replies"), function (g) {
      g.setAttribute("aria-label", t("replies"));
    });
    Array.prototype.forEach.call(ui.log.querySelectorAll(".kotobot__row"), function (row) {
      var user = row.classList.contains("kotobot__row--user");
      row.querySelector(".kotobot__who").textContent = (user ? t("you") : t("bot")) + ": ";
    });
    Array.prototype.forEach.call(ui.log.querySelectorAll(".kotobot__listen"), function (b) {
      showSpeaking(b, b === speaking);
    });
    if (status) {
      ui.status.textContent = t(status);
    }
  }

  // The conversation switched language (detected or chosen): the panel follows, and keeps it.
  function followLanguage(code) {
    if (code !== language) {
      language = code;
      storage.set(KEYS.language, code);
      applyLanguage();
    }
  }

  function chooseLanguage(code) {
    if (!isLanguage(code) || code === language) {
      return;
    }
    language = code;
    storage.set(KEYS.language, code);
    applyLanguage();
    var name = LANGUAGES.filter(function (l) {
      return l.code === code;
    })[0].name;
    send("/choose_language" + JSON.stringify({ language: code }), name);
  }

  // ----- forget me ---------------------------------------------------------------------------

  function forget() {
    if (sessionId) {
      forgets.push(sessionId);
      dropped[sessionId] = true;
      saveForgets();
    }
    history = [];
    pending = [];
    storage.remove(KEYS.history);
    sessionId = "";
    storage.remove(KEYS.session);
    Array.prototype.forEach.call(
      ui.log.querySelectorAll(".kotobot__row, .kotobot__replies"),
      function (node) {
        node.parentNode.removeChild(node);
      }
    );
    hideTyping();
    stopSpeaking();
    // The audio of the forgotten messages goes too.
    Object.keys(speechCache).forEach(function (key) {
      URL.revokeObjectURL(speechCache[key]);
    });
    speechCache = {};
    setStatus("forgotten");
    if (socket && socket.connected) {
      requestForgets();
      requestSession();
    }
    ui.input.focus();
  }

  // ----- building the widget -----------------------------------------------------------------

  function open(focus) {
    ui.panel.hidden = false;
    ui.root.classList.add("kotobot--open");
    ui.launcher.setAttribute("aria-expanded", "true");
    storage.set(KEYS.open, "1");
    scrollToEnd();
    if (focus) {
      ui.input.focus();
    }
  }

  function close() {
    stopSpeaking();
    ui.panel.hidden = true;
    ui.root.classList.remove("kotobot--open");
    ui.launcher.setAttribute("aria-expanded", "false");
    storage.set(KEYS.open, "0");
    ui.launcher.focus();
  }

  function launcherIcon() {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("class", "kotobot__launcher-icon");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("fill", "currentColor");
    path.setAttribute(
      "d",
      "M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2h-9l-5 4v-4H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z"
    );
    svg.appendChild(path);
    return svg;
  }

  function build() {
    var root = el("div", "kotobot", { id: "kotobot" });
    ui.root = root;

    ui.launcher = el("button", "kotobot__launcher", {
      type: "button",
      "aria-expanded": "false",
      "aria-controls": "kotobot-panel"
    });
    ui.launcher.appendChild(launcherIcon());
    ui.launcherText = ui.launcher.appendChild(el("span"));
    root.appendChild(ui.launcher);

    ui.panel = el("section", "kotobot__panel", {
      id: "kotobot-panel",
      "aria-labelledby": "kotobot-title"
    });
    ui.panel.hidden = true;

    var header = ui.panel.appendChild(el("header", "kotobot__header"));
    var titlebar = header.appendChild(el("div", "kotobot__titlebar"));
    ui.title = titlebar.appendChild(el("h2", "kotobot__title", { id: "kotobot-title" }));
    ui.close = titlebar.appendChild(el("button", "kotobot__close", { type: "button" }));
    ui.close.appendChild(el("span", "", { "aria-hidden": "true" })).textContent = "×";

    var toolbar = header.appendChild(el("div", "kotobot__toolbar"));
    ui.languageLabel = toolbar.appendChild(el("label", "", { for: "kotobot-language" }));
    ui.select = toolbar.appendChild(el("select", "kotobot__language", { id: "kotobot-language" }));
    LANGUAGES.forEach(function (l) {
      var option = el("option", "", { value: l.code, lang: l.code, dir: RTL[l.code] ? "rtl" : "ltr" });
      option.textContent = l.name;
      ui.select.appendChild(option);
    });
    ui.forget = toolbar.appendChild(el("button", "kotobot__forget", { type: "button" }));

    ui.status = ui.panel.appendChild(
      el("div", "kotobot__status", { role: "status", "aria-live": "polite" })
    );

    ui.log = ui.panel.appendChild(
      el("div", "kotobot__log", { role: "log", "aria-live": "polite", tabindex: "0" })
    );
    ui.intro = ui.log.appendChild(el("p", "kotobot__intro"));
    ui.typing = ui.log.appendChild(el("div", "kotobot__typing", { "aria-hidden": "true" }));
    ui.typing.appendChild(el("span"));
    ui.typing.appendChild(el("span"));
    ui.typing.appendChild(el("span"));
    ui.typing.hidden = true;

    var form = ui.panel.appendChild(el("form", "kotobot__form"));
    ui.inputLabel = form.appendChild(el("label", "kotobot__sr", { for: "kotobot-input" }));
    ui.input = form.appendChild(
      el("input", "kotobot__input", {
        id: "kotobot-input",
        type: "text",
        dir: "auto",
        autocomplete: "off",
        maxlength: "1000",
        enterkeyhint: "send"
      })
    );
    ui.send = form.appendChild(el("button", "kotobot__send", { type: "submit" }));

    ui.audio = ui.panel.appendChild(el("audio", "kotobot__audio", { preload: "none" }));
    ui.audio.addEventListener("ended", stopSpeaking);
    ui.audio.addEventListener("error", function () {
      if (speaking) {
        stopSpeaking();
        setStatus("speechFailed");
      }
    });

    root.appendChild(ui.panel);

    ui.launcher.addEventListener("click", function () {
      if (ui.panel.hidden) {
        open(true);
      } else {
        close();
      }
    });
    ui.close.addEventListener("click", close);
    ui.panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        close();
      }
    });
    ui.select.addEventListener("change", function () {
      chooseLanguage(ui.select.value);
    });
    ui.forget.addEventListener("click", forget);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = ui.input.value.trim();
      if (text) {
        ui.input.value = "";
        send(text);
      }
      ui.input.focus();
    });

    document.body.appendChild(root);
  }

  function restoreHistory() {
    var lastUser = -1;
    history.forEach(function (entry, index) {
      if (entry.from === "user") {
        lastUser = index;
      }
    });
    history.forEach(function (entry, index) {
      if (entry.text) {
        renderEntry(entry);
      }
      // Only the answers after the user's last message still offer their buttons.
      var buttons = normaliseButtons(entry.buttons);
      if (entry.from === "bot" && index > lastUser && buttons.length) {
        renderReplies(buttons);
      }
    });
  }

  function addStyleSheet() {
    var link = el("link", "", { rel: "stylesheet", href: base + "kotobot-widget.css" });
    document.head.appendChild(link);
  }

  function start() {
    addStyleSheet();
    build();
    restoreHistory();
    applyLanguage();
    setStatus("connecting");
    if (storage.get(KEYS.open) === "1") {
      open(false);
    }
    loadClient();
    checkSpeech();
  }

  window.KotobotWidget = { version: "1" };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
