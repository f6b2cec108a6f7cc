// Starts the rasa-webchat widget with the settings of /portal/config.json.
// body[data-widget] is "launcher" (chat button, demo portal) or "embedded" (iframe page).
(function () {
  "use strict";
  // rasa-webchat's key for the conversation it keeps in localStorage (params.storage "local").
  var SESSION_KEY = "chat_session";
  var FRESH_START_DELAY_MS = 3000;
  // "Delete my data" done (domain.yml utter_forgotten, socketio variant, sends
  // {"twitch": "forgotten"}): the server has deleted the conversation; drop what this browser
  // keeps of it too, and reload, so the widget starts a fresh session with a new id.
  function onBotMessage(message) {
    if (!message || message.twitch !== "forgotten") return;
    window.setTimeout(function () {
      try {
        window.localStorage.removeItem(SESSION_KEY);
      } catch (err) {
        console.error("widget: could not clear the stored conversation:", err);
      }
      window.location.reload();
    }, FRESH_START_DELAY_MS);
  }
  function start(cfg) {
    var embedded = document.body.getAttribute("data-widget") === "embedded";
    window.WebChatA11y.start({ title: cfg.title }); // widget-a11y.js
    window.WebChat.default(
      {
        socketUrl: cfg.socketUrl || window.location.origin,
        socketPath: cfg.socketPath,
        title: cfg.title,
        subtitle: cfg.subtitle,
        initPayload: cfg.initPayload,
        inputTextFieldHint: cfg.inputTextFieldHint,
        profileAvatar: "assets/avatar.svg",
        mainColor: "#0b6e6e",
        userBackgroundColor: "#0b6e6e",
        userTextColor: "#ffffff",
        customData: { language: "en" },
        params: { storage: "local" },
        embedded: embedded,
        showFullScreenButton: !embedded,
        selector: embedded ? "#webchat" : undefined,
        onSocketEvent: { bot_uttered: onBotMessage },
      },
      null
    );
  }
  fetch("config.json", { credentials: "same-origin" })
    .then(function (r) {
      if (!r.ok) throw new Error("config.json: HTTP " + r.status);
      return r.json();
    })
    .then(start)
    .catch(function (err) {
      console.error("widget not started:", err);
    });
})();
